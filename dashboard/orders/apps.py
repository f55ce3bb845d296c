"""Forked Oscar orders dashboard: staff only.

Oscar lets a partner user open every line, the full customer details and the
billing address of any order that has one of its lines. Cooperatives therefore
use their own order views under /dashboard/cooperative/orders/ (the
``cooperatives.dashboard`` app), which show only their own lines and the
shipping name and address; Oscar's order views stay for platform staff.
"""

from oscar.apps.dashboard.orders import apps


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "dashboard.orders"

    def configure_permissions(self) -> None:
        super().configure_permissions()
        # Drop every partner_dashboard_access alternative: only default_permissions (is_staff) remain.
        self.permissions_map = {}
