"""The shopper's path through our own pages: one-screen checkout, basket by cooperative, order status in words,
catalogue filters as links, one money format, and demo data that agrees with itself."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from catalogue.templatetags.shopper_tags import delivery_promise, status_words
from marketplace.demo.consistency import latest_harvest_day
from stripe_payments.models import CheckoutPayment
from tests.checkout_helpers import GUANGZHOU_ADDRESS, add_to_basket, two_cooperatives_products

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("run_on_commit")]


def one_screen(**overrides) -> dict:
    data = {"action": "place_order", "contact-email": "chen@example.com", "method_code": "ambient-express", "notes": "放前台"}
    data.update({f"address-{key}": value for key, value in GUANGZHOU_ADDRESS.items() if key != "notes"})
    data.update(overrides)
    return data


def test_checkout_entry_goes_straight_to_the_one_screen(client):
    add_to_basket(client, two_cooperatives_products()[0])
    response = client.get("/shop/checkout/")
    assert response.status_code == 302 and response["Location"].endswith("/shop/checkout/confirm/")


def test_one_screen_shows_address_delivery_fee_notes_total_and_pay_in_our_words(client):
    products = two_cooperatives_products()
    for product in products:
        add_to_basket(client, product)
    page = client.get("/shop/checkout/confirm/").content.decode()
    for words in ("收货地址", "配送方式", "常温快递", "冷链配送", "订单备注", "应付", "提交订单并支付", 'value="广东省"', 'value="广州市"'):
        assert words in page
    for oscar_words in ("你是谁", "我们应该运到哪里", "支付细节去这里", "Your basket", "Checkout"):
        assert oscar_words not in page


def test_a_wrong_mobile_number_is_explained_and_nothing_typed_is_lost(client, outbox):
    add_to_basket(client, two_cooperatives_products()[0])
    response = client.post("/shop/checkout/confirm/", one_screen(**{"address-mobile": "1381234567"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "11位中国大陆手机号码" in page
    assert GUANGZHOU_ADDRESS["street"] in page and "chen@example.com" in page and "放前台" in page
    assert not CheckoutPayment.objects.filter(email="chen@example.com").exists()


def test_a_guest_places_the_order_from_one_screen_and_goes_to_stripe_with_the_notes(client, outbox):
    products = two_cooperatives_products()
    for product in products:
        add_to_basket(client, product)
    response = client.post("/shop/checkout/confirm/", one_screen())
    assert response.status_code == 302 and "/stripe-sandbox/pay/" in response["Location"], response.content[:800]
    payment = CheckoutPayment.objects.get(email="chen@example.com")
    path = response["Location"].replace("http://testserver", "")
    client.post(path, {"outcome": "succeed"})
    for event in list(outbox):  # the sandbox's webhooks, delivered as Stripe would
        outbox.post(event)
    order = Order.objects.get(number=payment.order_number)
    assert order.shipping_address.notes == "放前台"
    assert order.shipping_address.line1 == GUANGZHOU_ADDRESS["street"]


def test_buy_now_adds_the_item_and_opens_checkout(client):
    product = two_cooperatives_products()[0]
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1, "next": "/shop/checkout/"})
    assert response.status_code == 302 and response["Location"] == "/shop/checkout/"


def test_product_page_has_the_buy_bar_delivery_promise_and_no_poverty_badge(client):
    product = two_cooperatives_products()[0]
    page = client.get(product.get_absolute_url()).content.decode()
    assert "加入购物车" in page and "立即购买" in page and "小时内从" in page
    assert "国定贫困县" not in page and "Add to basket" not in page


def test_basket_groups_lines_by_cooperative_and_speaks_our_chinese(client):
    for product in two_cooperatives_products():
        add_to_basket(client, product)
    page = client.get("/shop/basket/").content.decode()
    assert page.count('class="basket-shop"') == 2
    assert "去结算" in page and "我有优惠券代码" not in page and "Your basket total" not in page


def test_added_to_basket_message_is_chinese():
    client = Client()
    product = two_cooperatives_products()[0]
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1}, follow=True)
    page = response.content.decode()
    assert "购物车合计" in page and "Your basket total is now" not in page


def test_order_status_in_the_buyers_words():
    assert [str(status_words(s)) for s in ("待发货", "部分发货", "已发货", "已完成", "已退款", "已取消")] == [
        "待发货",
        "已发货",
        "已发货",
        "已完成",
        "已退款",
        "已退款",
    ]


def test_delivery_promise_prices_one_unit_by_the_shipping_rule():
    product = Product.objects.filter(storage="ambient", net_weight_grams=500).first() or Product.objects.filter(storage="ambient").first()
    cheap = delivery_promise(product, Decimal("10.00"))
    assert cheap.method_name == "常温快递" and cheap.fee > 0 and not cheap.cold_chain
    assert delivery_promise(product, Decimal("120.00")).fee == 0  # over the free-delivery threshold


def test_catalogue_filters_are_links_and_hide_values_without_products(client):
    page = client.get("/shop/catalogue/").content.decode()
    assert "应用筛选" not in page
    assert 'href="?storage=chilled"' in page
    assert '<span class="facet-count">0</span>' not in page


def test_catalogue_filter_link_applies_and_can_be_switched_off(client):
    page = client.get("/shop/catalogue/?storage=chilled").content.decode()
    assert 'aria-current="true"' in page
    assert 'href="?"' in page  # the selected value links back to no filter


def test_pagination_is_chinese(client):
    page = client.get("/shop/catalogue/").content.decode()
    assert "Page 1 of" not in page and ("第 1 /" in page or "下一页" not in page)


def test_checkout_page_does_not_write_to_the_database(client):
    add_to_basket(client, two_cooperatives_products()[0])
    client.get("/shop/checkout/confirm/")  # the session exists now
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/shop/checkout/confirm/").status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []


def test_latest_harvest_day_lies_in_a_harvest_month():
    assert latest_harvest_day([3, 4], date(2026, 12, 2)) == date(2026, 4, 15)
    assert latest_harvest_day([3], date(2026, 12, 2), before_qingming=True) == date(2026, 3, 25)
    assert latest_harvest_day([12], date(2026, 12, 2)) == date(2026, 12, 2)


def test_seeded_batches_and_route_prices_agree_with_themselves():
    from tourism.models import Departure, RoutePage
    from traceability.models import HarvestBatch

    for batch in HarvestBatch.objects.select_related("product").exclude(product__harvest_months=""):
        months = [3] if "明前" in batch.product.title else batch.product.harvest_month_list()
        assert batch.harvest_date.month in months, (batch.product.title, batch.harvest_date)
    for route in RoutePage.objects.filter(departures__isnull=False).distinct():
        upcoming = Departure.objects.filter(route=route, date__gte=date.today()).values_list("price", flat=True)
        if upcoming:
            assert route.price_from == min(upcoming)
