"""Read-only queries about regions, shared by the shop, CMS and reports."""

from django.db.models import QuerySet
from oscar.core.loading import get_model

from regions.models import County


def public_products_for_county(*, county: County) -> QuerySet:
    """Browsable products grown or made in the county, newest first, ready for product cards."""
    from catalogue.selectors import with_card_data

    Product = get_model("catalogue", "Product")
    return with_card_data(Product.objects.browsable().filter(origin_county=county)).order_by("-date_created")
