"""Only ProductCreateUpdateView changes; Oscar's loader takes every other view from Oscar's module."""

from django.http import Http404
from oscar.apps.dashboard.catalogue import views as oscar_views

from tourism.booking import DEPARTURE_PRODUCT_CLASS


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    def get_initial(self) -> dict:
        """A cooperative's new product is from its own county unless it says otherwise."""
        initial = super().get_initial()
        if self.object is None and not self.request.user.is_staff:
            partner = self.request.user.partners.exclude(county=None).select_related("county").first()
            if partner is not None:
                initial.setdefault("origin_county", partner.county)
        return initial

    def get_object(self, queryset=None):
        """Tour departures are made by staff from the tourism routes, never by a cooperative."""
        product = super().get_object(queryset)
        product_class = product.get_product_class() if product is not None else getattr(self, "product_class", None)
        if not self.request.user.is_staff and product_class is not None and product_class.name == DEPARTURE_PRODUCT_CLASS:
            raise Http404
        return product
