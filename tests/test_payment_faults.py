"""Money and stock stay right when buyers pay late, workers die, Redis or SMTP go away, products are withdrawn.

Each test is one of issue #11's stories; the stripe library talks to the local sandbox.
"""

import smtplib
import time
from datetime import timedelta
from pathlib import Path

import pytest
import stripe
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from stripe_payments import gateway
from stripe_payments.models import CheckoutPayment, StockReservation
from stripe_payments.sandbox import store
from stripe_payments.tasks import release_stale_holds
from tests.checkout_helpers import (
    add_to_basket,
    checkout_to_preview,
    place_order,
    stock_of,
    two_cooperatives_products,
)

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("run_on_commit")]


def last_unit_product():
    """An ambient product with exactly one unit left and nothing allocated."""
    product = two_cooperatives_products()[0]
    StockRecord.objects.filter(product=product).update(num_in_stock=1, num_allocated=0)
    return product


def reach_stripe(client, product, email="a@example.com"):
    add_to_basket(client, product)
    checkout_to_preview(client, email=email)
    response = place_order(client)
    assert response.status_code == 302 and "/stripe-sandbox/pay/" in response["Location"], response.content[:300]
    return response["Location"].replace("http://testserver", "")


def let_the_hold_lapse(payment=None):
    (CheckoutPayment.objects.filter(pk=payment.pk) if payment else CheckoutPayment.objects).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )


# --- 5. stale holds ----------------------------------------------------------------------------
def test_an_abandoned_payment_does_not_tell_the_next_shopper_sold_out(outbox):
    product = last_unit_product()
    reach_stripe(Client(), product)  # … and the first buyer walks away
    let_the_hold_lapse()
    second = Client()
    add_to_basket(second, product)
    assert Line.objects.filter(product=product, basket__status="Open").exists()
    checkout_to_preview(second, email="b@example.com")
    assert "/stripe-sandbox/pay/" in place_order(second)["Location"]
    assert stock_of(product) == (1, 1)  # one unit, held once — for the second buyer
    assert list(CheckoutPayment.objects.order_by("pk").values_list("status", flat=True)) == ["expired", "open"]


def test_stale_holds_are_released_every_minute_and_baskets_given_back(outbox):
    assert settings.CELERY_BEAT_SCHEDULE["payments-release-stale-holds"] == {
        "task": "stripe_payments.tasks.release_stale_holds",
        "schedule": 60,
    }
    product = last_unit_product()
    buyer = Client()
    reach_stripe(buyer, product)
    assert Basket.objects.get(pk=CheckoutPayment.objects.get().basket_id).status == "Frozen"
    let_the_hold_lapse()
    assert release_stale_holds.delay().get() == 1
    assert stock_of(product) == (1, 0)
    assert Basket.objects.get(pk=CheckoutPayment.objects.get().basket_id).status == "Open"
    assert product.get_title() in buyer.get("/shop/basket/").content.decode()
    call_command("release_expired_stock", verbosity=0)  # the same job by hand: nothing left to do
    assert stock_of(product) == (1, 0)


