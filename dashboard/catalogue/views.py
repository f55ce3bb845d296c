"""Only ProductCreateUpdateView changes; Oscar's loader takes every other view from Oscar's module."""

from oscar.apps.dashboard.catalogue import views as oscar_views


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    def get_initial(self) -> dict:
        """A cooperative's new product is from its own county unless it says otherwise."""
        initial = super().get_initial()
        if self.object is None and not self.request.user.is_staff:
            partner = self.request.user.partners.exclude(county=None).select_related("county").first()
            if partner is not None:
                initial.setdefault("origin_county", partner.county)
        return initial
