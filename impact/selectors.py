"""The assessment report (考核), read from the impact ledger and net of refunds line by line.

Every figure starts from ``SaleLine`` rows (one per sold order line, dimensions fixed at the
sale) of orders that were not cancelled. Money and units are each line's amount and quantity
less what its succeeded ``payments.RefundLine`` rows gave back; a line whose units all came
back no longer counts towards orders or buyers. Sums are taken in the database twice per
table — once over the lines, once over the (few) refunded lines with the same grouping — and
the difference is the net figure, so a report over 100,000 lines stays a handful of
aggregate queries instead of a correlated lookup per line.

Reports cover 销售结对地区产品 (农畜牧产品 and 特色手工艺产品); tourism departures sold in
the shop are shown beside them, never inside them.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.money import quantize_fen
from impact.models import PRODUCT_KINDS, Channel, ProductKind, SaleLine

ZERO = Decimal("0.00")
REFUND_PREFIX = "line__impact_entry__"


@dataclass(frozen=True)
class ReportFilters:
    start: date | None = None
    end: date | None = None
    prefecture: str = ""
    county: str = ""
    poverty_only: bool = False
    channel: str = ""
    kind: str = ""
    certified_only: bool = False


def period_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """Local days [start, end] as aware datetimes [from, until): the report's days are Beijing days."""
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), tz) if start else None
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz) if end else None
    return since, until


def ledger(filters: ReportFilters | None = None, *, kinds=PRODUCT_KINDS) -> QuerySet[SaleLine]:
    """The ledger rows a report covers: sold (not cancelled) lines in the period, after the filters."""
    filters = filters or ReportFilters()
    lines = SaleLine.objects.exclude(order__status__in=settings.UNSOLD_ORDER_STATUSES).filter(kind__in=kinds)
    since, until = period_bounds(filters.start, filters.end)
    if since:
        lines = lines.filter(placed_at__gte=since)
    if until:
        lines = lines.filter(placed_at__lt=until)
    if filters.prefecture:
        lines = lines.filter(county__prefecture__slug=filters.prefecture)
    if filters.county:
        lines = lines.filter(county__slug=filters.county)
    if filters.poverty_only:
        lines = lines.filter(poverty_county=True)
    if filters.channel:
        lines = lines.filter(channel=filters.channel)
    if filters.kind:
        lines = lines.filter(kind=filters.kind)
    if filters.certified_only:
        lines = lines.filter(certified=True)
    return lines.order_by()


# --- net figures -------------------------------------------------------------
@dataclass
class Figures:
    """What every cell of the report is made of, for one group of lines (net of refunds)."""

    money: Decimal = ZERO
    guangzhou_money: Decimal = ZERO
    certified_money: Decimal = ZERO
    paired_money: Decimal = ZERO  # bought by a district from the counties it is paired with
    units: int = 0
    orders: int = 0
    buyers: int = 0

    @property
    def elsewhere_money(self) -> Decimal:
        return self.money - self.guangzhou_money

    @property
    def other_counties_money(self) -> Decimal:
        return self.money - self.paired_money


def _money_metrics(prefix: str) -> dict[str, Q]:
    return {
        "money": Q(),
        "guangzhou_money": Q(**{f"{prefix}into_guangzhou": True}),
        "certified_money": Q(**{f"{prefix}certified": True}),
        "paired_money": Q(**{f"{prefix}district": F(f"{prefix}county_paired_district")}),
    }


def _succeeded_refund_lines() -> QuerySet:
    RefundLine = apps.get_model("payments", "RefundLine")
    Refund = apps.get_model("payments", "Refund")
    return RefundLine.objects.filter(refund__status=Refund.Status.SUCCEEDED).order_by()


def _fully_refunded_line_ids() -> QuerySet:
    """Order lines whose every unit came back: they no longer make an order or a buyer count."""
    return (
        _succeeded_refund_lines()
        .values("line", "line__quantity")
        .annotate(returned=Sum("quantity"))
        .filter(returned__gte=F("line__quantity"))
        .values("line")
    )


def _keys(keys: dict[str, str], prefix: str) -> dict[str, Any]:
    """Group-by expressions under aliases of their own ("g_…"), which never collide with a field."""
    return {f"g_{alias}": TruncMonth(f"{prefix}placed_at") if path == "month" else F(f"{prefix}{path}") for alias, path in keys.items()}


