"""Consumer checkout and Stripe payments, through the real code path.

The official ``stripe`` library talks to the local sandbox (stripe_payments.sandbox) via
Django's test client; webhooks are signed with the sandbox's test secret and delivered
by the test, so it can replay them, reorder them, tamper with them or never send them.
"""

from decimal import Decimal

import pytest
import stripe
from django.core import mail
from django.db import models
from django.test import Client
from oscar.core.loading import get_model

from regions.models import District
from stripe_payments.models import CheckoutPayment, ProcessedEvent, StockReservation
from tests.checkout_helpers import (
    GUANGZHOU_ADDRESS,
    add_to_basket,
    checkout_to_preview,
    our_orders,
    pay,
    place_order,
    place_order_in_english,
    stock_of,
    two_cooperatives_products,
)

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("run_on_commit")]


def start_purchase(client, products=None, quantity=1, **kwargs):
    """Basket → guest checkout → 'place order': returns (redirect to Stripe's page, products)."""
    products = products or two_cooperatives_products()
    for product in products:
        add_to_basket(client, product, quantity)
    checkout_to_preview(client, **kwargs)
    response = place_order(client)
    return response, products


def test_guest_buys_from_two_cooperatives_and_sees_the_order_number(client, outbox):
    response, products = start_purchase(client)
    assert response.status_code == 302 and "/stripe-sandbox/pay/cs_test_" in response["Location"]
    payment = CheckoutPayment.objects.get()
    # Stock is held before payment, not after.
    for product in products:
        assert StockReservation.objects.get(payment=payment, stockrecord__product=product).state == "held"
    before = {product.pk: stock_of(product) for product in products}

    back = pay(client, response["Location"])
    assert back.status_code == 302 and "/payments/stripe/return/?session_id=cs_test_" in back["Location"]
    thanks = client.get(back["Location"], follow=True)
    order = our_orders().get()
    assert order.number in thanks.content.decode()
    assert order.status == "待发货"
    assert order.guangzhou_district == District.objects.get(name="天河区")
    assert order.guest_email == "guest@example.com"
    assert order.shipping_address.state == "广东省" and order.shipping_address.line3 == "天河区"
    assert {line.partner_id for line in order.lines.all()} == {StockRecord.objects.get(product=p).partner_id for p in products}
    assert order.sources.get().amount_debited == order.total_incl_tax
    # Stripe charged exactly the server's total (in fen).
    assert CheckoutPayment.objects.get().amount == order.total_incl_tax
    # The reservation became the order's allocation: not taken twice.
    for product in products:
        assert stock_of(product) == before[product.pk]
    assert [m.subject for m in mail.outbox] == [f"黔货进穗：订单 {order.number} 已支付"]

    # The webhook arrives after the buyer is back: nothing is placed twice.
    assert outbox.types() == ["checkout.session.completed"]
    assert [r.status_code for r in outbox.flush()] == [200]
    assert our_orders().count() == 1 and len(mail.outbox) == 1


def test_webhook_places_the_order_when_the_browser_was_closed(client, outbox):
    response, products = start_purchase(client)
    pay(client, response["Location"])  # … and the buyer closes the tab: no return visit
    assert not our_orders().exists()
    [reply] = outbox.flush()
    assert reply.status_code == 200
    order = our_orders().get()
    assert order.lines.count() == 2
    assert CheckoutPayment.objects.get().status == "paid"


def test_replayed_event_is_processed_once(client, outbox):
    response, _ = start_purchase(client)
    pay(client, response["Location"])
    [event] = outbox
    assert outbox.post(event).status_code == 200
    assert outbox.post(event).json()["duplicate"] is True
    assert outbox.post(event).status_code == 200
    assert our_orders().count() == 1
    assert ProcessedEvent.objects.filter(event_id=event["id"]).count() == 1
    assert our_orders().get().payment_events.count() == 1


def test_bad_signature_is_rejected_and_changes_nothing(client, outbox):
    response, products = start_purchase(client)
    pay(client, response["Location"])
    [event] = outbox
    assert outbox.post(event, secret="whsec_not_ours").status_code == 400
    unsigned = outbox.client.post("/payments/stripe/webhook/", event, content_type="application/json")
    assert unsigned.status_code == 400
    stale = outbox.post(event, timestamp=1_000_000_000)  # replayed from long ago
    assert stale.status_code == 400
    assert not our_orders().exists() and not ProcessedEvent.objects.exists()
    assert CheckoutPayment.objects.get().status == "open"


