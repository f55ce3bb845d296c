"""The whole purchase in Chromium: search, two cooperatives' products, guest checkout, sandbox payment, confirmation.

The site runs in a real server thread; the stripe library talks to the sandbox over
HTTP and the sandbox posts its signed webhook over HTTP, as in ``make run``. The test
does not use pytest-django's transactional ``live_server`` (its flush would wipe the
session's demo data); it writes in autocommit and removes what it created.
"""

import re

import pytest
import requests
import stripe
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread
from oscar.core.loading import get_model

from payments.models import CheckoutPayment, ProcessedEvent, StockReservation
from payments.sandbox import delivery

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")
StockRecord = get_model("partner", "StockRecord")
CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not __import__("os").path.exists(CHROMIUM), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture
def site(django_db_blocker, settings, monkeypatch):
    with django_db_blocker.unblock():
        shared = {conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()}
        for conn in shared.values():
            conn.inc_thread_sharing()
        server = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override=shared, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        url = f"http://127.0.0.1:{server.port}"
        settings.STRIPE_SECRET_KEY = ""
        settings.STRIPE_WEBHOOK_SECRET = ""
        settings.STRIPE_SANDBOX_API_BASE = f"{url}/stripe-sandbox"
        monkeypatch.setattr(stripe, "default_http_client", None)  # the library's own HTTP client

        def deliver_now(webhook_url, event):  # as the sandbox does, minus the background thread
            payload = delivery.json.dumps(event)
            signature = delivery.sign(payload, delivery.webhook_secret())
            headers = {"Stripe-Signature": signature, "Content-Type": "application/json"}
            requests.post(webhook_url, data=payload.encode(), headers=headers, timeout=30)

        monkeypatch.setattr("payments.sandbox.delivery.deliver", deliver_now)
        marks = {model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                 for model in (Order, Basket, CheckoutPayment, ProcessedEvent, ShippingAddress)}
        stock = list(StockRecord.objects.values_list("pk", "num_allocated"))
        try:
            yield url
        finally:
            server.terminate()
            for conn in shared.values():
                conn.dec_thread_sharing()
            Order.objects.filter(pk__gt=marks[Order]).delete()
            StockReservation.objects.filter(payment__pk__gt=marks[CheckoutPayment]).delete()
            CheckoutPayment.objects.filter(pk__gt=marks[CheckoutPayment]).delete()
            ProcessedEvent.objects.filter(pk__gt=marks[ProcessedEvent]).delete()
            ShippingAddress.objects.filter(pk__gt=marks[ShippingAddress]).delete()
            Basket.objects.filter(pk__gt=marks[Basket]).delete()
            for pk, allocated in stock:
                StockRecord.objects.filter(pk=pk).update(num_allocated=allocated)


def add_from_search(page, site, query: str) -> None:
    response = page.goto(f"{site}/shop/catalogue/")
    assert response.ok, (response.status, page.content()[:3000])
    page.fill("#site-search-q", query)
    page.press("#site-search-q", "Enter")
    page.get_by_role("link", name=re.compile(query)).first.click()
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state()


def test_guest_buys_two_cooperatives_products_and_pays_in_the_sandbox(site, django_db_blocker):
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(locale="zh-CN")
        page.set_default_timeout(30_000)
        try:
            add_from_search(page, site, "都匀毛尖")
            add_from_search(page, site, "威宁洋芋")
            page.goto(f"{site}/shop/basket/")
            page.locator("a[href='/shop/checkout/']").last.click()

            page.fill("#id_username", "guest-browser@example.com")
            page.check("input[name=options][value=anonymous]")
            page.locator("form:has(#id_username) button[type=submit]").click()

            page.wait_for_url("**/shipping-address/")
            assert page.input_value("#id_province") == "广东省" and page.input_value("#id_city") == "广州市"
            page.fill("#id_name", "陈小姐")
            page.fill("#id_mobile", "13812345678")
            page.fill("#id_district", "天河区")
            page.fill("#id_street", "天河路385号")
            page.locator("#new_shipping_address button[type=submit]").click()

            if "/shipping-method/" in page.url:
                page.locator("form[action$='/shipping-method/'] button[type=submit]").first.click()
            page.wait_for_url("**/preview/")
            page.click("#place-order")

            page.wait_for_url("**/stripe-sandbox/pay/**")
            page.locator("button.pay").click()
            page.wait_for_url("**/thank-you/")
            text = page.inner_text("body")
        except Exception:
            page.screenshot(path="/tmp/checkout-browser-failure.png", full_page=True)
            print(page.url, page.inner_text("body")[:1500])
            raise
        finally:
            browser.close()
    with django_db_blocker.unblock():
        payment = CheckoutPayment.objects.order_by("-pk").first()
        order = payment.order
        assert order is not None and order.number in text
        assert order.lines.values("partner").distinct().count() == 2
        assert order.guangzhou_district.name == "天河区"
        assert ProcessedEvent.objects.filter(type="checkout.session.completed").exists()
