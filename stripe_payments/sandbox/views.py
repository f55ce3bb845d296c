"""The sandbox's API endpoints (``/stripe-sandbox/v1/…``) and its hosted payment page."""

from __future__ import annotations

import re
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from stripe_payments import gateway
from stripe_payments.sandbox import delivery, store


def _sandbox_only(view):
    """Unreachable as soon as a real Stripe key is configured; never part of a transaction."""

    def wrapped(request: HttpRequest, *args, **kwargs):
        if not gateway.sandbox_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    wrapped._non_atomic_requests = {"default"}
    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _api(view):
    """API views: the secret key must be the sandbox's, answers are Stripe-shaped JSON."""

    @_sandbox_only
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.headers.get("Authorization") != f"Bearer {gateway.SANDBOX_SECRET_KEY}":
            return _error(401, "Invalid API Key provided", "invalid_request_error")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return csrf_exempt(wrapped)


def _error(status: int, message: str, kind: str = "invalid_request_error", param: str | None = None) -> JsonResponse:
    return JsonResponse({"error": {"type": kind, "message": message, "param": param}}, status=status)


def _params(request: HttpRequest) -> dict[str, Any]:
    """Decode Stripe's form encoding (``line_items[0][price_data][currency]=cny``) into nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, values in request.POST.lists():
        parts = re.findall(r"[^\[\]]+", key)
        node: Any = root
        for part, nxt in zip(parts, parts[1:], strict=False):
            container: Any = [] if nxt.isdigit() else {}
            if isinstance(node, list):
                index = int(part)
                while len(node) <= index:
                    node.append(None)
                if node[index] is None:
                    node[index] = container
                node = node[index]
            else:
                node = node.setdefault(part, container)
        last = parts[-1]
        if isinstance(node, list):
            index = int(last)
            while len(node) <= index:
                node.append(None)
            node[index] = values[-1]
        else:
            node[last] = values[-1]
    return root


def _webhook_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("stripe_webhook"))


@_api
@require_http_methods(["POST"])
def create_session(request: HttpRequest) -> JsonResponse:
    if settings.STRIPE_SANDBOX_LATENCY_MS:
        time.sleep(settings.STRIPE_SANDBOX_LATENCY_MS / 1000)
    params = _params(request)
    if params.get("mode") != "payment":
        return _error(400, "Only mode=payment is supported by the sandbox", param="mode")
    line_items = params.get("line_items") or []
    if not line_items:
        return _error(400, "Missing required param: line_items.", param="line_items")
    currencies = {item["price_data"]["currency"] for item in line_items}
    if len(currencies) != 1:
        return _error(400, "All line items must share one currency", param="line_items")
    try:
        amount_total = sum(int(item["price_data"]["unit_amount"]) * int(item.get("quantity", 1)) for item in line_items)
    except (KeyError, ValueError):
        return _error(400, "Invalid line_items", param="line_items")
    if amount_total <= 0:
        return _error(400, "The total must be positive", param="line_items")
    session_id = store.new_id("cs")
    session = {
        "id": session_id,
        "object": "checkout.session",
        "mode": "payment",
        "status": "open",
        "payment_status": "unpaid",
        "amount_total": amount_total,
        "amount_subtotal": amount_total,
        "currency": currencies.pop(),
        "client_reference_id": params.get("client_reference_id"),
        "customer_email": params.get("customer_email"),
        "metadata": params.get("metadata", {}),
        "success_url": params["success_url"],
        "cancel_url": params.get("cancel_url"),
        "expires_at": int(params.get("expires_at") or time.time() + 24 * 3600),
        "payment_intent": None,
        "payment_method_types": params.get("payment_method_types") or ["card", "alipay", "wechat_pay"],
        "livemode": False,
        "url": request.build_absolute_uri(reverse("stripe_sandbox:pay", args=[session_id])),
        # Not part of Stripe's object; the hosted page shows it.
        "sandbox_line_items": [
            {
                "name": item["price_data"]["product_data"]["name"],
                "amount": int(item["price_data"]["unit_amount"]) * int(item.get("quantity", 1)),
            }
            for item in line_items
        ],
        "sandbox_refunded": 0,
    }
    store.put(session)
    return JsonResponse(session)


@_api
@require_http_methods(["GET"])
def retrieve_session(request: HttpRequest, session_id: str) -> JsonResponse:
    session = store.get(session_id)
    if session is None or session.get("object") != "checkout.session":
        return _error(404, f"No such checkout.session: '{session_id}'", param="id")
    return JsonResponse(session)


@_api
@require_http_methods(["POST"])
def expire_session(request: HttpRequest, session_id: str) -> JsonResponse:
    session = store.get(session_id)
    if session is None:
        return _error(404, f"No such checkout.session: '{session_id}'", param="id")
    if session["status"] != "open":
        return _error(400, 'Only Checkout Sessions with a status in ["open"] can be expired.')
    session["status"] = "expired"
    store.put(session)
    delivery.deliver(_webhook_url(request), delivery.build_event("checkout.session.expired", session))
    return JsonResponse(session)


@_api
@require_http_methods(["POST"])
def create_refund(request: HttpRequest) -> JsonResponse:
    params = _params(request)
    session = store.resolve(params.get("payment_intent", ""))
    if session is None:
        return _error(404, f"No such payment_intent: '{params.get('payment_intent')}'", param="payment_intent")
    refundable = session["amount_total"] - session["sandbox_refunded"]
    amount = int(params.get("amount") or refundable)
    if amount <= 0 or amount > refundable:
        return _error(400, f"Refund amount ({amount}) is greater than unrefunded amount on charge ({refundable})", param="amount")
    session["sandbox_refunded"] += amount
    store.put(session)
    refund = store.put(
        {
            "id": store.new_id("re"),
            "object": "refund",
            "amount": amount,
            "currency": session["currency"],
            "payment_intent": session["payment_intent"],
            "charge": session["sandbox_charge"],
            "metadata": params.get("metadata", {}),
            "status": "succeeded",
            "created": int(time.time()),
        }
    )
    delivery.deliver(_webhook_url(request), delivery.build_event("charge.refunded", _charge(session)))
    return JsonResponse(refund)


def _charge(session: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": session["sandbox_charge"],
        "object": "charge",
        "amount": session["amount_total"],
        "amount_refunded": session["sandbox_refunded"],
        "currency": session["currency"],
        "payment_intent": session["payment_intent"],
        "refunded": session["sandbox_refunded"] >= session["amount_total"],
        "metadata": session["metadata"],
        "status": "succeeded",
    }


@_sandbox_only
def pay(request: HttpRequest, session_id: str) -> HttpResponse:
    """Plays Stripe's hosted payment page: pay, pay later (Alipay-style), fail, or go back."""
    session = store.get(session_id)
    if session is None:
        raise Http404
    error = ""
    if request.method == "POST" and session["status"] == "open":
        if session["expires_at"] < time.time():
            error = _("支付页面已过期，请返回商户重新下单。")
        else:
            outcome = request.POST.get("outcome")
            if outcome == "cancel":
                return HttpResponseRedirect(session["cancel_url"])
            if outcome == "decline":
                error = _("您的卡被拒绝（测试卡 4000 0000 0000 0002）。请换一张卡或其他支付方式。")
            elif outcome in ("succeed", "delayed_succeed", "delayed_fail"):
                _complete(request, session, outcome)
                return HttpResponseRedirect(session["success_url"].replace("{CHECKOUT_SESSION_ID}", session["id"]))
    items = [{"name": item["name"], "amount": Decimal(item["amount"]) / 100} for item in session["sandbox_line_items"]]
    context = {"session": session, "amount": Decimal(session["amount_total"]) / 100, "items": items, "error": error}
    return render(request, "payments/sandbox_pay.html", context)


def _complete(request: HttpRequest, session: dict[str, Any], outcome: str) -> None:
    session["status"] = "complete"
    session["payment_intent"] = store.new_id("pi")
    session["sandbox_charge"] = store.new_id("ch")
    store.link(session["payment_intent"], session["id"])
    url = _webhook_url(request)
    if outcome == "succeed":
        session["payment_status"] = "paid"
        store.put(session)
        delivery.deliver(url, delivery.build_event("checkout.session.completed", session))
        return
    # Delayed methods: the session completes unpaid, and a second event settles it.
    session["payment_status"] = "unpaid"
    store.put(session)
    delivery.deliver(url, delivery.build_event("checkout.session.completed", session))
    if outcome == "delayed_succeed":
        session["payment_status"] = "paid"
        store.put(session)
        delivery.deliver(url, delivery.build_event("checkout.session.async_payment_succeeded", session))
    else:
        delivery.deliver(url, delivery.build_event("checkout.session.async_payment_failed", session))