def grouped(lines: QuerySet[SaleLine], keys: dict[str, str] | None = None) -> dict[tuple, Figures]:
    """Net figures per group: {(key values…): Figures}; with no keys, one group keyed ()."""
    keys = keys or {}
    live = ~Q(line_id__in=_fully_refunded_line_ids())
    gross_metrics = {name: Sum("amount", filter=condition) for name, condition in _money_metrics("").items()}
    aggregates = {
        **gross_metrics,
        "units": Sum("quantity"),
        "orders": Count("order_id", distinct=True, filter=live),
        "buyers": Count("buyer", distinct=True, filter=live),
    }
    aliases = [f"g_{alias}" for alias in keys]
    if keys:
        rows = lines.annotate(**_keys(keys, "")).values(*aliases).annotate(**aggregates).order_by()
    else:
        rows = [lines.aggregate(**aggregates)]
    result: dict[tuple, Figures] = {}
    for row in rows:
        key = tuple(row[alias] for alias in aliases)
        if not keys and row["units"] is None:
            continue
        result[key] = Figures(
            money=quantize_fen(row["money"] or 0),
            guangzhou_money=quantize_fen(row["guangzhou_money"] or 0),
            certified_money=quantize_fen(row["certified_money"] or 0),
            paired_money=quantize_fen(row["paired_money"] or 0),
            units=row["units"] or 0,
            orders=row["orders"],
            buyers=row["buyers"],
        )
    refunds = _succeeded_refund_lines().filter(line__impact_entry__in=lines.values("pk"))
    refund_metrics = {name: Sum("amount", filter=condition) for name, condition in _money_metrics(REFUND_PREFIX).items()}
    refund_aggregates = {**refund_metrics, "units": Sum("quantity")}
    if keys:
        refund_rows = refunds.annotate(**_keys(keys, REFUND_PREFIX)).values(*aliases).annotate(**refund_aggregates).order_by()
    else:
        refund_rows = [refunds.aggregate(**refund_aggregates)]
    for row in refund_rows:
        if row["units"] is None:
            continue
        figures = result.get(tuple(row[alias] for alias in aliases))
        if figures is None:
            continue
        for name in refund_metrics:
            setattr(figures, name, getattr(figures, name) - quantize_fen(row[name] or 0))
        figures.units -= row["units"] or 0
    return result


def households(lines: QuerySet[SaleLine]) -> tuple[int, int]:
    """Households involved and of them 脱贫户: each certificate counted once, from its figures at the sale."""
    live = lines.filter(certified=True).exclude(line_id__in=_fully_refunded_line_ids())
    per_certificate = live.values("certificate_id").annotate(h=Max("households"), p=Max("poor_households")).order_by()
    total = poor = 0
    for row in per_certificate:
        total += row["h"] or 0
        poor += row["p"] or 0
    return total, poor


# --- tables ------------------------------------------------------------------
@dataclass
class Column:
    key: str
    label: str
    kind: str = "int"  # "text" | "money" | "int"


@dataclass
class Row:
    key: str
    label: str
    values: dict[str, Any]
    is_total: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    note: str = ""

    def cells(self, row: Row) -> list[tuple[str, Any]]:
        return [(column.kind, row.values.get(column.key, "")) for column in self.columns]

    def row(self, key: str) -> Row:
        return next(row for row in self.rows if row.key == key)


def _counts(figures: Figures) -> dict[str, Any]:
    return {"units": figures.units, "orders": figures.orders, "buyers": figures.buyers}


COUNT_COLUMNS = [Column("units", _("件数")), Column("orders", _("订单数")), Column("buyers", _("购买者数"))]


