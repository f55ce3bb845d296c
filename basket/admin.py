from oscar.apps.basket.admin import *  # noqa: F403 — register Oscar's admin for the forked models