def test_with_the_task_queue_down_queued_work_runs_inline_instead_of_failing(outbox, monkeypatch):
    from celery.app.task import Task
    from kombu.exceptions import OperationalError

    def broker_down(self, *args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    product = last_unit_product()
    reach_stripe(Client(), product)
    let_the_hold_lapse()
    monkeypatch.setattr(Task, "apply_async", broker_down)
    assert release_stale_holds.delay().get() == 1
    assert stock_of(product) == (1, 0)


# --- 6. late payments ----------------------------------------------------------------------------
def test_a_late_payment_that_can_still_be_filled_shows_the_order(outbox):
    product = last_unit_product()
    buyer = Client()
    page = reach_stripe(buyer, product)
    let_the_hold_lapse()
    release_stale_holds()
    back = buyer.post(page, {"outcome": "succeed"})
    answer = buyer.get(back["Location"], follow=True)
    order = Order.objects.get(number=CheckoutPayment.objects.get().order_number)
    assert order.number in answer.content.decode() and "已过期" not in answer.content.decode()
    assert stock_of(product) == (1, 1)


def test_a_late_payment_for_a_unit_sold_meanwhile_says_it_was_refunded(outbox):
    product = last_unit_product()
    late = Client()
    page = reach_stripe(late, product)
    let_the_hold_lapse()
    other = Client()
    other_page = reach_stripe(other, product, email="quick@example.com")  # releases the stale hold, takes the unit
    other.post(other_page, {"outcome": "succeed"})
    back = late.post(page, {"outcome": "succeed"})
    answer = late.get(back["Location"], follow=True).content.decode()
    payment = CheckoutPayment.objects.get(email="a@example.com")
    assert payment.status == "unfillable"
    assert "已全额原路退回" in answer and "已被其他顾客买走" in answer
    assert store.resolve(payment.stripe_payment_intent)["sandbox_refunded"] == payment.amount_fen
    assert stock_of(product) == (1, 1)


# --- 7. a worker killed mid-checkout -----------------------------------------------------------
class WorkerKilled(BaseException):
    """What the buyer's request sees when gunicorn kills its worker: nothing after this line runs."""


def test_a_checkout_killed_before_it_reached_stripe_gives_stock_and_basket_back(outbox, monkeypatch):
    product = last_unit_product()
    buyer = Client()
    add_to_basket(buyer, product)
    checkout_to_preview(buyer)

    def killed(**params):
        raise WorkerKilled

    monkeypatch.setattr(gateway, "create_checkout_session", killed)
    with pytest.raises(WorkerKilled):
        place_order(buyer)
    payment = CheckoutPayment.objects.get()
    assert payment.stripe_session_id is None and stock_of(product) == (1, 1)  # held by a payment nobody can pay
    assert release_stale_holds() == 0  # not while the worker might still be talking to Stripe
    CheckoutPayment.objects.update(created_at=timezone.now() - timedelta(seconds=settings.STRIPE_SESSIONLESS_SECONDS + 1))
    assert release_stale_holds() == 1
    assert stock_of(product) == (1, 0)
    assert Basket.objects.get(pk=payment.basket_id).status == "Open"
    assert product.get_title() in buyer.get("/shop/basket/").content.decode()


def test_a_stripe_call_gives_up_before_the_worker_is_killed(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_live_x"
    monkeypatch.setattr(stripe, "default_http_client", None)
    gateway.configure()
    assert stripe.default_http_client._timeout == settings.STRIPE_TIMEOUT_SECONDS
    assert gateway.worst_case_call_seconds() < settings.GUNICORN_TIMEOUT_SECONDS
    import runpy

    served = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
    assert gateway.worst_case_call_seconds() < served["timeout"] == settings.GUNICORN_TIMEOUT_SECONDS


# --- 8. unpublished products -----------------------------------------------------------------------
def test_an_unpublished_product_cannot_be_bought_by_any_path(outbox, client):
    product, other = two_cooperatives_products()
    add_to_basket(client, other)
    basket = Line.objects.filter(product=other).latest("pk").basket
    Product.objects.filter(pk=product.pk).update(is_public=False)
    assert client.get(product.get_absolute_url()).status_code == 404
    refused = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1}, follow=True)
    assert not basket.lines.filter(product=product).exists()
    assert "暂未上架" in refused.content.decode()


def test_a_product_withdrawn_after_it_was_put_in_the_basket_cannot_be_checked_out(outbox, client):
    product = two_cooperatives_products()[0]
    add_to_basket(client, product)
    checkout_to_preview(client)
    Product.objects.filter(pk=product.pk).update(is_public=False)
    response = place_order(client)
    assert not (response.status_code == 302 and "/stripe-sandbox/" in response.get("Location", ""))
    assert not CheckoutPayment.objects.exists() and not StockReservation.objects.exists()


def test_wholesale_quick_order_and_quotes_refuse_unpublished_products(client):
    from wholesale.models import BusinessAccount
    from wholesale.quotes import request_quote

    account = BusinessAccount.objects.get(user__username="buyer")
    record = StockRecord.objects.filter(product__is_public=True, product__storage="ambient").exclude(partner_sku="").first()
    Product.objects.filter(pk=record.product_id).update(is_public=False)
    client.force_login(account.user)
    mark = Line.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    answer = client.post("/wholesale/quick-order/", {"rows": f"{record.partner_sku} 100"})
    assert answer.status_code == 200  # the form again, with the row's error
    assert not Line.objects.filter(product_id=record.product_id, pk__gt=mark).exists()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="找不到商品编号"):
        request_quote(account=account, rows=[(1, [record.partner_sku, "10"])], delivery_date=timezone.localdate() + timedelta(days=3))


def test_tour_departures_are_still_sold_from_their_route_pages(client):
    from tests.test_tourism_content import make_departure

    departure = make_departure(30)
    assert not departure.product.is_public
    response = client.post(f"/shop/basket/add/{departure.product_id}/", {"quantity": 1})
    assert response.status_code == 302 and Line.objects.filter(product=departure.product).exists()


# --- 9. departures re-checked when the order is placed ------------------------------------------
def test_a_departure_paid_after_its_date_is_refunded_not_booked(outbox):
    from tests.test_tourism_content import make_departure

    departure = make_departure(1)
    buyer = Client()
    buyer.post(f"/shop/basket/add/{departure.product_id}/", {"quantity": 1})
    checkout_to_preview(buyer)
    page = place_order(buyer)["Location"].replace("http://testserver", "")
    type(departure).objects.filter(pk=departure.pk).update(date=timezone.localdate() - timedelta(days=1))
    back = buyer.post(page, {"outcome": "succeed"})
    answer = buyer.get(back["Location"], follow=True).content.decode()
    payment = CheckoutPayment.objects.get()
    assert payment.status == "departed" and payment.order is None
    assert "团期已出发" in answer and "已全额原路退回" in answer
    assert store.resolve(payment.stripe_payment_intent)["sandbox_refunded"] == payment.amount_fen
    assert departure.product.stockrecords.get().num_allocated == 0