def summary_table(lines: QuerySet[SaleLine], tourism_lines: QuerySet[SaleLine]) -> Table:
    total = grouped(lines).get((), Figures())
    certified = grouped(lines.filter(certified=True)).get((), Figures())
    tourism = grouped(tourism_lines).get((), Figures())
    involved, poor = households(lines)
    table = Table(
        "summary",
        str(_("总体情况")),
        [Column("label", _("指标"), "text"), Column("money", _("金额（元）"), "money"), *COUNT_COLUMNS],
    )
    for key, label, figures, money in [
        ("total", _("销售结对地区产品"), total, total.money),
        ("guangzhou", _("其中：销往广州"), None, total.guangzhou_money),
        ("elsewhere", _("其中：销往广州以外"), None, total.elsewhere_money),
        ("certified", _("认定帮扶产品"), certified, certified.money),
        ("certified_guangzhou", _("其中：销往广州"), None, certified.guangzhou_money),
    ]:
        values = {"label": str(label), "money": money, **(_counts(figures) if figures else {})}
        table.rows.append(Row(key, str(label), values))
    for key, label, values in [
        ("households", _("带动农户（户）"), {"units": involved}),
        ("poor_households", _("其中：脱贫户（户）"), {"units": poor}),
        ("tourism", _("旅游线路（另计，不含在上述产品销售中）"), {"money": tourism.money, **_counts(tourism)}),
    ]:
        table.rows.append(Row(key, str(label), {"label": str(label), **values}))
    table.note = str(_("带动农户按认定证书计，同一证书只计一次；件数列在农户行中表示户数。"))
    return table


def _figure_row(key: str, label: str, figures: Figures, *, total: bool = False, **extra) -> Row:
    values = {
        "label": label,
        "money": figures.money,
        "guangzhou_money": figures.guangzhou_money,
        "certified_money": figures.certified_money,
        **_counts(figures),
        **extra,
    }
    return Row(key, label, values, is_total=total)


FIGURE_COLUMNS = [
    Column("money", _("销售额（元）"), "money"),
    Column("guangzhou_money", _("其中销往广州（元）"), "money"),
    Column("certified_money", _("其中认定帮扶产品（元）"), "money"),
    *COUNT_COLUMNS,
]


def _total_row(lines: QuerySet[SaleLine]) -> Row:
    return _figure_row("total", str(_("合计")), grouped(lines).get((), Figures()), total=True)


def district_table(lines: QuerySet[SaleLine]) -> Table:
    """Each Guangzhou district's purchases: from the counties it is paired with, and from the others."""
    from regions.models import District

    figures = grouped(lines, {"district": "district_id", "gz": "into_guangzhou"})
    table = Table(
        "district",
        str(_("按广州市辖区（收货地）")),
        [
            Column("label", _("广州市辖区"), "text"),
            Column("paired_counties", _("结对县"), "text"),
            Column("money", _("销售额（元）"), "money"),
            Column("paired_money", _("购买本区结对县（元）"), "money"),
            Column("other_money", _("购买其他县（元）"), "money"),
            Column("certified_money", _("其中认定帮扶产品（元）"), "money"),
            *COUNT_COLUMNS,
        ],
    )

    def row(key: str, label: str, group: Figures, paired_counties: str = "") -> Row:
        values = {
            "label": label,
            "paired_counties": paired_counties,
            "money": group.money,
            "paired_money": group.paired_money,
            "other_money": group.other_counties_money,
            "certified_money": group.certified_money,
            **_counts(group),
        }
        return Row(key, label, values)

    for district in District.objects.prefetch_related("paired_counties"):
        paired = "、".join(county.display_short_name for county in district.paired_counties.all())
        table.rows.append(row(district.slug, district.display_name, figures.get((district.pk, True), Figures()), paired))
    unknown = figures.get((None, True))
    if unknown:
        table.rows.append(row("guangzhou-unknown", str(_("广州（区未注明）")), unknown))
    elsewhere = figures.get((None, False), Figures())
    table.rows.append(row("elsewhere", str(_("广州以外")), elsewhere))
    table.note = str(_("“本区结对县”指该区对口帮扶的县；销往广州以外的订单没有结对区。"))
    return table


def county_table(lines: QuerySet[SaleLine]) -> Table:
    from regions.models import County

    figures = grouped(lines, {"county": "county_id"})
    table = Table(
        "county",
        str(_("按县")),
        [
            Column("label", _("县（市、区）"), "text"),
            Column("prefecture", _("市（州）"), "text"),
            Column("poverty", _("国定贫困县（2017）"), "text"),
            Column("paired_district", _("结对广州市辖区"), "text"),
            *FIGURE_COLUMNS,
        ],
    )
    yes, no = str(_("是")), str(_("否"))
    for county in County.objects.select_related("prefecture", "paired_district"):
        table.rows.append(
            _figure_row(
                county.slug,
                county.display_name,
                figures.get((county.pk,), Figures()),
                prefecture=county.prefecture.display_name,
                poverty=yes if county.is_national_poverty_county else no,
                paired_district=county.paired_district.display_name if county.paired_district else "",
            )
        )
    if (None,) in figures:
        table.rows.append(_figure_row("unknown", str(_("产地未注明")), figures[(None,)]))
    table.rows.append(_total_row(lines))
    return table


