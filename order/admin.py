from oscar.apps.order.admin import *  # noqa: F403 — register Oscar's admin for the forked models