def test_tampered_amount_is_rejected_refunded_and_stock_released(client, outbox):
    response, products = start_purchase(client)
    held = {p.pk: stock_of(p) for p in products}
    pay(client, response["Location"])
    [event] = outbox
    outbox.clear()
    event["data"]["object"]["amount_total"] = 1  # one fen
    assert outbox.post(event).status_code == 200
    payment = CheckoutPayment.objects.get()
    assert payment.status == "rejected" and not our_orders().exists()
    assert outbox.types() == ["charge.refunded"]  # the money went back through Stripe
    for product in products:
        assert stock_of(product)[1] == held[product.pk][1] - 1


def test_wrong_currency_is_rejected(client, outbox):
    response, _ = start_purchase(client)
    pay(client, response["Location"])
    [event] = outbox
    event["data"]["object"]["currency"] = "usd"
    outbox.clear()
    outbox.post(event)
    assert CheckoutPayment.objects.get().status == "rejected" and not our_orders().exists()


def test_amount_comes_from_the_server_never_the_browser(client, outbox):
    products = two_cooperatives_products()
    for product in products:
        add_to_basket(client, product)
    preview = checkout_to_preview(client)
    response = place_order(client, amount="0.01", total="0.01", currency="usd")
    session = stripe.checkout.Session.retrieve(CheckoutPayment.objects.get().stripe_session_id)
    assert response.status_code == 302
    assert session["currency"] == "cny"
    assert session["amount_total"] == int(preview.context["order_total"].incl_tax * 100)


def test_sold_out_before_placing_is_caught_by_the_basket_check(client, outbox):
    products = two_cooperatives_products()
    for product in products:
        add_to_basket(client, product)
    checkout_to_preview(client)
    StockRecord.objects.filter(product=products[1]).update(num_allocated=0, num_in_stock=0)
    response = place_order(client)
    assert response.status_code == 302 and response["Location"].endswith("/shop/basket/")
    assert not CheckoutPayment.objects.exists()


def test_sold_out_at_the_last_moment_gets_a_clear_answer(client, outbox, monkeypatch):
    products = two_cooperatives_products()
    for product in products:
        add_to_basket(client, product)
    checkout_to_preview(client)

    def another_buyer_takes_the_last_units():
        StockRecord.objects.filter(product=products[1]).update(num_allocated=models.F("num_in_stock"))
        return 0

    # After Oscar's (lock-free) availability check, before our reservation.
    monkeypatch.setattr("stripe_payments.stock.release_expired", another_buyer_takes_the_last_units)
    response = place_order(client)
    assert response.status_code == 200
    assert "已售罄" in response.content.decode()
    assert products[1].get_title() in response.content.decode()
    assert not CheckoutPayment.objects.exists() and not StockReservation.objects.exists()
    assert stock_of(products[0])[1] == 0  # the other line's unit was not kept either
    assert client.get("/shop/basket/").context["basket"].num_items == 2  # basket reopened


def test_failed_delayed_payment_releases_stock_and_tells_the_buyer(client, outbox):
    response, products = start_purchase(client)
    pay(client, response["Location"], outcome="delayed_fail")
    assert outbox.types() == ["checkout.session.completed", "checkout.session.async_payment_failed"]
    completed, failed = outbox.flush()
    assert not our_orders().exists()
    assert CheckoutPayment.objects.get().status == "failed"
    for product in products:
        assert stock_of(product)[1] == 0
    assert "支付未成功" in mail.outbox[-1].subject


def test_delayed_payment_that_succeeds_places_the_order(client, outbox):
    response, _ = start_purchase(client)
    pay(client, response["Location"], outcome="delayed_succeed")
    first, second = list(outbox)
    outbox.post(first)
    assert CheckoutPayment.objects.get().status == "processing" and not our_orders().exists()
    outbox.post(second)
    assert our_orders().count() == 1


