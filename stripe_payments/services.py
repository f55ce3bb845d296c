"""The payment lifecycle: start a Checkout Session, then place the order only when Stripe says it is paid.

Every entry point that learns about a payment — the webhook, the buyer's return from
Stripe, a late retry — calls the same idempotent functions here, under a row lock on
the CheckoutPayment, so an order is placed exactly once whichever arrives first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import stripe
from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from stripe_payments import emails, gateway, stock
from stripe_payments.models import CheckoutPayment, StockReservation, to_fen

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")

# Sent with the basket's lines before an order is placed from a payment: a receiver answers True
# when one of them can no longer be delivered because its date has passed (tourism.receivers: a
# departure that has left). The payment is then refunded in full (Status.DEPARTED).
too_late_to_deliver = Signal()

SoldOut = stock.SoldOut

STATUS_PAID = "待发货"
STATUS_SHIPPED = "已发货"
STATUS_REFUNDED = "已退款"
STATUS_CANCELLED = "已取消"


class PaymentUnavailable(Exception):
    """Stripe (or the sandbox) could not be reached or refused the request; nothing was charged."""


@dataclass
class StartedCheckout:
    payment: CheckoutPayment
    url: str


def start_checkout(
    *,
    basket,
    order_number: str,
    total,
    shipping_method,
    shipping_address,
    user,
    email: str,
    language: str,
    success_url: str,
    cancel_url: str,
) -> StartedCheckout:
    """Reserve the basket's stock, then open a Checkout Session for the server-computed total.

    The amount comes from Oscar's order total calculator on the server; nothing the
    browser sends takes part. Raises SoldOut (nothing reserved) or PaymentUnavailable
    (reservation given back).
    """
    if total.currency != "CNY":
        raise PaymentUnavailable(_("只支持人民币支付。"))
    if not gateway.payments_available():
        # A production site without Stripe keys: say so before any stock is held.
        raise PaymentUnavailable(_("在线支付暂未开通，未扣款。请稍后再试或联系我们。"))
    cancel_open_payments(order_number)
    now = timezone.now()
    hold = timedelta(minutes=settings.STRIPE_CHECKOUT_MINUTES)
    address = _address_fields(shipping_address)
    stock.release_expired()
    # The payment, its stock and the frozen basket are committed together or not at all: a worker
    # killed at any point leaves either nothing, or a payment the release job finds (no session yet).
    with transaction.atomic():
        payment = CheckoutPayment.objects.create(
            order_number=order_number,
            basket=basket,
            user=user if user and user.is_authenticated else None,
            email=email,
            language=language,
            amount=total.incl_tax,
            currency=total.currency,
            shipping_method_code=shipping_method.code,
            shipping_address=address,
            guangzhou_district=_district_of(address),
            # The reservation outlives the payment page by a margin: Stripe stops taking
            # payment at expires_at, so stock is never released under a paying buyer.
            expires_at=now + hold + timedelta(minutes=5),
        )
        stock.reserve(payment, stock.needs_for_basket(basket))  # SoldOut rolls all three back
        if basket.status != basket.FROZEN:
            basket.freeze()
    try:
        session = gateway.create_checkout_session(
            mode="payment",
            line_items=_line_items(basket, shipping_method, total),
            client_reference_id=order_number,
            customer_email=email or None,
            metadata={"order_number": order_number, "payment": str(payment.pk)},
            payment_intent_data={"metadata": {"order_number": order_number}},
            success_url=success_url + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=cancel_url,
            expires_at=int((now + hold).timestamp()),
            locale="en" if language.startswith("en") else "zh",
            **_payment_method_params(),
            idempotency_key=f"checkout-{payment.pk}",
        )
    except stripe.StripeError as error:
        logger.error("Order #%s: Stripe refused the Checkout Session: %s", order_number, error)
        stock.release(payment)
        CheckoutPayment.objects.filter(pk=payment.pk).update(status=CheckoutPayment.Status.CANCELED)
        raise PaymentUnavailable(_("支付服务暂时不可用，未扣款，请稍后再试。")) from error
    payment.stripe_session_id = session["id"]
    payment.save(update_fields=["stripe_session_id", "updated_at"])
    return StartedCheckout(payment=payment, url=session["url"])


def _payment_method_params() -> dict[str, Any]:
    """Explicit methods when configured; otherwise Stripe offers what the Dashboard enables."""
    types = list(settings.STRIPE_PAYMENT_METHOD_TYPES)
    if not types:
        return {}
    params: dict[str, Any] = {"payment_method_types": types}
    if "wechat_pay" in types:
        params["payment_method_options"] = {"wechat_pay": {"client": "web"}}  # WeChat Pay needs to know the client
    return params


def _address_fields(address) -> dict[str, Any]:
    fields = {}
    for name in ("title", "first_name", "last_name", "line1", "line2", "line3", "line4", "state", "postcode", "notes"):
        fields[name] = getattr(address, name, "") or ""
    fields["country_id"] = address.country_id if address else "CN"
    fields["phone_number"] = str(address.phone_number) if address and address.phone_number else ""
    return fields


def _district_of(address: dict[str, Any]):
    from checkout.forms import guangzhou_district

    return guangzhou_district(address.get("state", ""), address.get("line4", ""), address.get("line3", ""))


def _line_items(basket, shipping_method, total) -> list[dict[str, Any]]:
    """What Stripe's page lists. Lines plus shipping, unless discounts make them not add up to the total."""
    items = [
        {
            "price_data": {
                "currency": "cny",
                "unit_amount": to_fen(line.line_price_incl_tax_incl_discounts),
                "product_data": {"name": f"{line.product.get_title()} × {line.quantity}"},
            },
            "quantity": 1,
        }
        for line in basket.all_lines()
    ]
    shipping = to_fen(total.incl_tax) - sum(item["price_data"]["unit_amount"] for item in items)
    if shipping > 0:
        items.append(
            {"price_data": {"currency": "cny", "unit_amount": shipping, "product_data": {"name": str(shipping_method.name)}}, "quantity": 1}
        )
    if shipping < 0 or any(item["price_data"]["unit_amount"] <= 0 for item in items):
        items = [
            {
                "price_data": {"currency": "cny", "unit_amount": to_fen(total.incl_tax), "product_data": {"name": _("黔货进穗订单")}},
                "quantity": 1,
            }
        ]
    return items


