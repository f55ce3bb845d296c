"""Forked dashboard order views: the staff CSV download goes through the one safe export writer.

Names and addresses in an order were typed by buyers; Oscar's own CSV writer would pass
``=HYPERLINK(…)`` through as a live formula. Everything else is Oscar's.
"""

from oscar.apps.dashboard.orders import views
from oscar.apps.dashboard.orders.views import *  # noqa: F403 — Oscar's fork pattern: the other views stay vanilla

from core.exports import csv_response


class OrderListView(views.OrderListView):
    def download_selected_orders(self, request, orders):
        rows = ([self.get_row_values(order).get(column, "") for column in self.CSV_COLUMNS] for order in orders)
        return csv_response(self.get_download_filename(request), list(self.CSV_COLUMNS.values()), rows)
