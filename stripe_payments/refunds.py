"""The one refund service: staff refunds, cancellations, after-sale claims and Stripe-reported refunds.

Why one function: a double click, a retried request or two members of staff at once must never
pay out twice, and the books (cooperative statements, impact figures) need every refund line by
line. So each refund is a ``payments.Refund`` row with its own ``key``, created under the order's
row lock after re-reading what was already refunded:

- the same key again returns the same refund (nothing is sent to Stripe twice — Stripe's own
  idempotency key is derived from ours, too);
- no line is refunded more money or more units than it was paid for, and no order more than its
  total, whatever runs concurrently: pending refunds count against what is left;
- units that come back go through ``stripe_payments.restock`` (unshipped: back on sale; shipped: staff
  choose).

Net of refunds, line by line = the line's money minus its succeeded ``RefundLine.amount``, its
units minus their ``RefundLine.quantity``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

import stripe
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.money import FEN, format_cny, parse_money, quantize_fen, to_fen
from stripe_payments import emails, gateway, restock
from stripe_payments.models import CheckoutPayment, Refund, RefundLine

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
Source = get_model("payment", "Source")

ZERO = Decimal("0.00")
STATUS_REFUNDED = "已退款"
#: Orders in these statuses keep their status when fully refunded (a cancelled order stays cancelled).
KEEP_STATUS = ("已取消", STATUS_REFUNDED)
#: Refunds that count against what may still be refunded.
COUNTED = (Refund.Status.PENDING, Refund.Status.SUCCEEDED)


class RefundError(Exception):
    """A refund that cannot be made, with a message staff (or the buyer) can read. Nothing was changed."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class LineRefund:
    """Refund ``amount`` of ``line``'s money and take back ``quantity`` units (0: money only)."""

    line: object
    quantity: int
    amount: Decimal
    restock: bool


@dataclass(frozen=True)
class LineBalance:
    """What is left to refund on one line."""

    line: object
    money: Decimal
    units: int


def line_balances(order) -> dict[int, LineBalance]:
    """Per line: its money and units less what counted refunds already took (read it under the lock)."""
    taken = {
        row["line_id"]: row
        for row in RefundLine.objects.filter(line__order=order, refund__status__in=COUNTED)
        .values("line_id")
        .annotate(money=Sum("amount"), units=Sum("quantity"))
    }
    balances = {}
    for line in order.lines.select_related("product__product_class", "stockrecord").order_by("pk"):
        row = taken.get(line.pk, {})
        balances[line.pk] = LineBalance(
            line=line,
            money=line.line_price_incl_tax - (row.get("money") or ZERO),
            units=line.quantity - (row.get("units") or 0),
        )
    return balances


def refundable_total(order) -> Decimal:
    """What may still be refunded on the order (its total less counted refunds)."""
    refunded = Refund.objects.filter(order=order, status__in=COUNTED).aggregate(total=Sum("amount"))["total"] or ZERO
    return order.total_incl_tax - refunded


def refunded_total(order) -> Decimal:
    return Refund.objects.filter(order=order, status=Refund.Status.SUCCEEDED).aggregate(total=Sum("amount"))["total"] or ZERO


def refund_order(
    *,
    order,
    key: str,
    lines: list[LineRefund] | None = None,
    amount: Decimal | str | None = None,
    reason: str,
    actor=None,
    source: str = "staff",
) -> Refund:
    """Refund (part of) an order once per ``key``; returns the Refund (the earlier one for a known key).

    - ``lines`` only: those lines' amounts and units;
    - ``amount`` only: that much money, shared among the lines by what is left on each (then shipping);
    - both: the lines, and ``amount`` is the total (what exceeds the lines is shared as above);
    - neither: everything still refundable, every unit back (unshipped units on sale again).

    Raises RefundError for anything invalid, and when Stripe refuses (the refund is then recorded
    as failed under its key, and nothing counts).
    """
    return _refund(order=order, key=key, lines=lines, amount=amount, reason=reason, actor=actor, source=source, stripe_refund_id=None)


