"""Packages: a cooperative packs some of its lines of one order into a box, then ships the box.

Why packages and not lines: a buyer receives boxes, and a courier gives one tracking number
per box. So the carrier and tracking number belong to the package (entered once, for every
line in it), and the buyer gets exactly one mail per package.

Shipping a package moves Oscar's statuses: each of its lines becomes 已发货; the order becomes
已发货 when every line that is still owed to the buyer has shipped, 部分发货 before that.
Everything happens under the order's row lock, so two clerks packing the same line at once
cannot put it into two boxes (the one-to-one PackageLine would refuse it anyway).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cooperatives.models import Carrier, Package, PackageLine

Order = get_model("order", "Order")
Line = get_model("order", "Line")

ORDER_AWAITING = "待发货"
ORDER_PARTLY_SHIPPED = "部分发货"
ORDER_SHIPPED = "已发货"
LINE_SHIPPED = "已发货"
# Orders (and lines) in these states are not packed or shipped any more.
CLOSED_STATUSES = ("已完成", "已取消", "已退款")
# A courier's tracking number: letters and digits (some carriers add a dash), 6–40 characters.
TRACKING_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{4,38}[A-Za-z0-9]$")


class ShippingError(Exception):
    """The package cannot be made or shipped as asked (message is user-facing)."""


def packages_for_user(user) -> QuerySet[Package]:
    """Packages the user may see: staff all, a cooperative user only its partners' packages."""
    packages = Package.objects.select_related("order", "order__shipping_address", "partner")
    return packages if user.is_staff else packages.filter(partner__users=user)


def refunded_quantity(line) -> int:
    """Units of the line refunded so far (succeeded refunds of the one refund service)."""
    try:
        from stripe_payments.models import RefundLine
    except ImportError:  # the refund models are not installed yet
        return 0
    total = RefundLine.objects.filter(line=line, refund__status="succeeded").aggregate(total=Sum("quantity"))["total"]
    return total or 0


def line_needs_shipping(line) -> bool:
    """Still owed to the buyer: not shipped, not closed, not refunded in full."""
    if line.status in (LINE_SHIPPED, *CLOSED_STATUSES):
        return False
    return refunded_quantity(line) < line.quantity


def packable_lines(order, partner) -> list:
    """The partner's lines of the order that are in no package yet and still need shipping."""
    lines = order.lines.filter(partner=partner, package_line__isnull=True).order_by("pk")
    return [line for line in lines if line_needs_shipping(line)]


def _locked_order(order):
    return Order.objects.select_for_update().get(pk=order.pk)


@transaction.atomic
def create_package(*, order, partner, line_ids: list[int], user) -> Package:
    """Put the chosen lines (the partner's own, of this order, not yet packed) into one new package."""
    order = _locked_order(order)
    if order.status in CLOSED_STATUSES:
        raise ShippingError(_("订单已%(status)s，不能再打包。") % {"status": order.status})
    wanted = {int(pk) for pk in line_ids}
    if not wanted:
        raise ShippingError(_("请至少选择一个订单行。"))
    available = {line.pk: line for line in packable_lines(order, partner)}
    if not wanted <= available.keys():
        raise ShippingError(_("所选订单行已打包、已发货或不属于本合作社，请刷新页面后重试。"))
    package = Package.objects.create(order=order, partner=partner, created_by=user)
    PackageLine.objects.bulk_create([PackageLine(package=package, line=available[pk]) for pk in sorted(wanted)])
    return package


@transaction.atomic
def unpack(package: Package) -> None:
    """Undo a package that has not shipped yet (its lines go back to 待打包)."""
    package = Package.objects.select_for_update().get(pk=package.pk)
    if package.is_shipped:
        raise ShippingError(_("包裹已发货，不能拆包。"))
    package.delete()