def _choice_table(key: str, title, lines: QuerySet[SaleLine], field_name: str, choices: list[tuple[Any, str]]) -> Table:
    figures = grouped(lines, {"value": field_name})
    table = Table(key, str(title), [Column("label", _("项目"), "text"), *FIGURE_COLUMNS])
    for value, label in choices:
        table.rows.append(_figure_row(str(value), str(label), figures.get((value,), Figures())))
    table.rows.append(_total_row(lines))
    return table


def poverty_table(lines: QuerySet[SaleLine]) -> Table:
    return _choice_table(
        "poverty", _("国定贫困县（2017 年名单）与其他结对县"), lines, "poverty_county", [(True, _("国定贫困县")), (False, _("其他结对县"))]
    )


def kind_table(lines: QuerySet[SaleLine]) -> Table:
    choices = [(kind.value, kind.label) for kind in PRODUCT_KINDS]
    return _choice_table("kind", _("农畜牧产品与特色手工艺产品"), lines, "kind", choices)


def channel_table(lines: QuerySet[SaleLine]) -> Table:
    return _choice_table("channel", _("按渠道"), lines, "channel", list(Channel.choices))


def month_table(lines: QuerySet[SaleLine]) -> Table:
    figures = grouped(lines, {"month": "month"})
    table = Table("month", str(_("按月")), [Column("label", _("月份"), "text"), *FIGURE_COLUMNS])
    for (month,), group in sorted(figures.items(), key=lambda item: item[0][0]):
        label = timezone.localtime(month).strftime("%Y-%m") if timezone.is_aware(month) else month.strftime("%Y-%m")
        table.rows.append(_figure_row(label, label, group))
    table.rows.append(_total_row(lines))
    return table


def certified_table(lines: QuerySet[SaleLine]) -> Table:
    """认定帮扶产品 only — what the assessment counts — by product kind."""
    certified = lines.filter(certified=True)
    figures = grouped(certified, {"value": "kind"})
    table = Table(
        "certified",
        str(_("认定帮扶产品")),
        [
            Column("label", _("项目"), "text"),
            Column("money", _("销售额（元）"), "money"),
            Column("guangzhou_money", _("其中销往广州（元）"), "money"),
            Column("elsewhere_money", _("销往广州以外（元）"), "money"),
            *COUNT_COLUMNS,
            Column("households", _("带动农户（户）")),
            Column("poor_households", _("其中脱贫户（户）")),
        ],
    )

    def row(key: str, label: str, group: Figures, subset: QuerySet[SaleLine], total: bool = False) -> Row:
        involved, poor = households(subset)
        values = {
            "label": label,
            "money": group.money,
            "guangzhou_money": group.guangzhou_money,
            "elsewhere_money": group.elsewhere_money,
            **_counts(group),
            "households": involved,
            "poor_households": poor,
        }
        return Row(key, label, values, is_total=total)

    for kind in PRODUCT_KINDS:
        table.rows.append(row(kind.value, str(kind.label), figures.get((kind.value,), Figures()), certified.filter(kind=kind)))
    table.rows.append(row("total", str(_("合计")), grouped(certified).get((), Figures()), certified, total=True))
    table.note = str(_("只计销售当日有已核验、在有效期内的扶贫/消费帮扶产品认定的商品。"))
    return table