def test_events_out_of_order_still_place_one_order(client, outbox):
    response, _ = start_purchase(client)
    pay(client, response["Location"], outcome="delayed_succeed")
    first, second = list(outbox)
    outbox.post(second)
    outbox.post(first)
    assert our_orders().count() == 1 and CheckoutPayment.objects.get().status == "paid"


def test_cancel_on_stripe_page_releases_stock_and_reopens_basket(client, outbox):
    response, products = start_purchase(client)
    back = pay(client, response["Location"], outcome="cancel")
    page = client.get(back["Location"], follow=True)
    assert page.status_code == 200
    assert CheckoutPayment.objects.get().status == "canceled"
    for product in products:
        assert stock_of(product)[1] == 0
    assert client.get("/shop/basket/").context["basket"].num_items == 2
    # Stripe's own "expired" event for the closed page changes nothing more.
    assert outbox.types() == ["checkout.session.expired"]
    outbox.flush()
    assert CheckoutPayment.objects.get().status == "canceled"
    # … and the buyer can pay on a second try.
    second = place_order(client)
    pay(client, second["Location"])
    client.get(f"/payments/stripe/return/?session_id={CheckoutPayment.objects.get(status='open').stripe_session_id}")
    assert our_orders().count() == 1


def test_paid_after_the_stock_was_sold_to_someone_else_is_refunded(client, outbox):
    response, products = start_purchase(client)
    payment = CheckoutPayment.objects.get()
    # The reservation lapsed (e.g. a very slow bank) and another buyer took the last units.
    CheckoutPayment.objects.filter(pk=payment.pk).update(expires_at="2000-01-01T00:00:00Z")
    record = StockRecord.objects.get(product=products[0])
    from stripe_payments.stock import release_expired

    release_expired()
    CheckoutPayment.objects.filter(pk=payment.pk).update(status="open")  # Stripe still took the money
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=record.num_in_stock)
    pay(client, response["Location"])
    outbox.flush()
    payment.refresh_from_db()
    assert payment.status == "unfillable" and not our_orders().exists()
    assert "已全额原路退回" in mail.outbox[-1].body


def test_invalid_phone_and_district_get_clear_errors(client, outbox):
    add_to_basket(client, two_cooperatives_products()[0])
    client.post("/shop/checkout/", {"username": "guest@example.com", "options": "anonymous"})
    response = client.post("/shop/checkout/shipping-address/", {**GUANGZHOU_ADDRESS, "mobile": "12345678901"})
    assert response.status_code == 200
    assert "11位中国大陆手机号码" in str(response.context["form"].errors["mobile"])
    response = client.post("/shop/checkout/shipping-address/", {**GUANGZHOU_ADDRESS, "district": "朝阳区"})
    assert "请选择广州市的一个区" in str(response.context["form"].errors["district"])


def test_address_form_defaults_to_guangzhou_and_lists_its_districts(client, outbox):
    add_to_basket(client, two_cooperatives_products()[0])
    client.post("/shop/checkout/", {"username": "guest@example.com", "options": "anonymous"})
    page = client.get("/shop/checkout/shipping-address/").content.decode()
    assert 'value="广东省"' in page and 'value="广州市"' in page
    for district in District.objects.all():
        assert f'<option value="{district.name}">' in page


def test_address_outside_guangzhou_has_no_district(client, outbox):
    address = {**GUANGZHOU_ADDRESS, "city": "深圳市", "district": "南山区", "mobile": "+86 139-0000-1111"}
    response, _ = start_purchase(client, address=address)
    pay(client, response["Location"])
    outbox.flush()
    order = our_orders().get()
    assert order.guangzhou_district is None
    assert order.shipping_address.line4 == "深圳市"
    assert str(order.shipping_address.phone_number) == "+8613900001111"