def record_stripe_refund(*, payment: CheckoutPayment, refunded_total_fen: int, reference: str) -> Refund | None:
    """``charge.refunded``: Stripe's running total is the truth. Money refunded outside the shop (in
    Stripe's Dashboard) becomes a Refund of its own, so the books see it line by line; a total we already
    recorded changes nothing, so replays and re-ordered events add nothing."""
    with transaction.atomic():
        if payment.order_id is None:
            locked = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
            locked.amount_refunded = max(locked.amount_refunded, Decimal(refunded_total_fen) / 100)
            locked.save(update_fields=["amount_refunded", "updated_at"])
            return None
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        locked = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
        delta = quantize_fen(Decimal(refunded_total_fen) / 100) - locked.amount_refunded
        if delta <= 0:
            return None
        delta = min(delta, refundable_total(order))
        if delta <= 0:
            logger.error("Order #%s: Stripe reports more refunded than the order's total", order.number)
            return None
        return _refund(
            order=order,
            key=f"stripe-{reference}-{refunded_total_fen}",
            lines=None,
            amount=delta,
            reason=_("在 Stripe 后台退款"),
            actor=None,
            source=Refund.Source.STRIPE,
            stripe_refund_id=reference,
        )


def _refund(*, order, key, lines, amount, reason, actor, source, stripe_refund_id) -> Refund:
    key = (key or "").strip()
    if not key or len(key) > 200:
        raise RefundError(_("退款请求无效，请刷新页面后重试。"))
    if source not in Refund.Source.values:
        raise RefundError(_("退款来源无效。"))
    existing = _existing(order, key)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            # The order's row lock serialises every refund of this order (and the webhook's).
            locked_order = Order.objects.select_for_update().get(pk=order.pk)
            existing = _existing(order, key)  # a concurrent request with this key finished first
            if existing is not None:
                return existing
            refund = _create(locked_order, key, lines, amount, reason, actor, source)
            payment = CheckoutPayment.objects.select_for_update().filter(order=locked_order).first()
            if stripe_refund_id is None and payment is not None and payment.stripe_payment_intent:
                stripe_refund_id = _refund_at_stripe(locked_order, refund, payment)
            if refund.status != Refund.Status.FAILED:
                _succeed(locked_order, refund, payment, stripe_refund_id or "")
    except IntegrityError:
        # Same key committed by a concurrent request between our look-up and our insert (SQLite path).
        existing = _existing(order, key)
        if existing is None:
            raise
        return existing
    if refund.status == Refund.Status.FAILED:
        # Recorded (and committed) as failed under its key, so a retry of this action says the same.
        raise RefundError(refund.failure_message)
    return refund


def _refund_at_stripe(order, refund: Refund, payment: CheckoutPayment) -> str:
    """Ask Stripe to pay the refund back; Stripe's idempotency key is ours, so a retry is one refund there too."""
    try:
        result = gateway.create_refund(
            payment.stripe_payment_intent,
            to_fen(refund.amount),
            idempotency_key=f"qhjs-refund-{refund.key}",
            metadata={"order_number": order.number, "refund": str(refund.pk)},
        )
    except stripe.StripeError as error:
        logger.warning("Order #%s: Stripe refused refund %s: %s", order.number, refund.key, error)
        refund.status = Refund.Status.FAILED
        refund.failure_message = (_("Stripe 拒绝了退款：%(error)s") % {"error": error.user_message or str(error)})[:500]
        refund.save(update_fields=["status", "failure_message"])
        return ""
    return result["id"]


def _existing(order, key: str) -> Refund | None:
    refund = Refund.objects.filter(key=key).first()
    if refund is not None and refund.order_id != order.pk:
        raise RefundError(_("退款请求无效，请刷新页面后重试。"))
    return refund


def _money(value, *, allow_zero: bool) -> Decimal:
    try:
        return parse_money(value, allow_zero=allow_zero)
    except ValidationError as error:
        raise RefundError(" ".join(error.messages)) from None