def cancel_open_payments(order_number: str) -> None:
    """A buyer who comes back and pays again: the earlier page is closed and its stock given back."""
    for payment in CheckoutPayment.objects.filter(order_number=order_number, status=CheckoutPayment.Status.OPEN):
        cancel(payment, expire_at_stripe=True)


def cancel(payment: CheckoutPayment, *, expire_at_stripe: bool) -> None:
    """The buyer went back from Stripe's page: close it there and give the stock back now."""
    if expire_at_stripe and payment.stripe_session_id:
        try:
            gateway.expire_checkout_session(payment.stripe_session_id)
        except stripe.StripeError as error:
            # Already paid or already expired: the webhook settles it.
            logger.info("Order #%s: could not expire session: %s", payment.order_number, error)
            return
    with transaction.atomic():
        locked = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
        if locked.status != CheckoutPayment.Status.OPEN:
            return
        stock.release(locked)
        locked.status = CheckoutPayment.Status.CANCELED
        locked.save(update_fields=["status", "updated_at"])
        _thaw(locked)


_thaw = stock.thaw_basket


def _locked(session: dict[str, Any]) -> CheckoutPayment | None:
    """The payment a session belongs to, row-locked.

    Falls back to the id in the session's metadata: Stripe may deliver the webhook
    before we have stored the session id we just received.
    """
    payments = CheckoutPayment.objects.select_for_update()
    payment = payments.filter(stripe_session_id=session["id"]).first()
    reference = (session.get("metadata") or {}).get("payment", "")
    if payment is None and reference.isdigit():
        payment = payments.filter(pk=int(reference), order_number=session.get("client_reference_id"), stripe_session_id=None).first()
        if payment is not None:
            payment.stripe_session_id = session["id"]
            payment.save(update_fields=["stripe_session_id", "updated_at"])
    return payment


def fulfil(session: dict[str, Any]) -> Order | None:
    """Place the order for a paid Checkout Session. Idempotent; returns the order once there is one."""
    with transaction.atomic():
        payment = _locked(session)
        if payment is None:
            logger.warning("Checkout Session %s is not ours", session.get("id"))
            return None
        if payment.order_id:
            return payment.order
        if payment.status in CheckoutPayment.GIVEN_UP:
            return None
        if session.get("payment_status") != "paid":
            if session.get("status") == "complete" and payment.status == CheckoutPayment.Status.OPEN:
                # Alipay-style delayed methods: completed, money not yet there. Keep the stock.
                payment.status = CheckoutPayment.Status.PROCESSING
                payment.save(update_fields=["status", "updated_at"])
            return None
        payment.stripe_payment_intent = session.get("payment_intent") or ""
        if session.get("amount_total") != payment.amount_fen or (session.get("currency") or "").upper() != payment.currency:
            logger.error(
                "Order #%s: Stripe reports %s %s, we asked for %s %s — rejected and refunded",
                payment.order_number,
                session.get("amount_total"),
                session.get("currency"),
                payment.amount_fen,
                payment.currency,
            )
            return _give_up(payment, CheckoutPayment.Status.REJECTED, refund_fen=session.get("amount_total") or 0)
        if not stock.reclaim(payment):
            # Paid after the reservation lapsed, and someone else bought the last units.
            return _give_up(payment, CheckoutPayment.Status.UNFILLABLE, refund_fen=payment.amount_fen)
        if _departed(payment):
            # A tour paid for after its departure date (the seat was held, the day has passed).
            return _give_up(payment, CheckoutPayment.Status.DEPARTED, refund_fen=payment.amount_fen)
        order = _place_order(payment)
        if order is None:
            return _give_up(payment, CheckoutPayment.Status.UNFILLABLE, refund_fen=payment.amount_fen)
        stock.convert(payment)
        payment.order = order
        payment.status = CheckoutPayment.Status.PAID
        payment.save()
        transaction.on_commit(lambda: emails.order_confirmation(order, payment))
        return order


