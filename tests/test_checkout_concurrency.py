"""Stock never oversells: 20 buyers for the last 5 units get exactly 5 orders and 15 "sold out" answers."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from oscar.core.loading import get_model

from stripe_payments.models import CheckoutPayment, ProcessedEvent, StockReservation
from stripe_payments.stock import SoldOut, reserve, take
from tests.checkout_helpers import (
    add_to_basket,
    checkout_to_preview,
    committed_in_own_thread,
    delete_checkouts_since,
    last_pks,
    place_order,
)

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")
StockRecord = get_model("partner", "StockRecord")

BUYERS = 20
UNITS = 5


@pytest.mark.django_db
def test_reservations_stop_at_zero(outbox):
    """On any database: the conditional update refuses the unit that is not there."""
    record = StockRecord.objects.filter(num_in_stock__gt=0).first()
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=2, num_allocated=0)
    assert take(record.pk, 2)
    assert not take(record.pk, 1)
    record.refresh_from_db()
    assert record.num_allocated == 2 and record.net_stock_level == 0


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real concurrent connections (SQLite serialises writers)"
)
def test_twenty_buyers_for_the_last_five_units(outbox, django_db_blocker):
    """Every buyer reaches the preview page (Oscar's lock-free check passes for all), then all press "pay" at once.

    The scenario commits for real (the buyers' threads must see each other's writes), so it
    runs outside the test transaction and removes what it created. It runs in a thread of
    its own: a session-wide Playwright browser keeps an event loop on the main thread.
    """
    committed_in_own_thread(django_db_blocker, scenario, outbox)


def scenario(outbox) -> None:
    """The 20 buyers, committed for real; everything created is removed afterwards."""
    record = StockRecord.objects.select_related("product").filter(product__storage="ambient", num_in_stock__gt=0).order_by("pk")[0]
    saved = (record.num_in_stock, record.num_allocated)
    marks = last_pks(Order, Basket, CheckoutPayment, ProcessedEvent, ShippingAddress)
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=UNITS, num_allocated=0)
    try:
        clients = []
        for number in range(BUYERS):
            client = Client()
            add_to_basket(client, record.product)
            checkout_to_preview(client, email=f"buyer{number}@example.com")
            clients.append(client)
        connections.close_all()

        barrier = threading.Barrier(BUYERS)
        answers: list = [None] * BUYERS

        def buyer(index: int) -> None:
            try:
                barrier.wait()
                answers[index] = place_order(clients[index])
            finally:
                connections.close_all()

        threads = [threading.Thread(target=buyer, args=(index,)) for index in range(BUYERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        to_stripe = [a for a in answers if a.status_code == 302 and "/stripe-sandbox/pay/" in a["Location"]]
        sold_out = [a for a in answers if a.status_code == 200 and "已售罄" in a.content.decode()]
        assert (len(to_stripe), len(sold_out)) == (UNITS, BUYERS - UNITS)
        record.refresh_from_db()
        assert record.num_allocated == UNITS and record.net_stock_level == 0

        for answer, client in zip(answers, clients, strict=True):
            if answer in to_stripe:
                client.post(answer["Location"].replace("http://testserver", ""), {"outcome": "succeed"})
        assert all(reply.status_code == 200 for reply in outbox.flush())

        orders = Order.objects.filter(pk__gt=marks[Order])
        assert orders.count() == UNITS
        assert Line.objects.filter(order__in=orders, stockrecord=record).count() == UNITS
        record.refresh_from_db()
        assert record.num_in_stock == UNITS and record.num_allocated == UNITS and record.net_stock_level == 0
    finally:
        delete_checkouts_since(marks)
        StockRecord.objects.filter(pk=record.pk).update(num_in_stock=saved[0], num_allocated=saved[1])
        connections.close_all()


@pytest.mark.django_db
def test_reserve_is_all_or_nothing(outbox):
    records = list(StockRecord.objects.filter(num_in_stock__gt=3).order_by("pk")[:2])
    StockRecord.objects.filter(pk=records[1].pk).update(num_in_stock=1, num_allocated=0)
    StockRecord.objects.filter(pk=records[0].pk).update(num_allocated=0)
    from datetime import timedelta

    from django.utils import timezone

    from stripe_payments.stock import Need

    payment = CheckoutPayment.objects.create(
        order_number="T1", amount=1, shipping_method_code="x", expires_at=timezone.now() + timedelta(minutes=5)
    )
    with pytest.raises(SoldOut) as refused:
        reserve(payment, [Need(records[0].pk, 2, "甲"), Need(records[1].pk, 2, "乙")])
    assert "乙" in str(refused.value) and "甲" not in str(refused.value)
    assert StockRecord.objects.get(pk=records[0].pk).num_allocated == 0
    assert not StockReservation.objects.exists()
