"""What the shopper's pages show beyond Oscar's: delivery promise, related products, order status in words."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalogue.cards import CardIds, render_product_cards
from catalogue.selectors import storefront_products
from core.fragments import remembered
from shipping.methods import Ambient, ColdChain, basket_needs_cold_chain

register = template.Library()

#: How long a cooperative has to hand an order to the carrier (the promise on the product page).
DISPATCH_HOURS = {"cold": 48, "ambient": 72}

#: The five words a buyer reads on the order page, for every status in the order pipeline.
ORDER_STATUS_WORDS = {
    "待付款": _("待付款"),
    "待发货": _("待发货"),
    "部分发货": _("已发货"),
    "已发货": _("已发货"),
    "已完成": _("已完成"),
    "已退款": _("已退款"),
    "已取消": _("已退款"),
}
ORDER_STEPS = ("待付款", "待发货", "已发货", "已完成")


@dataclass
class DeliveryPromise:
    method_name: str
    cold_chain: bool
    dispatch_hours: int
    fee: Decimal
    free_threshold: Decimal
    description: str


class _OneItem:
    """Just enough of a basket for a shipping method to price one unit of one product."""

    def __init__(self, product, price: Decimal):
        self.product, self.quantity = product, 1
        self.total_incl_tax = price
        self.currency = settings.OSCAR_DEFAULT_CURRENCY

    def all_lines(self):
        return [self]


@register.simple_tag
def delivery_promise(product, price=None) -> DeliveryPromise:
    """The method this product travels by, when it leaves the county and what one unit costs to send."""
    method = ColdChain() if product.needs_cold_chain else Ambient()
    fee = method.calculate(_OneItem(product, Decimal(price or 0))).incl_tax
    return DeliveryPromise(
        method_name=str(method.name),
        cold_chain=product.needs_cold_chain,
        dispatch_hours=DISPATCH_HOURS["cold" if product.needs_cold_chain else "ambient"],
        fee=fee,
        free_threshold=method.free_threshold,
        description=str(method.description),
    )


@register.simple_tag(takes_context=True)
def product_cards(context, products) -> list:
    """`{% product_cards products as cards %}`: each product's card HTML (see catalogue.cards)."""
    return render_product_cards(context, products) if products is not None else []


@register.simple_tag
def related_from_county(product, limit: int = 4) -> CardIds | None:
    """Other public products of the same county, cheapest first: their ids, remembered per site version."""
    if not product.origin_county_id:
        return None

    def find() -> CardIds:
        products = storefront_products(sort="price-asc").filter(origin_county_id=product.origin_county_id).exclude(pk=product.pk)
        return CardIds(products.select_related(None).prefetch_related(None).values_list("pk", flat=True)[:limit])

    return remembered("related-from-county", (product.pk, limit), find)


@register.filter
def status_words(status: str) -> str:
    """待发货 / 已发货 / 已完成 / 已退款 … for any status in the pipeline (unknown ones as they are)."""
    return ORDER_STATUS_WORDS.get(status, status)


@register.simple_tag
def order_steps(order) -> list[dict]:
    """The progress bar of the order page: each step done, current or still to come."""
    word = ORDER_STATUS_WORDS.get(order.status, order.status)
    if str(word) == str(ORDER_STATUS_WORDS["已退款"]):
        return []
    current = next((i for i, step in enumerate(ORDER_STEPS) if str(ORDER_STATUS_WORDS[step]) == str(word)), 1)
    return [{"label": ORDER_STATUS_WORDS[step], "done": i < current, "current": i == current} for i, step in enumerate(ORDER_STEPS)]


@register.simple_tag(takes_context=True)
def facet_url(context, key: str, value: str, multi: bool = False) -> str:
    """The listing URL with one facet value switched on or off (page reset), so each option is a plain link."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    current = params.getlist(key)
    if value in current:
        current = [v for v in current if v != value]
    else:
        current = [*current, value] if multi else [value]
    if current:
        params.setlist(key, current)
    else:
        params.pop(key, None)
    query = params.urlencode()
    return f"?{query}" if query else "?"


@register.filter
def basket_has_cold(basket) -> bool:
    """Whether the basket holds chilled or frozen produce (then the whole order goes by cold chain)."""
    return basket_needs_cold_chain(basket)
