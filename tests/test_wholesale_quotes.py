"""Requests for quote, saved order lists, reorder and the next-tier hint."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from oscar.core.loading import get_model

from partner.strategy import Selector
from wholesale.models import OrderTemplate, QuoteRequest

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")


@pytest.fixture
def buyer(django_user_model):
    return django_user_model.objects.get(username="buyer")


def sku(title):
    return StockRecord.objects.get(product__title=title).partner_sku


def open_basket(user):
    basket = Basket.objects.filter(owner=user, status=Basket.OPEN).first()
    if basket:
        basket.strategy = Selector().strategy(user=user)
    return basket


def ask(client, buyer, rows, days=7):
    client.force_login(buyer)
    delivery = (timezone.localdate() + timedelta(days=days)).isoformat()
    return client.post("/wholesale/quotes/new/", {"rows": rows, "delivery_date": delivery, "note": "周一早上送到后门"}, follow=True)


def answer(client, staff_user, quote, price, valid_days=3):
    client.force_login(staff_user)
    data = {"valid_until": (timezone.localdate() + timedelta(days=valid_days)).isoformat()}
    data.update({f"price_{line.pk}": price for line in quote.lines.all()})
    return client.post(f"/dashboard/wholesale/quotes/{quote.pk}/", data, follow=True)


def test_quote_round_trip_locks_the_quoted_price_into_the_basket(client, buyer, staff_user):
    response = ask(client, buyer, f"{sku('威宁洋芋 25kg 批发装')} 30")
    quote = QuoteRequest.objects.get(account__user=buyer)
    assert quote.status == "requested" and "RFQ-" in response.content.decode()
    assert any("staff@example.com" in message.to for message in mail.outbox)

    answer(client, staff_user, quote, "99.00")
    quote.refresh_from_db()
    assert quote.status == "quoted"
    assert mail.outbox[-1].to == ["buyer@example.com"]

    client.force_login(buyer)
    client.post(f"/wholesale/quotes/{quote.pk}/accept/")
    quote.refresh_from_db()
    assert quote.status == "accepted"
    line = open_basket(buyer).all_lines()[0]
    assert line.quantity == 30
    assert line.unit_price_incl_tax == Decimal("99.00")  # not the tier price


def test_an_expired_quote_cannot_be_accepted_and_changes_nothing(client, buyer, staff_user):
    ask(client, buyer, f"{sku('威宁洋芋 25kg 批发装')} 30")
    quote = QuoteRequest.objects.get(account__user=buyer)
    answer(client, staff_user, quote, "99.00")
    QuoteRequest.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    client.force_login(buyer)
    response = client.post(f"/wholesale/quotes/{quote.pk}/accept/", follow=True)
    assert "报价已于" in response.content.decode() and "过期" in response.content.decode()
    quote.refresh_from_db()
    assert quote.status == "expired"
    basket = open_basket(buyer)
    assert basket is None or basket.num_items == 0


def test_bad_quote_rows_are_all_reported_and_nothing_saved(client, buyer):
    body = ask(client, buyer, "NOPE 3\nQH0130 abc").content.decode()
    assert "找不到商品编号 NOPE" in body and "不是正整数" in body
    assert not QuoteRequest.objects.filter(account__user=buyer).exists()


def test_delivery_date_must_be_in_the_future(client, buyer):
    body = ask(client, buyer, f"{sku('赫章核桃 1kg')} 30", days=0).content.decode()
    assert "期望送达日期须晚于今天" in body


def test_placing_an_order_uses_up_the_quote():
    from wholesale.quotes import use_up_quotes

    quote = QuoteRequest.objects.create(
        account_id=QuoteRequest._meta.get_field("account").related_model.objects.get(user__username="buyer").pk,
        delivery_date=timezone.localdate() + timedelta(days=3),
        status="accepted",
        valid_until=timezone.localdate() + timedelta(days=3),
    )
    assert use_up_quotes(user=quote.account.user) == 1
    quote.refresh_from_db()
    assert quote.status == "ordered"


def test_order_list_saved_from_basket_and_reused(client, buyer):
    client.force_login(buyer)
    client.post("/wholesale/quick-order/", {"rows": f"{sku('赫章核桃 1kg')} 30\n{sku('威宁苦荞茶 300g 罐装')} 20"})
    client.post("/wholesale/lists/from-basket/", {"name": "每周一补货"})
    template = OrderTemplate.objects.get(account__user=buyer, name="每周一补货")
    assert template.lines.count() == 2
    basket = open_basket(buyer)
    basket.flush()
    response = client.post(f"/wholesale/lists/{template.pk}/use/", follow=True)
    assert "已将清单" in response.content.decode()
    assert open_basket(buyer).num_items == 50


def test_a_saved_list_that_no_longer_fits_the_stock_adds_nothing(client, buyer):
    client.force_login(buyer)
    client.post("/wholesale/quick-order/", {"rows": f"{sku('赫章核桃 1kg')} 30"})
    client.post("/wholesale/lists/from-basket/", {"name": "核桃"})
    open_basket(buyer).flush()
    StockRecord.objects.filter(partner_sku=sku("赫章核桃 1kg")).update(num_in_stock=5, num_allocated=0)
    response = client.post(f"/wholesale/lists/{OrderTemplate.objects.get(name='核桃').pk}/use/", follow=True)
    assert "没有加入购物车" in response.content.decode()
    assert open_basket(buyer).num_items == 0


def test_basket_shows_how_many_more_cases_reach_the_next_tier(client, buyer):
    client.force_login(buyer)
    client.post("/wholesale/quick-order/", {"rows": f"{sku('威宁苦荞茶 300g 罐装')} 70"})  # 7 cases
    body = client.get("/shop/basket/").content.decode()
    assert "再加 3 箱" in body
    assert "¥28.08" in body


def test_consumers_do_not_get_quotes_or_lists(client, consumer_user):
    client.force_login(consumer_user)
    for url in ["/wholesale/quotes/", "/wholesale/quotes/new/", "/wholesale/lists/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.endswith("/wholesale/")


def test_another_buyer_cannot_open_or_accept_my_quote(client, buyer, django_user_model):
    ask(client, buyer, f"{sku('赫章核桃 1kg')} 30")
    quote = QuoteRequest.objects.get(account__user=buyer)
    other = django_user_model.objects.create_user("other-buyer", "other@example.com", "pw-other-123")
    from regions.models import District
    from wholesale.models import BusinessAccount

    BusinessAccount.objects.create(
        user=other,
        company_name="另一家超市",
        credit_code="91440101MA9UQ8J2X" + "0",
        buyer_type="supermarket",
        contact_name="赵",
        contact_phone="13900000000",
        delivery_district=District.objects.get(slug="yuexiu"),
        delivery_address="x",
        status="approved",
    )
    client.force_login(other)
    assert client.get(f"/wholesale/quotes/{quote.pk}/").status_code == 404
    assert client.post(f"/wholesale/quotes/{quote.pk}/accept/").status_code == 404
