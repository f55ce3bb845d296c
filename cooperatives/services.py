"""Service functions of the cooperatives context: review, fulfilment, settlement."""

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cooperatives.models import CooperativeApplication, CooperativeProfile, LineFulfilment, Statement

Partner = get_model("partner", "Partner")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")

COOPERATIVE_GROUP = "合作社"
CENT = Decimal("0.01")


class ReviewError(Exception):
    """The application cannot be approved or rejected as asked (message is user-facing)."""


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def cooperative_group() -> Group:
    group, _created = Group.objects.get_or_create(name=COOPERATIVE_GROUP)
    group.permissions.add(Permission.objects.get(codename="dashboard_access", content_type__app_label="partner"))
    return group


def _unique_code(base: str) -> str:
    User = get_user_model()
    code, number = base, 1
    while Partner.objects.filter(code=code).exists() or User.objects.filter(username=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code


@transaction.atomic
def approve_application(application: CooperativeApplication, *, reviewer) -> Partner:
    """Create the partner (with county), its user (in the 合作社 group) and profile; email a password-set link."""
    application = CooperativeApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != CooperativeApplication.Status.PENDING:
        raise ReviewError(_("该申请已审核，不能重复处理。"))
    User = get_user_model()
    if User.objects.filter(email__iexact=application.email).exists():
        raise ReviewError(_("邮箱 %(email)s 已有账户，请与申请人确认后再审核。") % {"email": application.email})

    code = _unique_code(f"coop-{application.county.slug}")
    partner = Partner.objects.create(code=code, name=application.name, county=application.county)
    user = User(username=code, email=application.email, first_name=application.name[:30])
    user.set_unusable_password()
    user.save()
    user.groups.add(cooperative_group())
    partner.users.add(user)
    CooperativeProfile.objects.create(partner=partner, households_supported=application.poor_households)

    application.status = CooperativeApplication.Status.APPROVED
    application.partner = partner
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.save()

    link = site_url(
        reverse(
            "password-reset-confirm",
            kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
        )
    )
    with translation.override("zh-hans"):
        send_mail(
            _("【黔货进穗】入驻申请已通过"),
            _(
                "%(name)s：\n\n您的入驻申请已通过审核。请打开下面的链接设置登录密码（链接仅可使用一次）：\n%(link)s\n\n"
                "之后用邮箱 %(email)s 登录管理后台：%(dashboard)s\n"
            )
            % {"name": application.name, "link": link, "email": user.email, "dashboard": site_url(reverse("dashboard:index"))},
            None,
            [application.email],
        )
    return partner


@transaction.atomic
def reject_application(application: CooperativeApplication, *, reviewer, reason: str) -> None:
    application = CooperativeApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != CooperativeApplication.Status.PENDING:
        raise ReviewError(_("该申请已审核，不能重复处理。"))
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("请填写驳回原因。"))
    application.status = CooperativeApplication.Status.REJECTED
    application.rejection_reason = reason
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.save()
    with translation.override("zh-hans"):
        send_mail(
            _("【黔货进穗】入驻申请未通过"),
            _("%(name)s：\n\n很遗憾，您的入驻申请未通过审核，原因如下：\n%(reason)s\n\n修改后可重新提交申请：%(apply)s\n")
            % {"name": application.name, "reason": reason, "apply": site_url(reverse("cooperatives:apply"))},
            None,
            [application.email],
        )


# --- fulfilment ---------------------------------------------------------------
def lines_for_user(user) -> QuerySet:
    """Order lines the user may see: staff all, a cooperative user only its partners' lines."""
    lines = Line.objects.select_related("order", "partner", "fulfilment", "order__shipping_address")
    if user.is_staff:
        return lines
    return lines.filter(partner__users=user)


def fulfilment_for(line) -> LineFulfilment:
    fulfilment, _created = LineFulfilment.objects.get_or_create(line=line)
    return fulfilment


@transaction.atomic
def mark_packed(line, *, user) -> LineFulfilment:
    fulfilment = LineFulfilment.objects.select_for_update().get(pk=fulfilment_for(line).pk)
    if fulfilment.status == LineFulfilment.Status.PENDING:
        fulfilment.status = LineFulfilment.Status.PACKED
        fulfilment.packed_at = timezone.now()
        fulfilment.updated_by = user
        fulfilment.save()
    return fulfilment


