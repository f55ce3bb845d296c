"""常温快递 and 冷链配送: charged by weight, free above a basket threshold.

Chilled and frozen produce spoils on an ordinary courier, so a basket holding any of
it is offered cold chain only (see shipping.repository).
"""

from __future__ import annotations

import math
from decimal import Decimal as D

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import Base
from oscar.core import prices

DEFAULT_LINE_WEIGHT_GRAMS = 500


def basket_weight_grams(basket) -> int:
    """Net weight of everything in the basket; products without a weight count as 500 g."""
    return sum((line.product.net_weight_grams or DEFAULT_LINE_WEIGHT_GRAMS) * line.quantity for line in basket.all_lines())


def basket_needs_cold_chain(basket) -> bool:
    return any(getattr(line.product, "needs_cold_chain", False) for line in basket.all_lines())


class WeightBased(Base):
    """首重 + 续重: a price for the first kilogram and one for each further kilogram started."""

    first_kg = D("0.00")
    extra_kg = D("0.00")
    free_threshold = D("0.00")

    def calculate(self, basket) -> prices.Price:
        currency = getattr(basket, "currency", None) or settings.OSCAR_DEFAULT_CURRENCY
        if basket.total_incl_tax >= self.free_threshold:
            charge = D("0.00")
        else:
            kilos = max(1, math.ceil(basket_weight_grams(basket) / 1000))
            charge = self.first_kg + self.extra_kg * (kilos - 1)
        return prices.Price(currency=currency, excl_tax=charge, incl_tax=charge)


class Ambient(WeightBased):
    code = "ambient-express"
    name = _("常温快递")
    description = _("首重1公斤8元，续重每公斤2元；满99元包邮。2–4天送达广州。")
    first_kg = D("8.00")
    extra_kg = D("2.00")
    free_threshold = D("99.00")


class ColdChain(WeightBased):
    code = "cold-chain"
    name = _("冷链配送")
    description = _("全程0–4℃（冷冻品−18℃）冷链，首重1公斤18元，续重每公斤6元；满199元包邮。48小时内送达广州。")
    first_kg = D("18.00")
    extra_kg = D("6.00")
    free_threshold = D("199.00")
