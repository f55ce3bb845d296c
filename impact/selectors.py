"""The assessment report (考核), read from the impact ledger and net of refunds line by line.

Every figure starts from ``SaleLine`` rows (one per sold order line, dimensions fixed at the
sale) of orders that were not cancelled. Money and units are each line's amount and quantity
less what its succeeded ``payments.RefundLine`` rows gave back; a line whose units all came
back no longer counts towards orders or buyers. ``LedgerFigures`` computes a whole report in
a fixed handful of aggregate queries, whatever the number of lines: the totals of every table
in one pass of sums and two passes of counts (conditional aggregation), one GROUP BY per
grouping (district, county, month, certificate), one query for households and one for the
(few) refunded lines, whose refunds are subtracted from each group in Python to the fen.

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
from django.db.models import Case, Count, F, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
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
    # Cancelled orders are few: NOT IN (a hashed set of their ids) costs less per line than a join.
    unsold = apps.get_model("order", "Order").objects.filter(status__in=settings.UNSOLD_ORDER_STATUSES).values("pk")
    lines = SaleLine.objects.exclude(order__in=unsold).filter(kind__in=kinds)
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

    def take_back(self, refund: dict[str, Any]) -> None:
        """Subtract one row of refunds (money and units given back on lines of this group)."""
        money = refund["r_money"] or ZERO
        self.money -= money
        if refund["into_guangzhou"]:
            self.guangzhou_money -= money
        if refund["certified"]:
            self.certified_money -= money
        if _paired(refund["district_id"], refund["county_paired_district_id"]):
            self.paired_money -= money
        self.units -= refund["r_units"] or 0


def _paired(district_id, paired_district_id) -> bool:
    """In Python what ``district = county_paired_district`` is in SQL (NULL on either side is not paired)."""
    return district_id is not None and district_id == paired_district_id


# The ledger fields a refund is broken down by, so one query of refunds serves every table:
# what the money columns depend on, and every dimension a table groups or filters by.
METRIC_FIELDS = ("into_guangzhou", "certified", "district_id", "county_paired_district_id")
REPORT_FIELDS = (*METRIC_FIELDS, "county_id", "poverty_county", "kind", "channel", "month", "certificate_id")


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


def _expression(path: str, prefix: str = ""):
    return TruncMonth(f"{prefix}placed_at") if path == "month" else F(f"{prefix}{path}")


def _keys(keys: dict[str, str], prefix: str) -> dict[str, Any]:
    """Group-by expressions under aliases of their own ("g_…"), which never collide with a field."""
    return {f"g_{alias}": _expression(path, prefix) for alias, path in keys.items()}


def _metrics(where: Q, live: Q) -> dict[str, Any]:
    """The gross aggregates of one group of lines; ``where`` narrows them (conditional aggregation)."""
    return {
        "money": Sum("amount", filter=where),
        "guangzhou_money": Sum("amount", filter=where & Q(into_guangzhou=True)),
        "certified_money": Sum("amount", filter=where & Q(certified=True)),
        "paired_money": Sum("amount", filter=where & Q(district=F("county_paired_district"))),
        "units": Sum("quantity", filter=where),
        "orders": Count("order_id", distinct=True, filter=where & live),
        "buyers": Count("buyer", distinct=True, filter=where & live),
    }


def _flag(condition: Q) -> Max:
    """1 if any line of the group meets the condition (every line, for an empty one), else 0."""
    if not condition:
        return Max(Value(1, output_field=IntegerField()))
    return Max(Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()))


def _gross(row: dict[str, Any], prefix: str = "") -> Figures:
    return Figures(
        money=quantize_fen(row[f"{prefix}money"] or 0),
        guangzhou_money=quantize_fen(row[f"{prefix}guangzhou_money"] or 0),
        certified_money=quantize_fen(row[f"{prefix}certified_money"] or 0),
        paired_money=quantize_fen(row[f"{prefix}paired_money"] or 0),
        units=row[f"{prefix}units"] or 0,
        orders=row[f"{prefix}orders"] or 0,
        buyers=row[f"{prefix}buyers"] or 0,
    )


def _bucket(where: dict[str, Any]) -> tuple:
    return tuple(sorted(where.items()))


def _matches(refund: dict[str, Any], where: tuple) -> bool:
    return all(refund[name] == value for name, value in where)


class LedgerFigures:
    """Every net figure a report needs from one set of ledger lines, in a handful of queries.

    - ``total(**where)``: one group of lines (all of them, or those with ``field=value`` …).
      Every total declared beforehand with ``want()`` is computed together, with conditional
      aggregation (``SUM(…) FILTER (WHERE …)``, see ``_compute_totals``); a total asked for
      later costs one more round.
    - ``by(keys, **where)``: one GROUP BY pass per grouping (county, district, month …).
    - Refunds: one query for the whole report — the succeeded refund lines of these lines,
      summed per combination of the fields in ``fields`` (a few hundred rows) — subtracted from
      each group in Python, to the fen, instead of a second aggregate query per table.
    - Households: one query per certificate and kind, from which every household figure is read.

    Each result is computed once and kept, so tables sharing a total (every table's 合计 row)
    no longer recompute it. Orders and buyers count only lines with some unit not given back.
    """

    def __init__(self, lines: QuerySet[SaleLine], *, fields: tuple[str, ...] = REPORT_FIELDS):
        self.lines = lines
        self.fields = tuple(dict.fromkeys((*METRIC_FIELDS, *fields)))
        self._wanted: set[tuple] = set()
        self._totals: dict[tuple, Figures] = {}
        self._groups: dict[tuple, dict[tuple, Figures]] = {}
        self._refunds: list[dict[str, Any]] | None = None
        self._households: list[dict[str, Any]] | None = None
        self.empty: set[tuple] = set()  # totals over no line at all

    def _live(self) -> Q:
        return ~Q(line_id__in=_fully_refunded_line_ids())

    def refunds(self) -> list[dict[str, Any]]:
        """Succeeded refunds of these lines: money and units per combination of ``fields``."""
        if self._refunds is None:
            refunds = _succeeded_refund_lines().filter(line_id=OuterRef("line_id")).values("line_id")
            # Only the refunded lines (few) are read, each with what its refunds gave back.
            self._refunds = list(
                self.lines.filter(line_id__in=_succeeded_refund_lines().values("line_id"))
                .annotate(
                    back_money=Subquery(refunds.annotate(total=Sum("amount")).values("total")),
                    back_units=Subquery(refunds.annotate(total=Sum("quantity")).values("total")),
                )
                .annotate(**{f"f_{name}": _expression(name) for name in self.fields})
                .values(*(f"f_{name}" for name in self.fields))
                .annotate(r_money=Sum("back_money"), r_units=Sum("back_units"))
                .order_by()
            )
            for row in self._refunds:
                for name in self.fields:
                    row[name] = row.pop(f"f_{name}")
        return self._refunds

    def want(self, *wheres: dict[str, Any]) -> "LedgerFigures":
        """Declare totals that will be asked for, so that they are computed in the same pass."""
        self._wanted.update(_bucket(where) for where in wheres)
        return self

    def total(self, **where: Any) -> Figures:
        bucket = _bucket(where)
        if bucket not in self._totals:
            self._compute_totals({bucket} | (self._wanted - set(self._totals)))
        return self._totals[bucket]

    def _compute_totals(self, buckets: set[tuple]) -> None:
        """Every bucket's totals in three passes, none of which sorts.

        Money and units add up: one GROUP BY over the fields the buckets name (certified ×
        poverty × kind × channel: a few dozen groups), and each bucket's sums are the sum of its
        groups, in Decimal, here. Orders and buyers do not add up:
        COUNT(DISTINCT …) sorts its input once per bucket (and many of them in one query slow
        each other down), so instead the lines are grouped (hashed) by order, and by buyer,
        with a 0/1 flag per bucket — "has a line in the bucket with a unit not given back" —
        and the outer query counts the flagged orders and buyers.
        """
        ordered = sorted(buckets, key=repr)
        fields = sorted({name for bucket in ordered for name, _value in bucket})
        sums = {name: aggregate for name, aggregate in _metrics(Q(), Q()).items() if name not in ("orders", "buyers")}
        parts = list(self.lines.values(*fields).annotate(**sums).order_by()) if fields else [self.lines.aggregate(**sums)]
        row: dict[str, Any] = {}
        for index, bucket in enumerate(ordered):
            mine = [part for part in parts if _matches(part, bucket) and part["units"] is not None]
            for name in sums:
                row[f"b{index}_{name}"] = sum((part[name] or 0 for part in mine), start=0) if mine else None
        # Only lines with a unit not given back make an order or a buyer count: filter them once.
        live_lines = self.lines.filter(self._live())
        for level, name in (("order_id", "orders"), ("buyer", "buyers")):
            flags = {f"f{index}": _flag(Q(*bucket)) for index, bucket in enumerate(ordered)}
            counts = {f"b{index}_{name}": Count(level, filter=Q(**{f"f{index}": 1})) for index in range(len(ordered))}
            row.update(live_lines.values(level).annotate(**flags).order_by().aggregate(**counts))
        computed = {bucket: _gross(row, f"b{index}_") for index, bucket in enumerate(ordered)}
        self.empty.update(bucket for index, bucket in enumerate(ordered) if row[f"b{index}_units"] is None)
        for refund in self.refunds():
            for bucket, figures in computed.items():
                if _matches(refund, bucket):
                    figures.take_back(refund)
        self._totals.update(computed)

    def by(self, keys: dict[str, str], **where: Any) -> dict[tuple, Figures]:
        """Net figures per group: {(key values…): Figures}, for the lines with ``field=value`` …."""
        bucket = _bucket(where)
        cache_key = (tuple(keys.items()), bucket)
        if cache_key not in self._groups:
            aliases = [f"g_{alias}" for alias in keys]
            rows = (
                self.lines.filter(*bucket).annotate(**_keys(keys, "")).values(*aliases).annotate(**_metrics(Q(), self._live())).order_by()
            )
            result = {tuple(row[alias] for alias in aliases): _gross(row) for row in rows}
            for refund in self.refunds():
                if _matches(refund, bucket):
                    figures = result.get(tuple(refund[path] for path in keys.values()))
                    if figures is not None:
                        figures.take_back(refund)
            self._groups[cache_key] = result
        return self._groups[cache_key]

    def _household_rows(self) -> list[dict[str, Any]]:
        if self._households is None:
            live = self.lines.filter(certified=True).exclude(line_id__in=_fully_refunded_line_ids())
            self._households = list(
                live.values("kind", "certificate_id").annotate(h=Max("households"), p=Max("poor_households")).order_by()
            )
        return self._households

    def certificate_households(self, **where: Any) -> dict[Any, tuple[int, int]]:
        """{certificate id: (households, 脱贫户)} as at the sale, over certified lines not wholly given back."""
        per_certificate: dict[Any, tuple[int, int]] = {}
        for row in self._household_rows():
            if _matches(row, _bucket(where)):
                h, p = per_certificate.get(row["certificate_id"], (0, 0))
                per_certificate[row["certificate_id"]] = (max(h, row["h"] or 0), max(p, row["p"] or 0))
        return per_certificate

    def households(self, **where: Any) -> tuple[int, int]:
        """Households involved and of them 脱贫户: each certificate counted once, from its figures at the sale."""
        counted = self.certificate_households(**where).values()
        return sum(h for h, _p in counted), sum(p for _h, p in counted)


def figures_of(lines: "QuerySet[SaleLine] | LedgerFigures") -> LedgerFigures:
    return lines if isinstance(lines, LedgerFigures) else LedgerFigures(lines)


def grouped(lines: QuerySet[SaleLine], keys: dict[str, str] | None = None) -> dict[tuple, Figures]:
    """Net figures per group: {(key values…): Figures}; with no keys, one group keyed () (if any line)."""
    keys = keys or {}
    figures = LedgerFigures(lines, fields=tuple(path for path in keys.values()))
    if keys:
        return figures.by(keys)
    total = figures.total()
    return {} if () in figures.empty else {(): total}


def households(lines: QuerySet[SaleLine]) -> tuple[int, int]:
    """Households involved and of them 脱贫户: each certificate counted once, from its figures at the sale."""
    return LedgerFigures(lines).households()


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


Lines = QuerySet[SaleLine] | LedgerFigures  # what a table is computed from


def summary_table(lines: Lines, tourism_lines: Lines) -> Table:
    data = figures_of(lines)
    total = data.total()
    certified = data.total(certified=True)
    tourism = figures_of(tourism_lines).total()
    involved, poor = data.households()
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


def _total_row(data: LedgerFigures) -> Row:
    return _figure_row("total", str(_("合计")), data.total(), total=True)


def district_table(lines: Lines) -> Table:
    """Each Guangzhou district's purchases: from the counties it is paired with, and from the others."""
    from regions.models import District

    figures = figures_of(lines).by({"district": "district_id", "gz": "into_guangzhou"})
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


def county_table(lines: Lines) -> Table:
    from regions.models import County

    data = figures_of(lines)
    figures = data.by({"county": "county_id"})
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
    table.rows.append(_total_row(data))
    return table


def _choice_table(key: str, title, lines: Lines, field_name: str, choices: list[tuple[Any, str]]) -> Table:
    """A row per choice: every row and the total come from the same pass (conditional aggregation)."""
    data = figures_of(lines).want({}, *({field_name: value} for value, _label in choices))
    table = Table(key, str(title), [Column("label", _("项目"), "text"), *FIGURE_COLUMNS])
    for value, label in choices:
        table.rows.append(_figure_row(str(value), str(label), data.total(**{field_name: value})))
    table.rows.append(_total_row(data))
    return table


POVERTY_CHOICES = [(True, _("国定贫困县")), (False, _("其他结对县"))]


def poverty_table(lines: Lines) -> Table:
    return _choice_table("poverty", _("国定贫困县（2017 年名单）与其他结对县"), lines, "poverty_county", POVERTY_CHOICES)


def kind_table(lines: Lines) -> Table:
    choices = [(kind.value, kind.label) for kind in PRODUCT_KINDS]
    return _choice_table("kind", _("农畜牧产品与特色手工艺产品"), lines, "kind", choices)


def channel_table(lines: Lines) -> Table:
    return _choice_table("channel", _("按渠道"), lines, "channel", list(Channel.choices))


def month_table(lines: Lines) -> Table:
    data = figures_of(lines)
    figures = data.by({"month": "month"})
    table = Table("month", str(_("按月")), [Column("label", _("月份"), "text"), *FIGURE_COLUMNS])
    for (month,), group in sorted(figures.items(), key=lambda item: item[0][0]):
        label = timezone.localtime(month).strftime("%Y-%m") if timezone.is_aware(month) else month.strftime("%Y-%m")
        table.rows.append(_figure_row(label, label, group))
    table.rows.append(_total_row(data))
    return table


def certified_table(lines: Lines) -> Table:
    """认定帮扶产品 only — what the assessment counts — by product kind."""
    data = figures_of(lines).want({"certified": True}, *({"certified": True, "kind": kind.value} for kind in PRODUCT_KINDS))
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

    def row(key: str, label: str, group: Figures, involved: int, poor: int, total: bool = False) -> Row:
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
        group = data.total(certified=True, kind=kind.value)
        table.rows.append(row(kind.value, str(kind.label), group, *data.households(kind=kind.value)))
    table.rows.append(row("total", str(_("合计")), data.total(certified=True), *data.households(), total=True))
    table.note = str(_("只计销售当日有已核验、在有效期内的扶贫/消费帮扶产品认定的商品。"))
    return table


def certificate_table(lines: Lines) -> Table:
    """The certificates behind the certified sales: 带贫方式 and households, for the assessment file."""
    from traceability.models import Certificate

    data = figures_of(lines).want({"certified": True})
    figures = data.by({"certificate": "certificate_id"}, certified=True)
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
    snapshot = data.certificate_households()
    certificates = Certificate.objects.filter(pk__in=[key[0] for key in figures if key[0]]).select_related("cooperative__county")
    for certificate in sorted(certificates, key=lambda c: (-figures[(c.pk,)].money, c.number)):
        group = figures[(certificate.pk,)]
        counted_households, counted_poor = snapshot.get(certificate.pk, (0, 0))
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
                    "households": counted_households,
                    "poor_households": counted_poor,
                    "money": group.money,
                    "units": group.units,
                },
            )
        )
    involved, poor = data.households()
    total = data.total(certified=True)
    table.rows.append(
        Row(
            "total",
            str(_("合计")),
            {"label": str(_("合计")), "households": involved, "poor_households": poor, "money": total.money, "units": total.units},
            is_total=True,
        )
    )
    return table