@transaction.atomic
def mark_shipped(line, *, user, carrier: str, tracking_number: str) -> LineFulfilment:
    """Record the shipment of a line and email the buyer the carrier and tracking number."""
    fulfilment = LineFulfilment.objects.select_for_update().get(pk=fulfilment_for(line).pk)
    now = timezone.now()
    fulfilment.status = LineFulfilment.Status.SHIPPED
    fulfilment.carrier = carrier.strip()
    fulfilment.tracking_number = tracking_number.strip()
    fulfilment.packed_at = fulfilment.packed_at or now
    fulfilment.shipped_at = now
    fulfilment.updated_by = user
    fulfilment.save()
    order = line.order
    if order.email:
        with translation.override("zh-hans"):
            send_mail(
                _("【黔货进穗】订单 %(number)s 已发货") % {"number": order.number},
                _(
                    "您好：\n\n订单 %(number)s 中的“%(title)s”× %(quantity)s 已由%(partner)s发出。\n"
                    "快递公司：%(carrier)s\n运单号：%(tracking)s\n"
                )
                % {
                    "number": order.number,
                    "title": line.title,
                    "quantity": line.quantity,
                    "partner": line.partner_name,
                    "carrier": fulfilment.carrier,
                    "tracking": fulfilment.tracking_number,
                },
                None,
                [order.email],
            )
    return fulfilment


def order_packages(order) -> list[dict]:
    """The buyer's view of the order's shipments: per cooperative, lines grouped by carrier and tracking number.

    Lines not shipped yet form one "awaiting shipment" group per cooperative.
    """
    status_labels = dict(LineFulfilment.Status.choices)
    groups: dict[int, dict] = {}
    lines = order.lines.select_related("fulfilment").order_by("pk")
    for line in lines:
        fulfilment = getattr(line, "fulfilment", None)
        status = fulfilment.status if fulfilment else LineFulfilment.Status.PENDING
        shipped = status == LineFulfilment.Status.SHIPPED
        key = (fulfilment.carrier, fulfilment.tracking_number) if shipped else ("", "")
        group = groups.setdefault(line.partner_id or 0, {"partner_name": line.partner_name, "packages": {}})
        package = group["packages"].setdefault(
            key,
            {
                "status_label": status_labels[status] if shipped else _("待发货"),
                "carrier": key[0],
                "tracking_number": key[1],
                "shipped_at": fulfilment.shipped_at if shipped else None,
                "lines": [],
            },
        )
        package["lines"].append(line)
    return [{"partner_name": group["partner_name"], "packages": list(group["packages"].values())} for group in groups.values()]


# --- settlement ---------------------------------------------------------------
def platform_fee_percent() -> Decimal:
    return Decimal(str(getattr(settings, "COOPERATIVE_PLATFORM_FEE_PERCENT", "5.00")))