def _departed(payment: CheckoutPayment) -> bool:
    """Has a product in the basket become undeliverable by date (a tour whose departure has passed)?
    Re-checked when the order is placed, not only when held; the floors above answer (`too_late_to_deliver`)."""
    if payment.basket is None:
        return False
    lines = list(payment.basket.all_lines())
    return any(answer for _receiver, answer in too_late_to_deliver.send(sender=CheckoutPayment, lines=lines))


def _give_up(payment: CheckoutPayment, status: str, refund_fen: int) -> None:
    """Money arrived for something we cannot deliver: refund it in full and tell the buyer."""
    stock.release(payment)
    payment.status = status
    payment.save(update_fields=["status", "stripe_payment_intent", "updated_at"])
    _thaw(payment)
    if refund_fen and payment.stripe_payment_intent:
        try:
            gateway.create_refund(
                payment.stripe_payment_intent,
                refund_fen,
                idempotency_key=f"auto-refund-{payment.pk}",
                metadata={"order_number": payment.order_number},
            )
        except stripe.StripeError:
            logger.exception("Order #%s: automatic refund failed — refund it by hand in Stripe", payment.order_number)
    transaction.on_commit(lambda: emails.payment_failed(payment, refunded=True))
    return None


def _place_order(payment: CheckoutPayment) -> Order | None:
    basket = payment.basket
    if basket is None or basket.is_empty:
        return None
    basket.strategy = Selector().strategy(user=payment.user)
    methods = Repository().get_shipping_methods(basket=basket, user=payment.user)
    method = next((m for m in methods if m.code == payment.shipping_method_code), None)
    if method is None:
        return None
    shipping_charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, shipping_charge)
    if to_fen(total.incl_tax) != payment.amount_fen:
        # Prices moved while the buyer was paying: the order records what was actually paid.
        logger.warning("Order #%s: basket now totals %s, buyer paid %s", payment.order_number, total.incl_tax, payment.amount)
        return None
    address = ShippingAddress(**payment.shipping_address)
    address.save()
    reserved = set(payment.reservations.filter(state=StockReservation.State.HELD).values_list("stockrecord_id", flat=True))
    order = OrderCreator(reserved=reserved).place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=shipping_charge,
        user=payment.user,
        shipping_address=address,
        billing_address=None,
        order_number=payment.order_number,
        status=STATUS_PAID,
        guest_email="" if payment.user else payment.email,
        guangzhou_district=payment.guangzhou_district,
    )
    source_type, _created = SourceType.objects.get_or_create(name="Stripe")
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency=payment.currency,
        amount_allocated=payment.amount,
        amount_debited=payment.amount,
        reference=payment.stripe_payment_intent,
    )
    event = PaymentEvent.objects.create(
        order=order, amount=payment.amount, reference=payment.stripe_payment_intent, event_type=_event_type("已支付", "paid")
    )
    for line in order.lines.all():
        PaymentEventQuantity.objects.create(event=event, line=line, quantity=line.quantity)
    basket.submit()
    return order


def _event_type(name: str, code: str):
    event_type, _created = PaymentEventType.objects.get_or_create(code=code, defaults={"name": name})
    return event_type


def fail(session: dict[str, Any]) -> None:
    """A delayed payment failed: give the stock back, let the buyer try again, tell them."""
    with transaction.atomic():
        payment = _locked(session)
        if payment is None or payment.status not in (CheckoutPayment.Status.OPEN, CheckoutPayment.Status.PROCESSING):
            return
        stock.release(payment)
        payment.status = CheckoutPayment.Status.FAILED
        payment.save(update_fields=["status", "updated_at"])
        _thaw(payment)
        transaction.on_commit(lambda: emails.payment_failed(payment, refunded=False))


def expire(session: dict[str, Any]) -> None:
    """Stripe closed an unpaid payment page: the stock goes back on sale."""
    with transaction.atomic():
        payment = _locked(session)
        if payment is None or payment.status != CheckoutPayment.Status.OPEN:
            return
        stock.release(payment)
        payment.status = CheckoutPayment.Status.EXPIRED
        payment.save(update_fields=["status", "updated_at"])
        _thaw(payment)


def record_refund(charge: dict[str, Any]) -> None:
    """``charge.refunded``: Stripe's running total is the truth (see stripe_payments.refunds.record_stripe_refund)."""
    from stripe_payments.refunds import record_stripe_refund

    payment = CheckoutPayment.objects.filter(stripe_payment_intent=charge.get("payment_intent") or "-").first()
    if payment is None:
        return
    record_stripe_refund(payment=payment, refunded_total_fen=int(charge["amount_refunded"]), reference=charge["id"])
