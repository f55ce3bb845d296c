"""Stripe's webhook, the buyer's way back from Stripe's page, and staff refunds."""

from __future__ import annotations

import json
import logging

import stripe
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from core.money import format_cny
from stripe_payments import gateway, refunds, services
from stripe_payments.forms import staff_refund_key, staff_refund_request
from stripe_payments.models import CheckoutPayment, ProcessedEvent, Refund

logger = logging.getLogger(__name__)
Order = get_model("order", "Order")

HANDLERS = {
    "checkout.session.completed": services.fulfil,
    "checkout.session.async_payment_succeeded": services.fulfil,
    "checkout.session.async_payment_failed": services.fail,
    "checkout.session.expired": services.expire,
    "charge.refunded": services.record_refund,
}


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Verify Stripe's signature, then handle each event id exactly once.

    The event id is recorded in the same transaction as its effects: a replay finds it
    and changes nothing, and a handler that fails leaves no record, so Stripe's retry
    gets another go.
    """
    try:
        event = gateway.construct_event(request.body, request.headers.get("Stripe-Signature"))
    except (ValueError, stripe.SignatureVerificationError) as error:
        logger.warning("Rejected Stripe webhook: %s", error)
        return HttpResponseBadRequest(_("签名无效"))
    payload = json.loads(request.body)
    handler = HANDLERS.get(event["type"])
    if handler is None:
        return JsonResponse({"received": True, "handled": False})
    try:
        with transaction.atomic():
            ProcessedEvent.objects.create(event_id=event["id"], type=event["type"])
            handler(payload["data"]["object"])
    except IntegrityError:
        if ProcessedEvent.objects.filter(event_id=event["id"]).exists():
            return JsonResponse({"received": True, "duplicate": True})
        raise
    return JsonResponse({"received": True, "handled": True})


@transaction.non_atomic_requests
def checkout_return(request: HttpRequest) -> HttpResponse:
    """Stripe sends the buyer here after paying. Tell the truth about the payment, whatever its state.

    If the webhook has not settled it yet, ask Stripe directly — also when our hold had expired
    (a late payment): the order may still be placed, or the money refunded, and the buyer is told
    which, with the reason.
    """
    session_id = request.GET.get("session_id", "")
    payment = get_object_or_404(CheckoutPayment, stripe_session_id=session_id)
    order = payment.order
    if order is None and payment.status not in (*CheckoutPayment.GIVEN_UP, CheckoutPayment.Status.FAILED):
        try:
            session = gateway.retrieve_checkout_session(session_id)
        except stripe.StripeError:
            logger.exception("Could not retrieve Checkout Session %s", session_id)
        else:
            order = services.fulfil(session.to_dict())
        payment.refresh_from_db()
    if order is not None:
        # Oscar's thank-you page shows the order kept in the session.
        request.session["checkout_order_id"] = order.pk
        return redirect("checkout:thank-you")
    if payment.status in (CheckoutPayment.Status.OPEN, CheckoutPayment.Status.PROCESSING):
        return render(request, "payments/processing.html", {"payment": payment}, status=202)
    messages.error(request, outcome_message(payment))
    return redirect("basket:summary")


def outcome_message(payment: CheckoutPayment) -> str:
    """What happened to a payment that did not become an order, in the buyer's words."""
    context = {"number": payment.order_number, "amount": format_cny(payment.amount)}
    Status = CheckoutPayment.Status
    if payment.status == Status.UNFILLABLE:
        return (
            _(
                "订单 %(number)s：您的付款到账时，商品已被其他顾客买走（为您保留库存的时间已过），订单未能成立。"
                "%(amount)s 已全额原路退回，通常 5–10 个工作日到账。"
            )
            % context
        )
    if payment.status == Status.DEPARTED:
        return _("订单 %(number)s：付款到账时该团期已出发，预订未能成立。%(amount)s 已全额原路退回。") % context
    if payment.status == Status.REJECTED:
        return _("订单 %(number)s：支付金额与订单不符，订单未成立，款项已全额原路退回。") % context
    if payment.status == Status.FAILED:
        return _("订单 %(number)s：支付未成功，未扣款。商品仍在购物车中，可以重新结算。") % context
    return _("订单 %(number)s：支付页面已关闭，未扣款。商品仍在购物车中，可以重新结算。") % context


@transaction.non_atomic_requests
def checkout_cancel(request: HttpRequest) -> HttpResponse:
    """The buyer pressed "back" on Stripe's page: close it, give the stock back, reopen the basket."""
    payment = CheckoutPayment.objects.filter(
        order_number=request.session.get("checkout_data", {}).get("submission", {}).get("order_number", "-"),
        status=CheckoutPayment.Status.OPEN,
    ).first()
    if payment is None:
        payment = CheckoutPayment.objects.filter(basket_id=getattr(request.basket, "pk", None), status=CheckoutPayment.Status.OPEN).first()
    if payment is not None:
        services.cancel(payment, expire_at_stripe=True)
    messages.info(request, _("您已取消支付，商品仍在购物车中。"))
    return redirect("checkout:preview")


@staff_member_required
@require_POST
@transaction.non_atomic_requests
def refund_order(request: HttpRequest, number: str) -> HttpResponse:
    """Staff refund all or part of an order from the dashboard's order page (one token per form: one refund)."""
    order = get_object_or_404(Order, number=number)
    try:
        key = staff_refund_key(order, request.POST)
        lines, amount = staff_refund_request(order, request.POST)
        refund = refunds.refund_order(
            order=order,
            key=key,
            lines=lines,
            amount=amount,
            reason=(request.POST.get("reason") or "").strip()[:500],
            actor=request.user,
            source=Refund.Source.STAFF,
        )
    except refunds.RefundError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已退款 %(amount)s。") % {"amount": format_cny(refund.amount)})
    return redirect(reverse("dashboard:order-detail", kwargs={"number": order.number}))
