"""Forked Oscar dashboard root app, so that Oscar's class loader finds the forked sub-apps' modules.

Oscar resolves ``get_class("dashboard.catalogue.forms", …)`` through the app labelled
``dashboard``; with this fork it looks in ``dashboard/catalogue/forms.py`` first and
falls back to Oscar's module for everything not defined here.
"""

from oscar.apps.dashboard import apps


class DashboardConfig(apps.DashboardConfig):
    name = "dashboard"