def month_bounds(period: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_default_timezone()
    start = dt.datetime(period.year, period.month, 1, tzinfo=tz)
    days = calendar.monthrange(period.year, period.month)[1]
    return start, start + dt.timedelta(days=days)


@dataclass
class StatementRow:
    order_number: str
    date_placed: dt.datetime
    sku: str
    title: str
    quantity: int
    amount: Decimal


@dataclass
class RefundRow:
    order_number: str
    date: dt.datetime
    description: str
    amount: Decimal


def _refund_codes() -> tuple[str, ...]:
    return tuple(getattr(settings, "COOPERATIVE_REFUND_EVENT_CODES", ("refund", "refunded")))


def statement_rows(partner, period: dt.date) -> list[StatementRow]:
    """The partner's lines of the orders placed in the month (cancelled orders left out)."""
    start, end = month_bounds(period)
    cancelled = getattr(settings, "COOPERATIVE_EXCLUDED_ORDER_STATUSES", ("Cancelled", "已取消"))
    lines = (
        Line.objects.filter(partner=partner, order__date_placed__gte=start, order__date_placed__lt=end)
        .exclude(order__status__in=cancelled)
        .select_related("order")
        .order_by("order__date_placed", "pk")
    )
    return [
        StatementRow(
            order_number=line.order.number,
            date_placed=line.order.date_placed,
            sku=line.partner_sku,
            title=line.title,
            quantity=line.quantity,
            amount=line.line_price_incl_tax,
        )
        for line in lines
    ]


def refund_rows(partner, period: dt.date) -> list[RefundRow]:
    """The partner's share of the refunds made in the month (whatever month the order was placed in).

    A refund event that names lines (Oscar's payment-event quantities) refunds those lines'
    unit prices; an order-level refund (as Stripe reports it) is shared among the order's
    lines in proportion to their amounts, and never exceeds what the partner sold in the order.
    """
    start, end = month_bounds(period)
    events = (
        PaymentEvent.objects.filter(
            event_type__code__in=_refund_codes(), date_created__gte=start, date_created__lt=end, order__lines__partner=partner
        )
        .distinct()
        .select_related("order")
        .prefetch_related("line_quantities__line", "order__lines")
        .order_by("date_created", "pk")
    )
    rows = []
    for event in events:
        order_lines = list(event.order.lines.all())
        own_lines = [line for line in order_lines if line.partner_id == partner.pk]
        own_total = sum((line.line_price_incl_tax for line in own_lines), Decimal("0.00"))
        quantities = list(event.line_quantities.all())
        if quantities:
            amount = sum(
                (
                    min(line_quantity.line.unit_price_incl_tax * line_quantity.quantity, line_quantity.line.line_price_incl_tax)
                    for line_quantity in quantities
                    if line_quantity.line.partner_id == partner.pk
                ),
                Decimal("0.00"),
            )
        else:
            order_total = sum((line.line_price_incl_tax for line in order_lines), Decimal("0.00"))
            amount = event.amount * own_total / order_total if order_total else Decimal("0.00")
        amount = min(amount, own_total).quantize(CENT, ROUND_HALF_UP)
        if amount:
            rows.append(RefundRow(order_number=event.order.number, date=event.date_created, description=event.reference, amount=amount))
    return rows


@transaction.atomic
def generate_statement(partner, period: dt.date) -> Statement:
    """Create or recompute the partner's statement for the month; a paid statement is never changed."""
    period = period.replace(day=1)
    statement, _created = Statement.objects.select_for_update().get_or_create(
        partner=partner, period=period, defaults={"fee_percent": platform_fee_percent()}
    )
    if statement.status == Statement.Status.PAID:
        return statement
    rows = statement_rows(partner, period)
    gross = sum((row.amount for row in rows), Decimal("0.00"))
    refunds = sum((row.amount for row in refund_rows(partner, period)), Decimal("0.00"))
    statement.fee_percent = platform_fee_percent()
    statement.lines_count = len(rows)
    statement.items_count = sum(row.quantity for row in rows)
    statement.gross = gross
    statement.refunds = refunds
    statement.fee = ((gross - refunds) * statement.fee_percent / 100).quantize(CENT, ROUND_HALF_UP)
    statement.payable = gross - refunds - statement.fee
    statement.save()
    return statement


def generate_statements(period: dt.date) -> list[Statement]:
    """Statements for the month for every cooperative that sold something in it."""
    start, end = month_bounds(period)
    sold = Line.objects.filter(order__date_placed__gte=start, order__date_placed__lt=end).values_list("partner", flat=True)
    refunded = Line.objects.filter(
        order__payment_events__event_type__code__in=_refund_codes(),
        order__payment_events__date_created__gte=start,
        order__payment_events__date_created__lt=end,
    ).values_list("partner", flat=True)
    partner_ids = set(sold) | set(refunded)
    return [generate_statement(partner, period) for partner in Partner.objects.filter(pk__in=partner_ids)]


@transaction.atomic
def mark_statement_paid(statement: Statement, *, user) -> Statement:
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.status != Statement.Status.PAID:
        statement.status = Statement.Status.PAID
        statement.paid_at = timezone.now()
        statement.paid_by = user
        statement.save()
    return statement


# --- sales summary ------------------------------------------------------------------
def sales_summary(user, *, months: int = 6, top: int = 10) -> dict:
    """The user's (partners') sales by month and by product, and the lines still to ship."""
    from django.db.models import Count, Sum
    from django.db.models.functions import TruncMonth

    lines = lines_for_user(user).exclude(order__status__in=getattr(settings, "COOPERATIVE_EXCLUDED_ORDER_STATUSES", ()))
    since = (timezone.localdate().replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    start, _end = month_bounds(since)
    by_month = (
        lines.filter(order__date_placed__gte=start)
        .annotate(month=TruncMonth("order__date_placed"))
        .values("month")
        .annotate(lines=Count("pk"), items=Sum("quantity"), amount=Sum("line_price_incl_tax"))
        .order_by("-month")
    )
    by_product = (
        lines.values("partner_sku", "title")
        .annotate(items=Sum("quantity"), amount=Sum("line_price_incl_tax"))
        .order_by("-amount", "partner_sku")[:top]
    )
    to_ship = lines.exclude(fulfilment__status=LineFulfilment.Status.SHIPPED).exclude(status__in=("已发货", "已完成", "已退款")).count()
    return {"by_month": list(by_month), "by_product": list(by_product), "to_ship": to_ship}