def test_staff_refund_partly_then_fully_from_the_dashboard(client, outbox, staff_user):
    response, _ = start_purchase(client)
    pay(client, response["Location"])
    outbox.flush()
    order = our_orders().get()
    staff = Client()
    staff.force_login(staff_user)
    url = f"/payments/refund/{order.number}/"

    def key():
        page = staff.get(f"/dashboard/orders/{order.number}/").content.decode()
        return page.split('name="refund_key" value="', 1)[1].split('"', 1)[0]

    staff.post(url, {"amount": "10.00", "refund_key": key()})
    payment = CheckoutPayment.objects.get()
    assert payment.amount_refunded == Decimal("10.00")
    assert outbox.types() == ["charge.refunded"]
    outbox.flush()  # Stripe's charge.refunded confirms what we recorded: no double count
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("10.00")
    assert order.status == "待发货"

    too_much = staff.post(url, {"amount": str(order.total_incl_tax), "refund_key": key()}, follow=True)
    assert "不超过可退金额" in too_much.content.decode()

    staff.post(url, {"amount": str(order.total_incl_tax - Decimal("10.00")), "refund_key": key()})
    outbox.flush()
    order.refresh_from_db()
    assert order.status == "已退款"
    refunds = order.payment_events.filter(event_type__code="refund")
    assert sum(event.amount for event in refunds) == order.total_incl_tax
    page = staff.get(f"/dashboard/orders/{order.number}/").content.decode()
    assert 'id="refund-amount"' not in page  # nothing left to refund
    assert order.refunds.filter(status="succeeded").count() == 2
    assert "已退款" in mail.outbox[-1].subject


def test_refund_needs_staff(client, outbox, consumer_user):
    response, _ = start_purchase(client)
    pay(client, response["Location"])
    outbox.flush()
    order = our_orders().get()
    client.force_login(consumer_user)
    client.post(f"/payments/refund/{order.number}/", {"amount": "1.00", "refund_key": "a" * 24})
    assert CheckoutPayment.objects.get().amount_refunded == 0


def test_english_buyer_gets_english_email(client, outbox):
    response = place_order_in_english(client, two_cooperatives_products())
    assert CheckoutPayment.objects.get().language == "en"
    pay(client, response["Location"])
    outbox.flush()
    order = our_orders().get()
    assert order.number in mail.outbox[-1].subject


def test_sandbox_is_unreachable_with_real_keys(client, outbox, settings):
    from django.urls import get_resolver

    assert get_resolver().url_patterns  # loaded without a key: the sandbox is mounted …
    settings.STRIPE_SECRET_KEY = "sk_live_not_really"  # … and a key set later still shuts it
    assert client.get("/stripe-sandbox/pay/cs_test_anything/").status_code == 404
    response = client.post("/stripe-sandbox/v1/checkout/sessions", {"mode": "payment"}, HTTP_AUTHORIZATION="Bearer sk_test_sandbox")
    assert response.status_code == 404
    stripe.default_http_client = None
    from stripe_payments import gateway

    gateway.configure()
    assert stripe.api_base == "https://api.stripe.com"


def test_sandbox_refuses_other_api_keys(client, outbox):
    response = client.post("/stripe-sandbox/v1/checkout/sessions", {"mode": "payment"}, HTTP_AUTHORIZATION="Bearer sk_live_x")
    assert response.status_code == 401


def test_shipping_the_order_emails_the_tracking_number(client, outbox):
    response, _ = start_purchase(client)
    pay(client, response["Location"])
    outbox.flush()
    order = our_orders().get()
    ShippingEventType = get_model("order", "ShippingEventType")
    event_type, _ = ShippingEventType.objects.get_or_create(code="shipped", defaults={"name": "已发货"})
    order.shipping_events.create(event_type=event_type, notes="SF1234567890")
    order.set_status("已发货")
    assert mail.outbox[-1].subject == f"黔货进穗：订单 {order.number} 已发货"
    assert "SF1234567890" in mail.outbox[-1].body


def test_cancelled_order_puts_its_units_back_on_sale(client, outbox):
    response, products = start_purchase(client)
    pay(client, response["Location"])
    outbox.flush()
    allocated = [stock_of(p)[1] for p in products]
    our_orders().get().set_status("已取消")
    assert [stock_of(p)[1] for p in products] == [a - 1 for a in allocated]


def test_basket_changed_while_paying_does_not_change_the_paid_order(client, outbox):
    response, products = start_purchase(client)
    extra = two_cooperatives_products(storage="ambient")[0]
    add_to_basket(client, extra, 3)  # goes into a new basket: the paid one is frozen
    pay(client, response["Location"])
    outbox.flush()
    order = our_orders().get()
    assert sorted(line.product_id for line in order.lines.all()) == sorted(p.pk for p in products)
    assert order.total_incl_tax == CheckoutPayment.objects.get().amount


