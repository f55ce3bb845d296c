"""Forked Oscar catalogue dashboard: products carry their origin county (产地县).

A cooperative's new product starts with the cooperative's county; staff and the
cooperative can change it in the product form.
"""

from oscar.apps.dashboard.catalogue import apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    name = "dashboard.catalogue"