# --- 10. Redis down --------------------------------------------------------------------------------
@pytest.fixture
def redis_down(settings):
    """Every cache pointed at a port nobody listens on, as with REDIS_URL at a dead Redis."""
    dead = {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    settings.CACHES = {**settings.CACHES, "default": dead, "pages": {**dead, "KEY_PREFIX": "pages"}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_with_redis_down_the_shop_keeps_selling_and_healthz_says_so(outbox, redis_down, client):
    for path in ("/", "/tourism/", "/impact/", "/shop/catalogue/"):
        assert client.get(path).status_code == 200, path
    product = two_cooperatives_products()[0]
    add_to_basket(client, product)
    checkout_to_preview(client)
    assert "/stripe-sandbox/pay/" in place_order(client)["Location"]
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["cache"] == "error" and health.json()["database"] == "ok"


# --- 11. SMTP down -----------------------------------------------------------------------------------
class SMTPDown(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_with_smtp_down_an_invoice_checkout_still_shows_the_order(client, settings):
    from tests.test_wholesale_invoices import checkout_as_buyer, tomorrow
    from wholesale.models import BusinessAccount, Invoice

    settings.EMAIL_BACKEND = "core.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.SMTPDown"
    account = BusinessAccount.objects.get(user__username="buyer")
    checkout_as_buyer(client, account)
    response = client.post("/shop/checkout/preview/", {"action": "place_order", "po_number": "PO-SMTP", "delivery_date": tomorrow()})
    assert response.status_code == 302 and "thank-you" in response["Location"]
    invoice = Invoice.objects.get(po_number="PO-SMTP")
    assert invoice.order.number in client.get(response["Location"]).content.decode()
    assert mail.outbox == []


def test_mail_is_handed_to_the_task_after_commit_with_its_attachment(settings, monkeypatch):
    from django.core.mail import EmailMessage

    settings.EMAIL_BACKEND = "core.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = EmailMessage("发票", "正文", to=["buyer@example.com"])
    message.attach("INV-1.pdf", b"%PDF-1.4 test", "application/pdf")
    message.send()
    [sent] = mail.outbox
    assert sent.subject == "发票" and sent.attachments[0][1] == b"%PDF-1.4 test"


# --- 12. the sandbox needs no free worker ------------------------------------------------------------
def test_the_sandbox_answers_in_process_so_the_server_cannot_deadlock_itself(monkeypatch, settings, client):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_SANDBOX_API_BASE = "http://testserver/stripe-sandbox"  # nothing listens there: no socket may be used
    monkeypatch.setattr(stripe, "default_http_client", None)
    monkeypatch.setattr("stripe_payments.sandbox.delivery.deliver", lambda url, event: None)
    add_to_basket(client, two_cooperatives_products()[0])
    checkout_to_preview(client)
    response = place_order(client)
    assert response.status_code == 302 and "/stripe-sandbox/pay/cs_test_" in response["Location"]
    assert type(stripe.default_http_client).__name__ == "InProcessSandboxClient"


# --- 13. webhook timestamps ----------------------------------------------------------------------------
@pytest.mark.parametrize("offset", [3600, -3600])
def test_webhooks_signed_far_from_now_are_refused_either_way(outbox, offset):
    from tests.checkout_helpers import signed_event

    event = signed_event("checkout.session.expired", {"id": "cs_test_x", "object": "checkout.session"})
    assert outbox.post(event, timestamp=int(time.time()) + offset).status_code == 400
    assert outbox.post(signed_event("checkout.session.expired", {"id": "cs_test_y"}), timestamp=int(time.time()) + 30).status_code == 200


# --- #12 point 4: no fake payments in production --------------------------------------------------------
def test_without_keys_in_production_checkout_says_payment_is_unavailable(client, settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_SANDBOX = False
    settings.DEBUG = False
    product = two_cooperatives_products()[0]
    add_to_basket(client, product)
    checkout_to_preview(client)
    before = stock_of(product)
    response = place_order(client)
    assert response.status_code == 200 and "在线支付暂未开通" in response.content.decode()
    assert stock_of(product) == before and not StockReservation.objects.exists()
    assert client.get("/stripe-sandbox/pay/cs_test_anything/").status_code == 404


def test_check_deploy_flags_the_sandbox_and_missing_keys(settings):
    from stripe_payments.checks import stripe_configured_for_production

    settings.STRIPE_SANDBOX = True
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    assert [e.id for e in stripe_configured_for_production(None)] == ["payments.E002", "payments.E003"]
    settings.STRIPE_SANDBOX = False
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY, settings.STRIPE_WEBHOOK_SECRET = "sk_live_x", "pk_live_x", "whsec_x"
    assert stripe_configured_for_production(None) == []
