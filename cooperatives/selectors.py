"""Reads for the seller centre: today's work, sales by month, a cooperative's products.

Every function starts from the partners the user works for (staff: all), so nothing of
another cooperative can leak into a page that uses them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from oscar.core.loading import get_model

from cooperatives.models import ProductImport
from cooperatives.shipping import CLOSED_STATUSES, LINE_SHIPPED

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Line = get_model("order", "Line")

LOW_STOCK_DEFAULT = 10  # units left, when the stock record sets no threshold of its own


def partners_for_user(user) -> QuerySet:
    return Partner.objects.order_by("name") if user.is_staff else Partner.objects.filter(users=user).order_by("name")


def lines_to_ship(partners) -> QuerySet:
    """Lines owed to buyers, oldest order first (the one waiting longest is the first job of the day)."""
    return (
        Line.objects.filter(partner__in=partners)
        .exclude(status__in=(LINE_SHIPPED, *CLOSED_STATUSES))
        .exclude(order__status__in=CLOSED_STATUSES)
        .select_related("order", "package_line__package")
        .order_by("order__date_placed", "pk")
    )


def low_stock(partners) -> QuerySet:
    """Stock records whose free stock (in stock − allocated) is at or under the threshold."""
    return (
        StockRecord.objects.filter(partner__in=partners)
        .annotate(free=F("num_in_stock") - F("num_allocated"))
        .filter(
            Q(low_stock_threshold__isnull=False, free__lte=F("low_stock_threshold"))
            | Q(low_stock_threshold__isnull=True, free__lte=LOW_STOCK_DEFAULT)
        )
        .select_related("product")
        .order_by("free", "pk")
    )


def open_imports(partners) -> QuerySet:
    return ProductImport.objects.filter(partner__in=partners, status=ProductImport.Status.PREVIEW).order_by("-created_at")


def _sold_lines(partners) -> QuerySet:
    excluded = getattr(settings, "COOPERATIVE_EXCLUDED_ORDER_STATUSES", ("已取消",))
    return Line.objects.filter(partner__in=partners).exclude(order__status__in=excluded)


@dataclass
class MonthBar:
    month: dt.date
    amount: Decimal
    x: float = 0
    y: float = 0
    height: float = 0


def month_start(day: dt.date, months_back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def monthly_sales(partners, *, months: int = 12, today: dt.date | None = None) -> list[MonthBar]:
    """Sales of the last ``months`` months (this one included), oldest first, zero months kept."""
    today = today or timezone.localdate()
    first = month_start(today, months - 1)
    start = timezone.make_aware(dt.datetime(first.year, first.month, 1))
    rows = (
        _sold_lines(partners)
        .filter(order__date_placed__gte=start)
        .annotate(month=TruncMonth("order__date_placed"))
        .values("month")
        .annotate(amount=Sum("line_price_incl_tax"))
    )
    by_month = {}
    for row in rows:
        month = row["month"]
        month = timezone.localtime(month).date() if isinstance(month, dt.datetime) else month
        by_month[month.replace(day=1)] = row["amount"] or Decimal("0.00")
    return [
        MonthBar(month=month_start(today, back), amount=by_month.get(month_start(today, back), Decimal("0.00")))
        for back in range(months - 1, -1, -1)
    ]


def chart(bars: list[MonthBar], *, width: int = 360, height: int = 160) -> dict:
    """Bar geometry for the server-rendered SVG (no script, no CDN)."""
    top = max((bar.amount for bar in bars), default=Decimal("0")) or Decimal("1")
    plot_height = height - 28  # room for month labels under the bars
    slot = width / max(len(bars), 1)
    for index, bar in enumerate(bars):
        bar.height = round(float(bar.amount / top) * (plot_height - 8), 1)
        bar.x = round(index * slot + slot * 0.15, 1)
        bar.y = round(plot_height - bar.height, 1)
    return {"bars": bars, "width": width, "height": height, "bar_width": round(slot * 0.7, 1), "label_y": height - 8, "max": top}


def this_month_sales(partners, *, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    first = today.replace(day=1)
    start = timezone.make_aware(dt.datetime(first.year, first.month, 1))
    totals = _sold_lines(partners).filter(order__date_placed__gte=start).aggregate(amount=Sum("line_price_incl_tax"), items=Sum("quantity"))
    return {"amount": totals["amount"] or Decimal("0.00"), "items": totals["items"] or 0}


def waiting_label(since: dt.datetime, now: dt.datetime | None = None) -> tuple[int, int]:
    """(days, hours) an order has waited."""
    delta = (now or timezone.now()) - since
    return delta.days, delta.seconds // 3600


def products_for_user(user) -> QuerySet:
    """Products the user may edit: staff all, a cooperative those it holds a stock record for."""
    products = Product.objects.all()
    if not user.is_staff:
        products = products.filter(stockrecords__partner__users=user)
    return products.distinct()


def product_rows(user, *, query: str = "") -> QuerySet:
    """The seller centre's product list: the user's stock records with their product (one row each)."""
    records = StockRecord.objects.select_related("product", "partner").prefetch_related("product__images")
    if not user.is_staff:
        records = records.filter(partner__users=user)
    query = query.strip()
    if query:
        records = records.filter(
            Q(product__title__icontains=query) | Q(partner_sku__icontains=query) | Q(product__search_document__icontains=query.lower())
        )
    return records.order_by("product__title", "pk")