def test_expired_reservations_are_released_by_the_command(client, outbox):
    from django.core.management import call_command

    response, products = start_purchase(client)
    CheckoutPayment.objects.update(expires_at="2000-01-01T00:00:00Z")
    call_command("release_expired_stock", verbosity=0)
    assert CheckoutPayment.objects.get().status == "expired"
    assert [stock_of(p)[1] for p in products] == [0, 0]


def test_webhook_before_the_session_id_was_stored_still_finds_the_payment(client, outbox):
    response, _ = start_purchase(client)
    pay(client, response["Location"])
    CheckoutPayment.objects.update(stripe_session_id=None)  # as if Stripe answered faster than we saved
    outbox.flush()
    assert our_orders().count() == 1


def test_signed_in_consumer_checkout(client, outbox, consumer_user):
    client.force_login(consumer_user)
    for product in two_cooperatives_products():
        add_to_basket(client, product)
    client.post("/shop/checkout/shipping-address/", GUANGZHOU_ADDRESS)
    client.post("/shop/checkout/shipping-method/", {"method_code": "ambient-express"})
    response = place_order(client)
    assert "/stripe-sandbox/pay/" in response["Location"]
    pay(client, response["Location"])
    outbox.flush()
    order = our_orders().get()
    assert order.user == consumer_user and order.guest_email == ""
    assert mail.outbox[-1].to == [consumer_user.email]
    assert order.number in client.get("/shop/accounts/orders/").content.decode()


def test_live_key_without_webhook_secret_fails_the_system_check(settings):
    from stripe_payments.checks import stripe_webhook_secret

    settings.STRIPE_SECRET_KEY = "sk_live_x"
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert [error.id for error in stripe_webhook_secret(None)] == ["payments.E001"]
    settings.STRIPE_WEBHOOK_SECRET = "whsec_x"
    assert stripe_webhook_secret(None) == []


def test_declined_card_changes_nothing_and_can_be_retried(client, outbox):
    response, products = start_purchase(client)
    page = pay(client, response["Location"], outcome="decline")
    assert page.status_code == 200 and "被拒绝" in page.content.decode()
    assert not outbox and CheckoutPayment.objects.get().status == "open"
    pay(client, response["Location"])
    outbox.flush()
    assert our_orders().count() == 1


def test_return_while_a_delayed_payment_is_pending_says_so(client, outbox, monkeypatch):
    response, _ = start_purchase(client)
    back = pay(client, response["Location"], outcome="delayed_succeed")
    # Stripe has not settled yet: the session the return view sees is still unpaid.
    from stripe_payments import gateway

    real = gateway.retrieve_checkout_session

    def still_unpaid(session_id):
        session = real(session_id)
        session["payment_status"] = "unpaid"
        return session

    monkeypatch.setattr(gateway, "retrieve_checkout_session", still_unpaid)
    page = client.get(back["Location"])
    assert page.status_code == 202 and "正在确认付款" in page.content.decode()
    assert CheckoutPayment.objects.get().status == "processing"
    outbox.flush()
    assert our_orders().count() == 1


def test_stripe_unreachable_takes_nothing_and_gives_the_stock_back(client, outbox, monkeypatch):
    from stripe_payments import gateway

    def down(**params):
        raise stripe.APIConnectionError("Network error")

    monkeypatch.setattr(gateway, "create_checkout_session", down)
    response, products = start_purchase(client)
    assert response.status_code == 200 and "支付服务暂时不可用" in response.content.decode()
    assert [stock_of(p)[1] for p in products] == [0, 0]
    assert CheckoutPayment.objects.get().status == "canceled"


def test_configured_payment_methods_reach_stripe(client, outbox, settings):
    settings.STRIPE_PAYMENT_METHOD_TYPES = ["card", "alipay", "wechat_pay"]
    response, _ = start_purchase(client)
    session = stripe.checkout.Session.retrieve(CheckoutPayment.objects.get().stripe_session_id)
    assert session["payment_method_types"] == ["card", "alipay", "wechat_pay"]
