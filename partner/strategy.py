"""Oscar's seam for prices and availability (`partner.strategy.Selector`), and the shop's own stock rules.

Which strategy a buyer gets is decided above the shop, where wholesale prices and tour departures
are known: `Selector` is the class named by settings.SHOP_STRATEGY_SELECTOR (wholesale.strategy),
loaded on first use, so the shop imports nothing from the floors above it. What stays here is what
every strategy applies to stock:

- a product that is not public (its page is 404) cannot be bought (``NotPublic``);
- units held by a payment that has gone stale (expired page, or no session at all) count as
  available: the hold is released before stock is taken (``stripe_payments.stock.reserve``), so a
  shopper is never told "sold out" because of an abandoned payment. Counting them costs a
  query only when a product looks sold out (``FreshStockRequired``).
"""

from django.conf import settings
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from oscar.apps.partner import availability


def __getattr__(name: str):
    # PEP 562: Oscar's get_class("partner.strategy", "Selector") and `from partner.strategy import Selector`.
    if name == "Selector":
        return import_string(settings.SHOP_STRATEGY_SELECTOR)
    raise AttributeError(name)


class NotPublic(availability.Unavailable):
    """A product whose page is not public (unpublished, withdrawn): no path may sell it."""

    code = "not_public"

    def is_purchase_permitted(self, quantity):
        return False, _("该商品暂未上架，无法购买。")

    @property
    def message(self) -> str:
        return _("该商品暂未上架，无法购买。")


class FreshStockRequired(availability.StockRequired):
    """Oscar's StockRequired on ``num_in_stock - num_allocated``, plus the units stale holds still count."""

    def __init__(self, stockrecord):
        self.stockrecord = stockrecord
        self.net = stockrecord.net_stock_level or 0
        self.asked = 1

    @cached_property
    def on_sale(self) -> int:
        from stripe_payments.stock import units_on_sale

        return units_on_sale(self.stockrecord.pk) if (self.stockrecord.num_allocated or 0) > 0 else self.net

    @property
    def num_available(self) -> int:
        return self.net if self.asked <= self.net else self.on_sale

    def is_purchase_permitted(self, quantity):
        self.asked = max(self.asked, int(quantity or 0))
        return super().is_purchase_permitted(quantity)
