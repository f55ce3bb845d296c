"""Sales figures for the East–West cooperation assessment (考核), aggregated in the database.

A "sale" is an order line of an order that was not cancelled. Refunds are order-level
amounts (Stripe refunds), so each line's net amount is its price less its share of the
order's refunds: line × (1 − refunded ÷ order total). Every figure is a sum of those net
line amounts, so tables always add up to the order lines underneath them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")
CENT = Decimal("0.01")
MONEY = DecimalField(max_digits=14, decimal_places=4)


@dataclass
class ReportFilters:
    start: date | None = None
    end: date | None = None
    prefecture: str = ""
    county: str = ""
    poverty_only: bool = False
    channel: str = ""  # "consumer" | "wholesale" | ""


def _refunded_for_order():
    refunds = (
        PaymentEvent.objects.filter(order=OuterRef("order"), event_type__code__in=settings.REFUND_EVENT_CODES)
        .values("order")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(refunds, output_field=MONEY), Value(Decimal("0")), output_field=MONEY)


def sold_lines(filters: ReportFilters | None = None) -> QuerySet:
    """Order lines that count as sales, annotated with net amount, weight and channel."""
    from wholesale.models import BusinessAccount

    filters = filters or ReportFilters()
    lines = Line.objects.exclude(order__status__in=settings.UNSOLD_ORDER_STATUSES)
    if filters.start:
        lines = lines.filter(order__date_placed__date__gte=filters.start)
    if filters.end:
        lines = lines.filter(order__date_placed__date__lte=filters.end)
    if filters.prefecture:
        lines = lines.filter(product__origin_county__prefecture__slug=filters.prefecture)
    if filters.county:
        lines = lines.filter(product__origin_county__slug=filters.county)
    if filters.poverty_only:
        lines = lines.filter(product__origin_county__is_national_poverty_county=True)

    order_total = F("order__total_incl_tax")
    if connection.vendor == "sqlite":  # SQLite divides whole-yuan amounts as integers: 126 / 504 = 0
        order_total = Cast(order_total, FloatField())
    refund_share = Case(
        When(order__total_incl_tax__gt=0, then=ExpressionWrapper(_refunded_for_order() / order_total, output_field=MONEY)),
        default=Value(Decimal("0")),
        output_field=MONEY,
    )
    lines = lines.annotate(
        refund_share=refund_share,
        net_amount=ExpressionWrapper(F("line_price_incl_tax") * (Value(Decimal("1")) - F("refund_share")), output_field=MONEY),
        weight_grams=ExpressionWrapper(F("quantity") * Coalesce(F("product__net_weight_grams"), 0), output_field=IntegerField()),
        is_wholesale=Exists(BusinessAccount.objects.filter(user=OuterRef("order__user"), status=BusinessAccount.Status.APPROVED)),
    )
    if filters.channel == "wholesale":
        lines = lines.filter(is_wholesale=True)
    elif filters.channel == "consumer":
        lines = lines.filter(is_wholesale=False)
    return lines


def _money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Row:
    key: str
    label: str
    gmv: Decimal
    orders: int
    units: int
    weight_kg: Decimal
    share: float = 0.0


def _rows(lines: QuerySet, key: str, label: str) -> list[Row]:
    grouped = (
        lines.values(key, label)
        .annotate(gmv=Sum("net_amount"), orders=Count("order", distinct=True), units=Sum("quantity"), grams=Sum("weight_grams"))
        .order_by("-gmv")
    )
    rows = [
        Row(
            key=str(item[key]),
            label=str(item[label]) if item[label] is not None else str(_("未注明")),
            gmv=_money(item["gmv"]),
            orders=item["orders"],
            units=item["units"] or 0,
            weight_kg=(Decimal(item["grams"] or 0) / 1000).quantize(Decimal("0.1")),
        )
        for item in grouped
    ]
    top = max((row.gmv for row in rows), default=Decimal("0"))
    for row in rows:
        row.share = float(row.gmv / top * 100) if top else 0.0
    return rows


def totals(lines: QuerySet) -> dict:
    result = lines.aggregate(
        gmv=Sum("net_amount"),
        orders=Count("order", distinct=True),
        units=Sum("quantity"),
        grams=Sum("weight_grams"),
        counties=Count("product__origin_county", distinct=True),
        cooperatives=Count("partner", distinct=True),
    )
    return {
        "gmv": _money(result["gmv"]),
        "orders": result["orders"],
        "units": result["units"] or 0,
        "weight_kg": (Decimal(result["grams"] or 0) / 1000).quantize(Decimal("0.1")),
        "counties": result["counties"],
        "cooperatives": result["cooperatives"],
    }


def by_county(lines: QuerySet) -> list[Row]:
    return _rows(lines, "product__origin_county__slug", "product__origin_county__name")


def by_prefecture(lines: QuerySet) -> list[Row]:
    return _rows(lines, "product__origin_county__prefecture__slug", "product__origin_county__prefecture__name")


def by_cooperative(lines: QuerySet) -> list[Row]:
    return _rows(lines, "partner_id", "partner_name")


def by_month(lines: QuerySet) -> list[Row]:
    rows = _rows(lines.annotate(month=TruncMonth("order__date_placed")), "month", "month")
    for row in rows:
        row.label = row.label[:7]
    return sorted(rows, key=lambda row: row.key)


def by_poverty(lines: QuerySet) -> list[Row]:
    rows = _rows(lines, "product__origin_county__is_national_poverty_county", "product__origin_county__is_national_poverty_county")
    for row in rows:
        row.label = str(_("国定贫困县") if row.key == "True" else _("其他结对县"))
    return rows


def by_channel(lines: QuerySet) -> list[Row]:
    rows = _rows(lines, "is_wholesale", "is_wholesale")
    for row in rows:
        row.label = str(_("批发采购") if row.key == "True" else _("个人消费者"))
    return rows


@dataclass
class DistrictRow:
    slug: str
    name: str
    paired_counties: str
    paired_gmv: Decimal
    other_gmv: Decimal
    orders: int


def district_support(lines: QuerySet) -> list[DistrictRow]:
    """Each Guangzhou district's purchases from its own paired counties vs from the others."""
    from regions.models import District

    paired = Q(order__guangzhou_district=F("product__origin_county__paired_district"))
    grouped = {
        item["order__guangzhou_district"]: item
        for item in lines.exclude(order__guangzhou_district=None)
        .values("order__guangzhou_district")
        .annotate(
            paired_gmv=Sum("net_amount", filter=paired),
            other_gmv=Sum("net_amount", filter=~paired),
            orders=Count("order", distinct=True),
        )
    }
    rows = []
    for district in District.objects.prefetch_related("paired_counties"):
        item = grouped.get(district.pk, {})
        rows.append(
            DistrictRow(
                slug=district.slug,
                name=district.name,
                paired_counties="、".join(county.short_name for county in district.paired_counties.all()),
                paired_gmv=_money(item.get("paired_gmv")),
                other_gmv=_money(item.get("other_gmv")),
                orders=item.get("orders", 0),
            )
        )
    return rows


def households_linked(filters: ReportFilters | None = None) -> int:
    """Registered poor households the selling cooperatives work with (from their profiles)."""
    from cooperatives.models import CooperativeProfile

    filters = filters or ReportFilters()
    partner_ids = sold_lines(filters).values("partner_id").distinct()
    return CooperativeProfile.objects.filter(partner_id__in=partner_ids).aggregate(n=Sum("households_supported"))["n"] or 0