TABLES: list[tuple[str, Callable[[Lines], Table]]] = [
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

# The totals (groups of lines without a GROUP BY) each table reads, declared up front so that all
# the tables of one report get them from a single pass over the ledger. Only a matter of speed:
# a total not declared here is still computed, in a pass of its own.
_CERTIFIED = {"certified": True}
TABLE_TOTALS: dict[str, list[dict[str, Any]]] = {
    "summary": [{}, _CERTIFIED],
    "district": [],
    "county": [{}],
    "poverty": [{}, *({"poverty_county": value} for value, _label in POVERTY_CHOICES)],
    "kind": [{}, *({"kind": kind.value} for kind in PRODUCT_KINDS)],
    "certified": [_CERTIFIED, *({**_CERTIFIED, "kind": kind.value} for kind in PRODUCT_KINDS)],
    "households": [_CERTIFIED],
    "channel": [{}, *({"channel": value} for value in Channel.values)],
    "month": [{}],
}


def report(filters: ReportFilters | None = None, *, only: str = "") -> list[Table]:
    """Every table of the assessment report for the filters (or just the one named ``only``)."""
    filters = filters or ReportFilters()
    keys = [key for key in TABLE_KEYS if only in ("", key)]
    data = LedgerFigures(ledger(filters))
    for key in keys:
        data.want(*TABLE_TOTALS[key])
    tables = []
    if "summary" in keys:
        tables.append(summary_table(data, LedgerFigures(ledger(filters, kinds=[ProductKind.TOURISM]))))
    for key, function in TABLES:
        if key in keys:
            tables.append(function(data))
    return tables


def monthly_money(lines: Lines) -> dict[str, Decimal]:
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
