"""Money and stock under real concurrency (PostgreSQL): double-clicked refunds, a stale hold racing a buyer,
a checkout whose process is killed. The scenarios commit for real, in a thread of their own (as in
test_checkout_concurrency), and remove what they created.
"""

import os
import subprocess
import sys
import threading
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from stripe_payments.models import CheckoutPayment, ProcessedEvent, Refund, StockReservation
from stripe_payments.refunds import RefundError, refund_order
from stripe_payments.sandbox import store
from stripe_payments.tasks import release_stale_holds
from tests.checkout_helpers import (
    add_to_basket,
    checkout_to_preview,
    committed_in_own_thread,
    delete_checkouts_since,
    guest_pays,
    last_pks,
    place_order,
)

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real concurrent connections"),
]
ROOT = Path(__file__).resolve().parent.parent


def committed(django_db_blocker, scenario, *args) -> None:
    """Run ``scenario`` outside the test transaction, in its own thread; clean up what it made."""

    def cleaned_up() -> None:
        records = StockRecord.objects.filter(product__storage="ambient", product__is_public=True, num_in_stock__gt=0)
        record = records.order_by("pk")[0]
        saved = (record.num_in_stock, record.num_allocated)
        marks = last_pks(Order, Basket, CheckoutPayment, ProcessedEvent, ShippingAddress, Refund)
        try:
            scenario(record, *args)
        finally:
            delete_checkouts_since(marks)
            StockRecord.objects.filter(pk=record.pk).update(num_in_stock=saved[0], num_allocated=saved[1])

    committed_in_own_thread(django_db_blocker, cleaned_up)


def at_once(*calls):
    """Run the calls in threads released together; returns each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 — returned to the scenario, which asserts on it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def paid_order(record, outbox, units: int = 2):
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=50, num_allocated=0)
    guest_pays(outbox, [record.product], units)
    return CheckoutPayment.objects.filter(order__isnull=False).latest("pk").order


def test_two_simultaneous_refunds_pay_out_once_and_never_more_than_was_paid(outbox, django_db_blocker):
    def scenario(record):
        order = paid_order(record, outbox)
        intent = order.stripe_payment.stripe_payment_intent
        # A double click: the same form token twice, at the same moment.
        first, second = at_once(
            lambda: refund_order(order=order, key="click-1", amount=Decimal("18.00"), reason="破损"),
            lambda: refund_order(order=order, key="click-1", amount=Decimal("18.00"), reason="破损"),
        )
        assert first.pk == second.pk
        assert store.resolve(intent)["sandbox_refunded"] == 1800
        # Two members of staff, each refunding 60 % of the order: one of them is refused.
        share = (order.total_incl_tax * Decimal("0.6")).quantize(Decimal("0.01"))
        results = at_once(
            lambda: refund_order(order=order, key="staff-a", amount=share, reason=""),
            lambda: refund_order(order=order, key="staff-b", amount=share, reason=""),
        )
        assert sorted(type(r).__name__ for r in results) == ["Refund", "RefundError"]
        assert isinstance([r for r in results if not isinstance(r, Refund)][0], RefundError)
        refunded = sum(Refund.objects.filter(order=order, status="succeeded").values_list("amount", flat=True))
        assert refunded == Decimal("18.00") + share <= order.total_incl_tax
        assert store.resolve(intent)["sandbox_refunded"] == int(refunded * 100)

    committed(django_db_blocker, scenario)


def test_a_stale_hold_and_a_buyer_of_the_same_unit_at_the_same_moment(outbox, django_db_blocker):
    def scenario(record):
        StockRecord.objects.filter(pk=record.pk).update(num_in_stock=1, num_allocated=0)
        walked_away = Client()
        add_to_basket(walked_away, record.product)
        checkout_to_preview(walked_away, email="gone@example.com")
        place_order(walked_away)
        CheckoutPayment.objects.filter(email="gone@example.com").update(expires_at=timezone.now() - timedelta(minutes=1))
        buyer = Client()
        add_to_basket(buyer, record.product)  # not "sold out": the stale hold does not count
        checkout_to_preview(buyer, email="next@example.com")
        connections.close_all()
        _released, answer = at_once(release_stale_holds, lambda: place_order(buyer))
        assert answer.status_code == 302 and "/stripe-sandbox/pay/" in answer["Location"]
        record.refresh_from_db()
        assert (record.num_in_stock, record.num_allocated) == (1, 1)
        assert CheckoutPayment.objects.get(email="gone@example.com").status == "expired"
        assert StockReservation.objects.filter(stockrecord=record, state="held").get().payment.email == "next@example.com"

    committed(django_db_blocker, scenario)


KILLER = """
import os, signal, sys
import django
django.setup()
from django.test import Client
from stripe_payments import gateway

def killed(**params):
    os.kill(os.getpid(), signal.SIGKILL)  # the worker dies between holding the stock and reaching Stripe

gateway.create_checkout_session = killed
client = Client()
for name, value in (pair.split("=", 1) for pair in sys.argv[1:]):
    client.cookies[name] = value
client.post("/shop/checkout/preview/", {"action": "place_order"})
"""


def test_a_checkout_whose_process_is_killed_is_recovered(outbox, django_db_blocker):
    def scenario(record):
        StockRecord.objects.filter(pk=record.pk).update(num_in_stock=1, num_allocated=0)
        buyer = Client()
        add_to_basket(buyer, record.product)
        checkout_to_preview(buyer)
        connections.close_all()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings_test",
            "DATABASE_URL": f"postgres://{settings.DATABASES['default']['USER']}@127.0.0.1:5432/{connection.settings_dict['NAME']}",
        }
        cookies = [f"{name}={morsel.value}" for name, morsel in buyer.cookies.items()]
        result = subprocess.run([sys.executable, "-c", KILLER, *cookies], cwd=ROOT, env=env, capture_output=True, timeout=300)
        assert result.returncode == -9, result.stderr.decode()[-2000:]
        payment = CheckoutPayment.objects.latest("pk")
        assert payment.stripe_session_id is None and payment.status == "open"
        record.refresh_from_db()
        assert record.num_allocated == 1
        assert Basket.objects.get(pk=payment.basket_id).status == "Frozen"
        CheckoutPayment.objects.filter(pk=payment.pk).update(
            created_at=timezone.now() - timedelta(seconds=settings.STRIPE_SESSIONLESS_SECONDS + 1)
        )
        assert release_stale_holds() == 1
        record.refresh_from_db()
        assert record.num_allocated == 0
        assert Basket.objects.get(pk=payment.basket_id).status == "Open"
        assert record.product.get_title() in buyer.get("/shop/basket/").content.decode()

    committed(django_db_blocker, scenario)
