"""Which prices and rules each buyer gets: retail for everyone, volume tiers for approved businesses.

Oscar asks `partner.strategy.Selector` for a strategy per request (or per user, outside a request);
that name is loaded from here by configuration (settings.SHOP_STRATEGY_SELECTOR), so the shop
imports nothing from wholesale or tourism. Consumers get Oscar's Default strategy with the shop's
rules, so tier prices can never reach them; approved wholesale buyers get WholesaleStrategy, whose
`fetch_for_line` is quantity-aware.

Both strategies apply the same availability rules, so every path that asks Oscar whether
something can be bought (basket add and update, checkout, quick order, saved lists, quotes)
gets the same answer:

- a product that is not public (its page is 404) cannot be bought — except tour departures,
  which tourism sells from its own route pages (``departure_availability`` rules them);
- units held by a payment that has gone stale count as available (partner.strategy.FreshStockRequired).
"""

from decimal import Decimal

from django.utils.functional import cached_property
from oscar.apps.partner import availability, prices
from oscar.apps.partner.strategy import Default, NoTax, PurchaseInfo, Structured, UseFirstStockRecord

from partner.strategy import FreshStockRequired, NotPublic
from tourism.booking import departure_availability, is_departure_product
from wholesale.pricing import Tier, cases_for, quantity_problem, tier_for


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        user = user or (getattr(request, "user", None) if request else None)
        account = _approved_account(user)
        if account is not None:
            return WholesaleStrategy(request, user=user, account=account)
        return RetailStrategy(request)


def closed_policy(product, stockrecord):
    """Why ``product`` cannot be bought whatever the quantity, or None. Departures follow tourism's rules."""
    if is_departure_product(product):
        return departure_availability(product, stockrecord)
    if not product.is_public or (product.parent_id and not product.parent.is_public):
        return NotPublic()
    return None


class RetailStrategy(Default):
    """Oscar's Default with the shop's rules: not public, departures, stale holds (see the module docstring)."""

    #: Every consumer and anonymous visitor sees the same prices: product cards may be shared (catalogue.cards).
    prices_shared_by_all_visitors = True

    def availability_policy(self, product, stockrecord):
        closed = closed_policy(product, stockrecord)
        if closed is not None:
            return closed
        if stockrecord and product.get_product_class().track_stock:
            return FreshStockRequired(stockrecord)
        return super().availability_policy(product, stockrecord)


def _approved_account(user):
    if user is None or not user.is_authenticated:
        return None
    from wholesale.models import BusinessAccount

    account = getattr(user, "_cached_business_account", None)
    if account is None:
        account = BusinessAccount.objects.filter(user=user, status=BusinessAccount.Status.APPROVED).first() or False
        user._cached_business_account = account
    return account or None


class CasePackAvailability(FreshStockRequired):
    """Stock must be there, and businesses buy whole cases from the minimum quantity up."""

    def __init__(self, stockrecord, case_size: int, min_quantity: int):
        super().__init__(stockrecord)
        self.case_size = case_size
        self.min_quantity = min_quantity

    def is_purchase_permitted(self, quantity):
        problem = quantity_problem(quantity, case_size=self.case_size, min_quantity=self.min_quantity)
        if problem:
            return False, problem
        return super().is_purchase_permitted(quantity)


def stockrecord_tiers(stockrecord) -> list[Tier]:
    return [Tier(t.min_cases, t.max_cases, t.unit_price) for t in stockrecord.price_tiers.all()]


def stockrecord_terms(stockrecord) -> tuple[int, int]:
    """(case size, minimum units) for a stock record; retail-like 1/1 when none are set."""
    terms = getattr(stockrecord, "wholesale_terms", None)  # a missing one-to-one raises AttributeError
    return (terms.case_size, terms.min_order_quantity) if terms else (1, 1)


class WholesaleStrategy(UseFirstStockRecord, NoTax, Structured):
    def __init__(self, request=None, user=None, account=None):
        super().__init__(request)
        self.user = user
        self.account = account

    def availability_policy(self, product, stockrecord):
        closed = closed_policy(product, stockrecord)
        if closed is not None:
            return closed
        if not stockrecord:
            return availability.Unavailable()
        if not product.get_product_class().track_stock:
            return availability.Available()
        case_size, min_quantity = stockrecord_terms(stockrecord)
        return CasePackAvailability(stockrecord, case_size, min_quantity)

    @cached_property
    def quoted(self) -> dict[int, Decimal]:
        from wholesale.quotes import quoted_prices

        return quoted_prices(account=self.account)

    def unit_price(self, stockrecord, quantity: int) -> Decimal:
        """An accepted quote's price while it is valid, otherwise the volume tier for `quantity`."""
        if stockrecord.pk in self.quoted:
            return self.quoted[stockrecord.pk]
        case_size, _min = stockrecord_terms(stockrecord)
        tier = tier_for(stockrecord_tiers(stockrecord), cases_for(quantity, case_size))
        return tier.unit_price if tier else stockrecord.price

    def pricing_policy(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return prices.Unavailable()
        _case, min_quantity = stockrecord_terms(stockrecord)
        return prices.FixedPrice(
            currency=stockrecord.price_currency, excl_tax=self.unit_price(stockrecord, min_quantity), tax=Decimal("0.00")
        )

    def fetch_for_line(self, line, stockrecord=None):
        stockrecord = stockrecord or line.stockrecord or self.select_stockrecord(line.product)
        info = self.fetch_for_product(line.product, stockrecord)
        if not stockrecord or stockrecord.price is None:
            return info
        price = prices.FixedPrice(
            currency=stockrecord.price_currency, excl_tax=self.unit_price(stockrecord, line.quantity), tax=Decimal("0.00")
        )
        return PurchaseInfo(price=price, availability=info.availability, stockrecord=stockrecord)
