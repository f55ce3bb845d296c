from oscar.apps.catalogue.admin import *  # noqa: F403 — register Oscar's admin for the forked models
