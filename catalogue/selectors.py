"""Read-only product queries for the storefront, built so page cost does not grow with the catalogue."""

from django.db.models import Min, QuerySet
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")

SORT_ORDERS = {
    "newest": ("-date_created", "-id"),
    "price-asc": ("min_price", "id"),
    "price-desc": ("-min_price", "-id"),
    "title": ("title", "id"),
}


def storefront_products(*, categories=None, sort: str = "newest") -> QuerySet:
    """Public products for listings, with everything a product card shows fetched in bulk."""
    products = (
        Product.objects.browsable()
        .select_related("origin_county__paired_district", "product_class")
        .prefetch_related("images", "stockrecords")
        .annotate(min_price=Min("stockrecords__price"))
    )
    if categories is not None:
        products = products.filter(categories__in=categories).distinct()
    return products.order_by(*SORT_ORDERS.get(sort, SORT_ORDERS["newest"]))
