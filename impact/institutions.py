"""Budget units' canteen purchases against their reserved share (财库〔2021〕19号; Guangdong ≥ 30 % from 2025).

What counts is what the assessment counts: certified 帮扶产品 (a verified 扶贫/消费帮扶产品认定 in
force on the day of sale) of 农畜牧产品 from the paired counties, bought by the unit's account,
net of refunds line by line. Everything else the unit bought is shown beside it, not in it.
"""

from dataclasses import dataclass
from decimal import Decimal

from core.money import quantize_fen
from impact import selectors
from impact.models import SaleLine

ZERO = Decimal("0.00")


@dataclass
class Progress:
    account: object
    year: int
    budget: object | None  # wholesale.InstitutionBudget, or None before the unit has entered one
    target: Decimal
    bought: Decimal  # what counts, net of refunds
    other: Decimal  # bought on the platform this year that does not count
    orders: int

    @property
    def gap(self) -> Decimal:
        return max(self.target - self.bought, ZERO)

    @property
    def percent(self) -> Decimal:
        """Progress as a percentage of the target, to one decimal (0 without a target)."""
        if not self.target:
            return Decimal("0.0")
        return (self.bought * 100 / self.target).quantize(Decimal("0.1"))

    @property
    def bar_percent(self) -> int:
        return min(int(self.percent), 100)

    @property
    def reached(self) -> bool:
        return bool(self.target) and self.bought >= self.target


def _progress(account, year: int, budget, figures: dict) -> Progress:
    counted = figures.get((account.pk, True), selectors.Figures())
    other = figures.get((account.pk, False), selectors.Figures())
    return Progress(
        account=account,
        year=year,
        budget=budget,
        target=budget.target if budget else ZERO,
        bought=counted.money,
        other=other.money,
        orders=counted.orders,
    )


def _figures(lines) -> dict:
    """{(account id, counts?): Figures} — what counts against the reserved share, and the rest."""
    counts = selectors.counts_for_reserved_share()
    keys = {"account": "business_account_id"}
    figures = {}
    for counted, subset in ((True, lines.filter(counts)), (False, lines.exclude(counts))):
        for (account_id,), group in selectors.grouped(subset, keys).items():
            figures[(account_id, counted)] = group
    return figures


def institution_progress(account, *, year: int) -> Progress:
    """One unit's target, what counts so far this year and the gap."""
    budget = account.budgets.filter(year=year).first()
    return _progress(account, year, budget, _figures(selectors.lines_by_account(account, year=year)))


def ranking(*, year: int) -> list[Progress]:
    """Every approved budget unit, furthest along first (then the largest target)."""
    from wholesale.models import BusinessAccount, InstitutionBudget

    accounts = list(
        BusinessAccount.objects.filter(
            buyer_type=BusinessAccount.BuyerType.INSTITUTION, status=BusinessAccount.Status.APPROVED
        ).select_related("delivery_district")
    )
    budgets = {b.account_id: b for b in InstitutionBudget.objects.filter(year=year, account__in=accounts)}
    since, until = selectors.period_bounds(*_year_days(year))
    lines = SaleLine.objects.filter(business_account__in=accounts, placed_at__gte=since, placed_at__lt=until)
    lines = lines.exclude(order__status__in=selectors.settings.UNSOLD_ORDER_STATUSES).order_by()
    figures = _figures(lines)
    progress = [_progress(account, year, budgets.get(account.pk), figures) for account in accounts]
    return sorted(progress, key=lambda p: (-p.percent, -p.target, p.account.company_name))


def _year_days(year: int):
    from datetime import date

    return date(year, 1, 1), date(year, 12, 31)


@dataclass
class Purchase:
    placed_at: object
    order_number: str
    title: str
    code_832: str
    county: str
    cooperative: str
    certificate: str
    counts: bool
    units: int
    money: Decimal


def purchases(account, *, year: int) -> list[Purchase]:
    """The unit's purchases this year line by line, net of refunds, with the 832平台 code to file them."""
    lines = selectors.lines_by_account(account, year=year)
    refunded = selectors.net_by_line(lines)
    counting = set(lines.filter(selectors.counts_for_reserved_share()).values_list("pk", flat=True))
    rows = []
    for entry in lines.select_related("order", "line", "product", "county", "partner", "certificate").order_by("placed_at", "line_id"):
        money_back, units_back = refunded.get(entry.line_id, (ZERO, 0))
        rows.append(
            Purchase(
                placed_at=entry.placed_at,
                order_number=entry.order.number,
                title=entry.line.title,
                code_832=getattr(entry.product, "code_832", "") if entry.product else "",
                county=entry.county.name if entry.county else "",
                cooperative=entry.partner.name if entry.partner else entry.line.partner_name,
                certificate=entry.certificate.number if entry.certificate else "",
                counts=entry.pk in counting,
                units=entry.quantity - units_back,
                money=quantize_fen(entry.amount - money_back),
            )
        )
    return rows
