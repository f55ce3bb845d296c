"""Shared by the checkout tests: the stripe library wired to the sandbox through Django's test client.

``StripeThroughDjango`` is a ``stripe.HTTPClient``: every call the official library makes
(create a Checkout Session, retrieve it, refund) goes through Django's full request
stack to ``stripe_payments.sandbox`` — the same code path as ``make run``, without a socket.
The sandbox's webhooks land in an ``Outbox`` the test delivers (or withholds) itself.
"""

from __future__ import annotations

import json
import threading
import time
from decimal import Decimal
from urllib.parse import urlsplit

import stripe
from django.db import connections
from django.test import Client
from django.utils import translation
from oscar.core.loading import get_model

from stripe_payments.gateway import SANDBOX_WEBHOOK_SECRET
from stripe_payments.models import CheckoutPayment, ProcessedEvent, Refund, StockReservation
from stripe_payments.sandbox.delivery import build_event, sign

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
ShippingAddress = get_model("order", "ShippingAddress")
StockRecord = get_model("partner", "StockRecord")

WEBHOOK_URL = "/payments/stripe/webhook/"
GUANGZHOU_ADDRESS = {
    "name": "陈小姐",
    "mobile": "138 1234 5678",
    "province": "广东省",
    "city": "广州市",
    "district": "天河区",
    "street": "天河路385号太古汇写字楼2座",
    "postcode": "510620",
    "notes": "",
}


class StripeThroughDjango(stripe.HTTPClient):
    name = "django-test-client"

    def request(self, method, url, headers, post_data=None, **kwargs):
        parts = urlsplit(url)
        language = translation.get_language()
        client = Client(HTTP_HOST=parts.netloc or "testserver")
        extra = {"HTTP_AUTHORIZATION": headers.get("Authorization", "")}
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            if method.lower() == "get":
                response = client.get(path, **extra)
            else:
                response = client.generic(method.upper(), path, post_data or "", content_type="application/x-www-form-urlencoded", **extra)
        finally:
            translation.activate(language)
        return response.content.decode(), response.status_code, dict(response.headers)

    def close(self):
        pass


class Outbox(list):
    """Webhook events the sandbox would have sent, in order: (url, event)."""

    def __init__(self, client: Client):
        super().__init__()
        self.client = client

    def deliver(self, url, event):  # the sandbox's delivery.deliver signature
        self.append(event)

    def types(self) -> list[str]:
        return [event["type"] for event in self]

    def post(self, event: dict, secret: str = SANDBOX_WEBHOOK_SECRET, timestamp: int | None = None):
        payload = json.dumps(event)
        return self.client.generic(
            "POST", WEBHOOK_URL, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload, secret, timestamp)
        )

    def flush(self) -> list:
        responses = [self.post(event) for event in list(self)]
        self.clear()
        return responses


def signed_event(event_type: str, obj: dict) -> dict:
    return build_event(event_type, obj)


def two_cooperatives_products(storage: str = "ambient") -> list:
    """Two in-stock products of different cooperatives with the given storage."""
    picked, partners = [], set()
    for record in StockRecord.objects.select_related("product", "partner").filter(product__storage=storage).order_by("pk"):
        if record.partner_id in partners or record.net_stock_level < 10 or record.price is None:
            continue
        picked.append(record.product)
        partners.add(record.partner_id)
        if len(picked) == 2:
            return picked
    raise AssertionError("the demo catalogue needs two cooperatives' products")


def add_to_basket(client: Client, product, quantity: int = 1):
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": quantity})
    assert response.status_code == 302, response.content[:500]