def _create(order, key, lines, amount, reason, actor, source) -> Refund:
    """Validate against what is left (read under the lock) and write the pending refund with its lines."""
    balances = line_balances(order)
    left_total = refundable_total(order)
    wanted: dict[int, LineRefund] = {}
    if lines is None and amount is None:
        for balance in balances.values():
            if balance.money > 0 or balance.units > 0:
                wanted[balance.line.pk] = LineRefund(balance.line, balance.units, balance.money, restock=False)
        total = left_total
    else:
        for item in lines or []:
            balance = balances.get(getattr(item.line, "pk", None))
            if balance is None:
                raise RefundError(_("退款的商品不属于这个订单。"))
            if item.line.pk in wanted:
                raise RefundError(_("同一商品在一次退款中只能出现一次。"))
            quantity = item.quantity
            if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
                raise RefundError(_("退货数量必须是不小于零的整数。"))
            if quantity > balance.units:
                raise RefundError(_("“%(title)s”最多还可退 %(units)s 件。") % {"title": balance.line.title, "units": balance.units})
            line_amount = _money(item.amount, allow_zero=True)
            if line_amount > balance.money:
                raise RefundError(_("“%(title)s”最多还可退 %(max)s。") % {"title": balance.line.title, "max": format_cny(balance.money)})
            if quantity == 0 and line_amount == 0:
                continue
            wanted[item.line.pk] = LineRefund(item.line, quantity, line_amount, bool(item.restock))
        lines_total = sum((item.amount for item in wanted.values()), ZERO)
        total = lines_total if amount is None else _money(amount, allow_zero=False)
        if total < lines_total:
            raise RefundError(_("退款总额不能少于各商品退款之和 %(sum)s。") % {"sum": format_cny(lines_total)})
        _share(total - lines_total, balances, wanted)
    if total <= 0:
        raise RefundError(_("这个订单已没有可退的金额。"))
    if total > left_total:
        raise RefundError(_("退款金额必须大于0且不超过可退金额 %(max)s。") % {"max": format_cny(max(left_total, ZERO))})
    refund = Refund.objects.create(order=order, key=key, amount=total, reason=(reason or "")[:500], source=source, created_by=_user(actor))
    RefundLine.objects.bulk_create(
        RefundLine(refund=refund, line=item.line, quantity=item.quantity, amount=item.amount, restocked=item.restock)
        for item in wanted.values()
    )
    return refund


def _share(extra: Decimal, balances: dict[int, LineBalance], wanted: dict[int, LineRefund]) -> None:
    """Money not tied to a line: shared among the lines in proportion to what is left on each,
    to the fen (largest remainders get the odd fen); whatever exceeds the lines is the shipping's."""
    if extra <= 0:
        return
    left = {pk: b.money - (wanted[pk].amount if pk in wanted else ZERO) for pk, b in balances.items()}
    left = {pk: money for pk, money in left.items() if money > 0}
    pool = sum(left.values(), ZERO)
    if pool <= 0:
        return
    to_lines = min(extra, pool)
    shares = {pk: (to_lines * money / pool).quantize(FEN, rounding=ROUND_DOWN) for pk, money in left.items()}
    odd = int((to_lines - sum(shares.values(), ZERO)) / FEN)
    for pk in sorted(left, key=lambda pk: (-(to_lines * left[pk] / pool - shares[pk]), pk))[:odd]:
        shares[pk] += FEN
    for pk, share in shares.items():
        if share <= 0:
            continue
        if pk in wanted:
            wanted[pk].amount += share
        else:
            wanted[pk] = LineRefund(balances[pk].line, 0, share, restock=False)


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _succeed(order, refund: Refund, payment: CheckoutPayment | None, stripe_refund_id: str) -> None:
    """The money went back: units back to stock, Oscar's payment event, the order's status, the email."""
    refund.status = Refund.Status.SUCCEEDED
    refund.stripe_refund_id = stripe_refund_id
    refund.save(update_fields=["status", "stripe_refund_id"])
    event = PaymentEvent.objects.create(
        order=order, amount=refund.amount, reference=stripe_refund_id or refund.key, event_type=_refund_type()
    )
    for refund_line in refund.lines.select_related("line__product__product_class", "line__order"):
        if refund_line.quantity:
            refund_line.restocked = restock.return_units(refund_line.line, refund_line.quantity, restock=refund_line.restocked)
            refund_line.save(update_fields=["restocked"])
            PaymentEventQuantity.objects.create(event=event, line=refund_line.line, quantity=refund_line.quantity)
    total = refunded_total(order)
    if payment is not None:
        payment.amount_refunded = total
        payment.save(update_fields=["amount_refunded", "updated_at"])
    Source.objects.filter(order=order).update(amount_refunded=total)
    if total >= order.total_incl_tax and order.status not in KEEP_STATUS:
        order.status = STATUS_REFUNDED
        order.save(update_fields=["status"])
    if refund.source != Refund.Source.AFTERSALE:  # an after-sale refund is told in the claim's own decision mail
        transaction.on_commit(lambda: emails.refunded(order, payment, refund.amount, total))


def _refund_type():
    event_type, _created = PaymentEventType.objects.get_or_create(code="refund", defaults={"name": "退款"})
    return event_type


def return_unrefunded_units(order) -> None:
    """A cancelled order whose money is all refunded already: its remaining units still go back on sale."""
    for balance in line_balances(order).values():
        # Only what the line still holds: calling this twice gives nothing back twice.
        units = min(balance.units, balance.line.num_allocated or 0)
        if units > 0:
            restock.return_units(balance.line, units, restock=False)
