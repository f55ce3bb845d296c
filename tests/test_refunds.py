"""Refunds pay out once, never more than was paid, and give the units back — whoever starts them.

A staff member on the dashboard, a cancellation, a refund made in Stripe's own Dashboard: all go
through ``stripe_payments.refunds.refund_order``; the stripe library talks to the local sandbox.
"""

from decimal import Decimal

import pytest
import stripe
from django.core import mail
from django.test import Client
from oscar.core.loading import get_model

from stripe_payments import gateway
from stripe_payments.models import CheckoutPayment, Refund, RefundLine
from stripe_payments.refunds import LineRefund, RefundError, refund_order
from stripe_payments.sandbox import store
from tests.checkout_helpers import guest_pays, stock_of, two_cooperatives_products

Order = get_model("order", "Order")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("run_on_commit")]


@pytest.fixture
def staff(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


def paid_order(outbox, quantity: int = 2):
    """A guest pays for two cooperatives' products through the sandbox; returns the placed order."""
    guest_pays(outbox, two_cooperatives_products(), quantity)
    payment = CheckoutPayment.objects.get(order__isnull=False)
    mail.outbox.clear()
    return payment.order


def refunded_at_stripe(order) -> int:
    """What the sandbox (our Stripe) paid back, in fen."""
    return store.resolve(order.stripe_payment.stripe_payment_intent)["sandbox_refunded"]


def form_key(staff, order) -> str:
    """The one-time key the dashboard renders into the refund form."""
    page = staff.get(f"/dashboard/orders/{order.number}/").content.decode()
    marker = 'name="refund_key" value="'
    return page[page.index(marker) + len(marker) :].split('"', 1)[0]


def test_double_clicked_refund_pays_out_once(outbox, staff):
    order = paid_order(outbox)
    key = form_key(staff, order)
    url = f"/payments/refund/{order.number}/"
    for _click in range(2):
        response = staff.post(url, {"refund_key": key, "amount": "18.00"})
        assert response.status_code == 302
    assert refunded_at_stripe(order) == 1800
    assert Refund.objects.filter(order=order).count() == 1
    assert order.stripe_payment.__class__.objects.get(pk=order.stripe_payment.pk).amount_refunded == Decimal("18.00")
    assert len(mail.outbox) == 1
    outbox.flush()  # Stripe's charge.refunded confirms the same total: nothing added
    assert Refund.objects.filter(order=order).count() == 1


def test_a_new_form_is_a_new_refund_but_never_more_than_was_paid(outbox, staff):
    order = paid_order(outbox)
    url = f"/payments/refund/{order.number}/"
    staff.post(url, {"refund_key": form_key(staff, order), "amount": "18.00"})
    too_much = staff.post(url, {"refund_key": form_key(staff, order), "amount": str(order.total_incl_tax)}, follow=True)
    assert "不超过可退金额" in too_much.content.decode()
    assert refunded_at_stripe(order) == 1800
    with pytest.raises(RefundError):
        refund_order(order=order, key="again", amount=order.total_incl_tax - Decimal("17.99"), reason="")


@pytest.mark.parametrize("typed", ["NaN", "sNaN", "-5", "abc", "1e9999", "0"])
def test_nonsense_refund_amounts_are_a_form_error(outbox, staff, typed):
    order = paid_order(outbox)
    page = staff.post(f"/payments/refund/{order.number}/", {"refund_key": form_key(staff, order), "amount": typed}, follow=True)
    assert page.status_code == 200
    assert "金额" in page.content.decode()
    assert not Refund.objects.filter(order=order).exists() and refunded_at_stripe(order) == 0


def test_a_fraction_of_a_fen_rounds_half_up_at_stripe_and_in_the_books(outbox, staff):
    order = paid_order(outbox)
    staff.post(f"/payments/refund/{order.number}/", {"refund_key": form_key(staff, order), "amount": "0.025"})
    assert Refund.objects.get(order=order).amount == Decimal("0.03")
    assert refunded_at_stripe(order) == 3


def test_full_refund_of_an_unshipped_order_puts_the_units_back_on_sale(outbox, staff):
    order = paid_order(outbox, quantity=2)
    products = [line.product for line in order.lines.all()]
    allocated = [stock_of(p)[1] for p in products]
    staff.post(f"/payments/refund/{order.number}/", {"refund_key": form_key(staff, order), "full": "1"})
    order.refresh_from_db()
    assert order.status == "已退款"
    assert [stock_of(p)[1] for p in products] == [a - 2 for a in allocated]
    refund = Refund.objects.get(order=order)
    assert refund.amount == order.total_incl_tax and refund.status == "succeeded"
    assert sorted((rl.quantity, rl.restocked) for rl in refund.lines.all()) == [(2, True), (2, True)]
    assert sum(rl.amount for rl in refund.lines.all()) == sum(line.line_price_incl_tax for line in order.lines.all())
    assert refunded_at_stripe(order) == int(order.total_incl_tax * 100)


def test_shipped_goods_come_back_only_when_staff_say_so(outbox, staff):
    order = paid_order(outbox, quantity=2)
    kept, returned = list(order.lines.order_by("pk"))
    order.set_status("已发货")
    before = {line.pk: stock_of(line.product) for line in (kept, returned)}
    staff.post(
        f"/payments/refund/{order.number}/",
        {"refund_key": form_key(staff, order), f"qty-{kept.pk}": "1", f"qty-{returned.pk}": "2", f"restock-{returned.pk}": "on"},
    )
    refund = Refund.objects.get(order=order)
    assert refund.amount == kept.unit_price_incl_tax + returned.line_price_incl_tax
    in_stock, allocated = before[returned.pk]
    assert stock_of(returned.product) == (in_stock, allocated - 2)  # back on sale
    in_stock, allocated = before[kept.pk]
    assert stock_of(kept.product) == (in_stock - 1, allocated - 1)  # spoilt: gone for good, no longer held
    assert {rl.line_id: rl.restocked for rl in refund.lines.all()} == {kept.pk: False, returned.pk: True}


def test_no_line_is_refunded_more_units_or_money_than_it_was_paid_for(outbox):
    order = paid_order(outbox, quantity=2)
    line = order.lines.order_by("pk").first()
    with pytest.raises(RefundError, match="最多还可退 2 件"):
        refund_order(order=order, key="k1", lines=[LineRefund(line, 3, Decimal("1.00"), True)], reason="")
    with pytest.raises(RefundError, match="最多还可退"):
        refund_order(order=order, key="k2", lines=[LineRefund(line, 0, line.line_price_incl_tax + 1, False)], reason="")
    refund_order(order=order, key="k3", lines=[LineRefund(line, 2, line.line_price_incl_tax, True)], reason="破损")
    with pytest.raises(RefundError, match="最多还可退 0 件"):
        refund_order(order=order, key="k4", lines=[LineRefund(line, 1, Decimal("0.00"), True)], reason="")
    assert not Refund.objects.filter(key__in=["k1", "k2", "k4"]).exists()


def test_money_only_refund_is_shared_among_the_lines_to_the_fen(outbox):
    order = paid_order(outbox)
    refund = refund_order(order=order, key="goodwill", amount=Decimal("10.01"), reason="慰问")
    shares = list(refund.lines.values_list("amount", flat=True))
    assert sum(shares) == Decimal("10.01") and len(shares) == 2
    assert all(rl.quantity == 0 for rl in refund.lines.all())


def test_a_refund_made_in_stripes_dashboard_is_recorded_line_by_line(outbox):
    order = paid_order(outbox)
    gateway.configure()
    stripe.Refund.create(payment_intent=order.stripe_payment.stripe_payment_intent, amount=1234)  # not through the shop
    outbox.flush()
    refund = Refund.objects.get(order=order)
    assert (refund.source, refund.status, refund.amount) == ("stripe", "succeeded", Decimal("12.34"))
    assert sum(rl.amount for rl in refund.lines.all()) == Decimal("12.34")
    outbox.post(_charge_event(order))  # a replay of the same total adds nothing
    assert Refund.objects.filter(order=order).count() == 1


def _charge_event(order):
    from stripe_payments.sandbox.delivery import build_event
    from stripe_payments.sandbox.views import _charge

    return build_event("charge.refunded", _charge(store.resolve(order.stripe_payment.stripe_payment_intent)))


def test_cancelling_a_paid_order_refunds_it_once_and_restocks(outbox):
    order = paid_order(outbox, quantity=1)
    products = [line.product for line in order.lines.all()]
    allocated = [stock_of(p)[1] for p in products]
    order.set_status("已取消")
    refund = Refund.objects.get(order=order)
    assert (refund.source, refund.amount) == ("cancel", order.total_incl_tax)
    assert refunded_at_stripe(order) == int(order.total_incl_tax * 100)
    assert [stock_of(p)[1] for p in products] == [a - 1 for a in allocated]
    order.refresh_from_db()
    assert order.status == "已取消"
    # Called again (a retried request): the same refund, no second give-back.
    refund_order(order=order, key=f"cancel-{order.pk}", reason="", source="cancel")
    assert Refund.objects.filter(order=order).count() == 1
    assert [stock_of(p)[1] for p in products] == [a - 1 for a in allocated]


def test_stripe_refusing_records_a_failed_refund_that_counts_for_nothing(outbox, monkeypatch):
    order = paid_order(outbox)

    def refuses(*args, **kwargs):
        raise stripe.InvalidRequestError("Charge has been disputed", "charge")

    monkeypatch.setattr("stripe_payments.gateway.create_refund", refuses)
    with pytest.raises(RefundError, match="Stripe 拒绝了退款"):
        refund_order(order=order, key="disputed", amount=Decimal("5.00"), reason="")
    failed = Refund.objects.get(key="disputed")
    assert failed.status == "failed" and RefundLine.objects.filter(refund=failed).exists()
    order.refresh_from_db()
    assert order.status == "待发货" and not order.payment_events.filter(event_type__code="refund").exists()