def checkout_to_preview(client: Client, *, email: str = "guest@example.com", address: dict | None = None, method: str | None = None):
    """Guest checkout up to the preview page; returns the preview response."""
    response = client.post("/shop/checkout/", {"username": email, "options": "anonymous"})
    assert response.status_code == 302, response.content[:1000]
    response = client.post("/shop/checkout/shipping-address/", address or GUANGZHOU_ADDRESS)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    response = client.get("/shop/checkout/shipping-method/")
    if response.status_code == 200:  # more than one method offered: choose
        response = client.post("/shop/checkout/shipping-method/", {"method_code": method or "ambient-express"})
        assert response.status_code == 302
    response = client.get("/shop/checkout/preview/")
    assert response.status_code == 200, response
    return response


def place_order(client: Client, **extra):
    return client.post("/shop/checkout/preview/", {"action": "place_order", **extra})


def place_order_in_english(client: Client, products):
    """One of each product in the basket, then the guest checkout on the English site step by step
    (nothing checked on the way); returns the answer to "place order"."""
    for product in products:
        add_to_basket(client, product)
    client.post("/en/shop/checkout/", {"username": "guest@example.com", "options": "anonymous"})
    client.post("/en/shop/checkout/shipping-address/", GUANGZHOU_ADDRESS)
    client.post("/en/shop/checkout/shipping-method/", {"method_code": "ambient-express"})
    return client.post("/en/shop/checkout/preview/", {"action": "place_order"})


def pay(client: Client, stripe_url: str, outcome: str = "succeed"):
    """The buyer on the (sandbox) Stripe page."""
    path = stripe_url.replace("http://testserver", "")
    page = client.get(path)
    assert page.status_code == 200
    return client.post(path, {"outcome": outcome})


def guest_pays(outbox: Outbox, products, quantity: int) -> None:
    """A new guest buys ``quantity`` of each product, pays on the sandbox's page; its webhooks are delivered."""
    buyer = Client()
    for product in products:
        add_to_basket(buyer, product, quantity)
    checkout_to_preview(buyer)
    path = place_order(buyer)["Location"].replace("http://testserver", "")
    buyer.post(path, {"outcome": "succeed"})
    outbox.flush()


def our_orders():
    """Orders placed through Stripe in this test (the demo data has order history of its own)."""
    return Order.objects.filter(number__in=CheckoutPayment.objects.values("order_number"))


def stock_of(product) -> tuple[int, int]:
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated or 0


def money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def now() -> int:
    return int(time.time())


# --- scenarios that commit for real (PostgreSQL concurrency tests) ---------------------------------
def committed_in_own_thread(django_db_blocker, scenario, *args) -> None:
    """Run ``scenario(*args)`` outside the test transaction, so concurrent connections see its writes.

    It runs in a thread of its own (a session-wide Playwright browser keeps an event loop on the
    main thread); whatever it raises is raised again on the test's thread.
    """
    failures: list[BaseException] = []

    def run() -> None:
        try:
            with django_db_blocker.unblock():
                scenario(*args)
        except BaseException as error:  # re-raised on the test's thread
            failures.append(error)
        finally:
            connections.close_all()

    runner = threading.Thread(target=run)
    runner.start()
    runner.join()
    if failures:
        raise failures[0]


def last_pks(*models) -> dict:
    """The highest primary key of each model now (0 for none): what a committed scenario adds lies above."""
    return {model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0 for model in models}


def delete_checkouts_since(marks: dict) -> None:
    """Delete the refunds (if marked), orders, payments, holds, events, addresses and baskets made since ``last_pks``."""
    if Refund in marks:
        Refund.objects.filter(pk__gt=marks[Refund]).delete()
    Order.objects.filter(pk__gt=marks[Order]).delete()
    StockReservation.objects.filter(payment__pk__gt=marks[CheckoutPayment]).delete()
    CheckoutPayment.objects.filter(pk__gt=marks[CheckoutPayment]).delete()
    ProcessedEvent.objects.filter(pk__gt=marks[ProcessedEvent]).delete()
    ShippingAddress.objects.filter(pk__gt=marks[ShippingAddress]).delete()
    Basket.objects.filter(pk__gt=marks[Basket]).delete()
