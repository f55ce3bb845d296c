"""Departures sold through the shop: each is an Oscar product whose stock record holds the seats.

`sync_departure_product` creates or updates the product; `departure_availability` is the rule
the partner strategy applies: a departure in the past or with no seats left cannot be bought.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from oscar.apps.partner import availability
from oscar.core.loading import get_model

if TYPE_CHECKING:
    from tourism.models import Departure

DEPARTURE_PRODUCT_CLASS = "旅游团期"
TRAVEL_PARTNER_CODE = "qianhuo-travel"
TRAVEL_PARTNER_NAME = "黔货进穗文旅服务"
TRAVEL_PARTNER_NAME_EN = "Qianhuo Jinsui Travel Services"


class DepartureClosed(availability.Unavailable):
    """A departure that cannot be booked, with the reason shown to the visitor."""

    code = "departure_closed"

    def __init__(self, message: str) -> None:
        self.message = message

    def is_purchase_permitted(self, quantity: int) -> tuple[bool, str]:
        return False, self.message


def is_departure_product(product: Any) -> bool:
    product_class = product.get_product_class() if product is not None else None
    return product_class is not None and product_class.name == DEPARTURE_PRODUCT_CLASS


def departure_date(product: Any) -> date | None:
    """The departure date of a departure product (one query, remembered on the instance)."""
    if not hasattr(product, "_departure_date"):
        from tourism.models import Departure

        product._departure_date = Departure.objects.filter(product_id=product.pk).values_list("date", flat=True).first()
    return product._departure_date


def departure_availability(product: Any, stockrecord: Any) -> availability.Base | None:
    """Why a departure product cannot be bought, or None for any other product / a bookable departure."""
    if not is_departure_product(product):
        return None
    when = departure_date(product)
    if when is not None and when < timezone.localdate():
        return DepartureClosed(gettext("该团期已于%(date)s出发，无法预订。") % {"date": when.isoformat()})
    if stockrecord is not None and (stockrecord.net_stock_level or 0) <= 0:
        return DepartureClosed(gettext("该团期已满员，请选择其他团期。"))
    return None


def _english_translation(route):
    """The route's English page (Wagtail's translation), or None while it has none."""
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code="en").first()
    return route.get_translation_or_none(locale) if locale else None


def _english_date(day: date) -> str:
    from django.utils import dateformat, translation

    with translation.override("en"):
        return dateformat.format(day, "j F Y")


@transaction.atomic
def sync_departure_product(departure: Departure) -> Any:
    """Create or update the departure's shop product and stock record (seats = stock); returns the product."""
    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")

    product_class, _created = ProductClass.objects.get_or_create(
        name=DEPARTURE_PRODUCT_CLASS, defaults={"requires_shipping": False, "track_stock": True}
    )
    partner, _created = Partner.objects.get_or_create(
        code=TRAVEL_PARTNER_CODE, defaults={"name": TRAVEL_PARTNER_NAME, "name_en": TRAVEL_PARTNER_NAME_EN}
    )
    route = departure.route
    title = f"{route.title} · {departure.date:%Y-%m-%d} 出发"
    product = departure.product or Product(product_class=product_class)
    product.title = title[:255]
    english_route = _english_translation(route)
    product.title_en = f"{english_route.title}, departing {_english_date(departure.date)}"[:255] if english_route else ""
    product.description_en = f"<p>{english_route.summary}</p>" if english_route else ""
    product.product_class = product_class
    product.origin_county = route.county
    product.is_public = False  # booked from the route page, not listed in the produce catalogue
    product.unit = "人"
    product.description = f"<p>{route.summary}</p>"
    product.save()
    sku = f"DEP-{departure.pk}"
    record = StockRecord.objects.filter(product=product, partner=partner).first()
    if record is None:
        record = StockRecord(product=product, partner=partner, partner_sku=sku, num_allocated=0)
    record.price = departure.price
    record.price_currency = "CNY"
    # Seats already taken (allocated) stay taken; the stock is the seats on sale.
    record.num_in_stock = departure.seats
    record.save()
    if departure.product_id != product.pk:
        departure.product = product
        departure.save(update_fields=["product"])
    return product
