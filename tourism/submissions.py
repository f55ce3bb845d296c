"""Group-inquiry submissions exported by staff (Wagtail's CSV/Excel download) through the safe writer's rule.

Wagtail already types .xlsx formula cells as strings, but its CSV writes what a visitor typed
as is: a name of ``=HYPERLINK(…)`` would be a live formula in the staff member's Excel.
"""

from wagtail.contrib.forms.views import SubmissionsListView

from core.exports import neutralise


class SafeSubmissionsListView(SubmissionsListView):
    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))