def certificate_table(lines: QuerySet[SaleLine]) -> Table:
    """The certificates behind the certified sales: 带贫方式 and households, for the assessment file."""
    from traceability.models import Certificate

    certified = lines.filter(certified=True)
    figures = grouped(certified, {"certificate": "certificate_id"})
    table = Table(
        "households",
        str(_("帮扶产品认定与带贫情况")),
        [
            Column("label", _("认定编号"), "text"),
            Column("catalogue_batch", _("认定目录批次"), "text"),
            Column("issuing_body", _("认定机构"), "text"),
            Column("cooperative", _("合作社"), "text"),
            Column("county", _("县"), "text"),
            Column("benefit_modes", _("带贫方式"), "text"),
            Column("households", _("带动农户（户）")),
            Column("poor_households", _("其中脱贫户（户）")),
            Column("money", _("销售额（元）"), "money"),
            Column("units", _("件数")),
        ],
    )
    snapshot = {
        row["certificate_id"]: row
        for row in certified.exclude(line_id__in=_fully_refunded_line_ids())
        .values("certificate_id")
        .annotate(h=Max("households"), p=Max("poor_households"))
        .order_by()
    }
    certificates = Certificate.objects.filter(pk__in=[key[0] for key in figures if key[0]]).select_related(
        "cooperative__county"
    )
    for certificate in sorted(certificates, key=lambda c: (-figures[(c.pk,)].money, c.number)):
        group = figures[(certificate.pk,)]
        counted = snapshot.get(certificate.pk, {})
        table.rows.append(
            Row(
                str(certificate.pk),
                certificate.number,
                {
                    "label": certificate.number,
                    "catalogue_batch": certificate.catalogue_batch,
                    "issuing_body": certificate.issuing_body,
                    "cooperative": certificate.cooperative.name,
                    "county": certificate.cooperative.county.name if certificate.cooperative.county_id else "",
                    "benefit_modes": "、".join(certificate.benefit_mode_labels),
                    "households": counted.get("h") or 0,
                    "poor_households": counted.get("p") or 0,
                    "money": group.money,
                    "units": group.units,
                },
            )
        )
    involved, poor = households(lines)
    total = grouped(certified).get((), Figures())
    table.rows.append(
        Row(
            "total",
            str(_("合计")),
            {"label": str(_("合计")), "households": involved, "poor_households": poor, "money": total.money, "units": total.units},
            is_total=True,
        )
    )
    return table


TABLES: list[tuple[str, Callable[[QuerySet[SaleLine]], Table]]] = [
    ("district", district_table),
    ("county", county_table),
    ("poverty", poverty_table),
    ("kind", kind_table),
    ("certified", certified_table),
    ("households", certificate_table),
    ("channel", channel_table),
    ("month", month_table),
]
TABLE_KEYS = ["summary", *(key for key, _function in TABLES)]


def report(filters: ReportFilters | None = None, *, only: str = "") -> list[Table]:
    """Every table of the assessment report for the filters (or just the one named ``only``)."""
    filters = filters or ReportFilters()
    lines = ledger(filters)
    tables = []
    if only in ("", "summary"):
        tables.append(summary_table(lines, ledger(filters, kinds=[ProductKind.TOURISM])))
    for key, function in TABLES:
        if only in ("", key):
            tables.append(function(lines))
    return tables


def monthly_money(lines: QuerySet[SaleLine]) -> dict[str, Decimal]:
    """Net money per month ("2026-03"), for charts."""
    table = month_table(lines)
    return {row.key: row.values["money"] for row in table.rows if not row.is_total}


def lines_by_account(account, *, year: int) -> QuerySet[SaleLine]:
    """An institution's ledger rows for a calendar year (Beijing days), sold orders only."""
    since, until = period_bounds(date(year, 1, 1), date(year, 12, 31))
    return (
        SaleLine.objects.exclude(order__status__in=settings.UNSOLD_ORDER_STATUSES)
        .filter(business_account=account, placed_at__gte=since, placed_at__lt=until)
        .order_by()
    )


def counts_for_reserved_share() -> Q:
    """What counts against an institution's reserved share: certified 农畜牧产品 from a paired county."""
    return Q(certified=True, kind=ProductKind.AGRICULTURAL, county__isnull=False)


def net_by_line(lines: QuerySet[SaleLine]) -> dict[int, tuple[Decimal, int]]:
    """{line id: (refunded money, refunded units)} for the given ledger rows (succeeded refunds only)."""
    result: dict[int, tuple[Decimal, int]] = defaultdict(lambda: (ZERO, 0))
    refunds = (
        _succeeded_refund_lines()
        .filter(line__impact_entry__in=lines.values("pk"))
        .values("line_id")
        .annotate(money=Sum("amount"), units=Sum("quantity"))
    )
    for row in refunds:
        result[row["line_id"]] = (quantize_fen(row["money"] or 0), row["units"] or 0)
    return result