def normalise_tracking_number(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


@transaction.atomic
def ship_package(package: Package, *, carrier: str, tracking_number: str, user) -> Package:
    """Record carrier and tracking number once, move the lines' and the order's status, mail the buyer once."""
    order = _locked_order(package.order)
    package = Package.objects.select_for_update().get(pk=package.pk)
    if package.is_shipped:
        raise ShippingError(_("该包裹已发货，运单号已登记。"))
    if carrier not in Carrier.values:
        raise ShippingError(_("请选择快递公司。"))
    tracking_number = normalise_tracking_number(tracking_number)
    if not TRACKING_NUMBER.match(tracking_number):
        raise ShippingError(_("请填写正确的运单号（6–40位字母或数字）。"))
    if Package.objects.filter(carrier=carrier, tracking_number=tracking_number).exists():
        raise ShippingError(_("运单号 %(number)s 已用于另一个包裹。") % {"number": tracking_number})
    if order.status in CLOSED_STATUSES:
        raise ShippingError(_("订单已%(status)s，不能发货。") % {"status": order.status})

    package.carrier = carrier
    package.tracking_number = tracking_number
    package.status = Package.Status.SHIPPED
    package.shipped_at = timezone.now()
    package.shipped_by = user
    package.save()
    for line in package.lines.all():
        if line.status != LINE_SHIPPED:
            line.status = LINE_SHIPPED  # Oscar's pipeline check is for staff edits; shipping is always allowed here
            line.save(update_fields=["status"])
    _move_order_status(order)
    package_id = package.pk
    transaction.on_commit(lambda: send_package_shipped_mail(package_id))
    return package


def order_shipping_status(order) -> str:
    """已发货 when no line is still owed to the buyer, 部分发货 when some have shipped, else 待发货."""
    lines = list(order.lines.all())
    owed = [line for line in lines if line_needs_shipping(line)]
    shipped = [line for line in lines if line.status == LINE_SHIPPED]
    if not owed:
        return ORDER_SHIPPED
    return ORDER_PARTLY_SHIPPED if shipped else ORDER_AWAITING


def _move_order_status(order) -> None:
    """Record the order's new status and its status change as Oscar does, without Oscar's
    order_status_changed signal: its listener (payments.signals) mails "your order has shipped",
    and a buyer gets exactly one mail per package — the package mail — from here."""
    new_status = order_shipping_status(order)
    if new_status == order.status:
        return
    if new_status not in order.available_statuses() and order.status not in ("", "Pending", ORDER_AWAITING, ORDER_PARTLY_SHIPPED):
        return  # e.g. refunded meanwhile: shipping a box does not reopen it
    OrderStatusChange = get_model("order", "OrderStatusChange")
    OrderStatusChange.objects.create(order=order, old_status=order.status, new_status=new_status)
    order.status = new_status
    order.save(update_fields=["status"])


def buyer_language(order) -> str:
    payment = getattr(order, "stripe_payment", None)
    return getattr(payment, "language", "") or settings.LANGUAGE_CODE


def buyer_email(order) -> str:
    return order.guest_email or (order.user.email if order.user_id else "")


def send_package_shipped_mail(package_id: int) -> None:
    """One mail per package, in the buyer's language, through the Celery mail task. A mail or broker
    failure is logged and never changes what the buyer or the cooperative sees."""
    from core.mail import send_after_commit

    package = Package.objects.select_related("order", "partner").get(pk=package_id)
    order = package.order
    to = buyer_email(order)
    if not to:
        return
    context = {
        "order": order,
        "package": package,
        "lines": list(package.lines.order_by("pk")),
        "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
    }
    with translation.override(buyer_language(order)):
        subject = render_to_string("cooperatives/email/package_shipped_subject.txt", context).strip()
        body = render_to_string("cooperatives/email/package_shipped_body.txt", context)
    send_after_commit(subject, body, [to])  # the one mail path (core.mail): a task after commit, never raises


def order_packages(order) -> list[dict]:
    """The buyer's view of the order's shipments: per cooperative its packages, then lines not packed yet."""
    groups: dict[int, dict] = {}
    lines = list(order.lines.select_related("package_line__package").order_by("pk"))
    for line in lines:
        group = groups.setdefault(line.partner_id or 0, {"partner_name": line.partner_name, "packages": {}, "waiting": []})
        package_line = getattr(line, "package_line", None)
        if package_line is None:
            if line_needs_shipping(line):
                group["waiting"].append(line)
            continue
        package = package_line.package
        group["packages"].setdefault(package.pk, {"package": package, "lines": []})["lines"].append(line)
    return [
        {"partner_name": group["partner_name"], "packages": list(group["packages"].values()), "waiting": group["waiting"]}
        for group in groups.values()
    ]
