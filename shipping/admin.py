from oscar.apps.shipping.admin import *  # noqa: F403 — register Oscar's admin for the forked models
