"""Impact figures add up to the order lines underneath them, by county, district and channel."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from impact import selectors
from partner.strategy import Selector
from regions.models import District

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")


def place(user, district_slug, items, status="待发货"):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    for title, quantity in items:
        basket.add_product(Product.objects.get(title=title), quantity)
    order = create_order(basket=basket, user=user, status=status)
    order.guangzhou_district = District.objects.get(slug=district_slug)
    order.save()
    return order


def refund(order, amount):
    event_type, _ = PaymentEventType.objects.get_or_create(code="refund", defaults={"name": "退款"})
    PaymentEvent.objects.create(order=order, amount=Decimal(amount), event_type=event_type)


@pytest.fixture
def known_orders(consumer_user):
    """Four orders with hand-computed figures, on a site without the demo order history."""
    get_model("order", "Order").objects.filter(number__startswith="DEMO-").delete()
    buyer = get_user_model().objects.get(username="buyer")
    a = place(consumer_user, "tianhe", [("大方天麻 干片 250g", 2), ("都匀毛尖 明前特级 100g", 1)])  # 256 + 168
    b = place(consumer_user, "huangpu", [("都匀毛尖 明前特级 100g", 3)])  # 504, then 126 refunded
    refund(b, "126.00")
    c = place(consumer_user, "tianhe", [("威宁洋芋 5kg", 1)], status="已取消")  # never counts
    d = place(buyer, "haizhu", [("威宁苦荞茶 300g 罐装", 20)])  # wholesale tier price 30.60
    return a, b, c, d


def by_key(rows):
    return {row.key: row for row in rows}


def test_county_table_nets_refunds_and_skips_cancelled_orders(known_orders):
    rows = by_key(selectors.by_county(selectors.sold_lines()))
    assert rows["dafang"].gmv == Decimal("256.00")
    assert (rows["dafang"].orders, rows["dafang"].units, rows["dafang"].weight_kg) == (1, 2, Decimal("0.5"))
    assert rows["duyun"].gmv == Decimal("546.00")  # 168 + 504 × (1 − 126/504)
    assert rows["duyun"].orders == 2
    assert rows["weining"].gmv == Decimal("612.00")
    assert rows["weining"].units == 20  # the cancelled 威宁洋芋 order is not there
    assert rows["weining"].weight_kg == Decimal("6.0")


def test_totals_equal_the_sum_of_every_table(known_orders):
    lines = selectors.sold_lines()
    totals = selectors.totals(lines)
    assert totals["gmv"] == Decimal("1414.00")
    assert totals["orders"] == 3
    for table in (
        selectors.by_county,
        selectors.by_prefecture,
        selectors.by_poverty,
        selectors.by_channel,
        selectors.by_month,
        selectors.by_cooperative,
    ):
        assert sum(row.gmv for row in table(lines)) == totals["gmv"], table.__name__


def test_poverty_prefecture_and_channel_splits(known_orders):
    lines = selectors.sold_lines()
    poverty = {row.key: row.gmv for row in selectors.by_poverty(lines)}
    assert poverty == {"True": Decimal("868.00"), "False": Decimal("546.00")}
    prefectures = {row.key: row.gmv for row in selectors.by_prefecture(lines)}
    assert prefectures == {"bijie": Decimal("868.00"), "qiannan": Decimal("546.00")}
    channels = {row.key: row.gmv for row in selectors.by_channel(lines)}
    assert channels == {"True": Decimal("612.00"), "False": Decimal("802.00")}


def test_each_district_against_its_paired_counties(known_orders):
    rows = {row.slug: row for row in selectors.district_support(selectors.sold_lines())}
    assert (rows["tianhe"].paired_gmv, rows["tianhe"].other_gmv) == (Decimal("256.00"), Decimal("168.00"))
    assert (rows["huangpu"].paired_gmv, rows["huangpu"].other_gmv) == (Decimal("378.00"), Decimal("0.00"))
    assert (rows["haizhu"].paired_gmv, rows["haizhu"].other_gmv) == (Decimal("0.00"), Decimal("612.00"))
    assert rows["tianhe"].paired_counties == "大方、纳雍"


def test_filters_narrow_every_figure(known_orders):
    lines = selectors.sold_lines(selectors.ReportFilters(poverty_only=True, channel="consumer"))
    assert selectors.totals(lines)["gmv"] == Decimal("256.00")


def test_staff_report_page_and_exports(client, staff_user, known_orders):
    client.force_login(staff_user)
    body = client.get("/dashboard/impact/").content.decode()
    assert "1414.00" in body and "大方县" in body
    csv_response = client.get("/dashboard/impact/", {"export": "csv", "table": "county"})
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert ["大方县", "256.00", "1", "2", "0.5"] in rows
    xlsx = client.get("/dashboard/impact/", {"export": "xlsx", "table": "district"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert values["天河区"][2] == 256.0 and values["天河区"][3] == 168.0


def test_demo_history_spans_several_months():
    months = selectors.by_month(selectors.sold_lines())
    assert len(months) >= 5
    assert all(row.gmv > 0 for row in months)


def test_bad_export_requests_are_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/dashboard/impact/", {"export": "pdf", "table": "county"}).status_code == 404
    assert client.get("/dashboard/impact/", {"export": "csv", "table": "secrets"}).status_code == 404


def test_report_is_staff_only(client, consumer_user, cooperative_user):
    for user in (consumer_user, cooperative_user):
        client.force_login(user)
        assert client.get("/dashboard/impact/").status_code == 302


def test_reversed_date_range_is_refused_with_a_message(client, staff_user):
    client.force_login(staff_user)
    body = client.get("/dashboard/impact/", {"start": "2026-12-01", "end": "2026-01-01"}).content.decode()
    assert "开始日期不能晚于结束日期" in body


def test_public_impact_page_is_cached(client, known_orders, consumer_user):
    body = client.get("/impact/").content.decode()
    assert "¥1,414.00" in body or "¥1414.00" in body
    assert "天河区" in body
    place(consumer_user, "tianhe", [("大方天麻 干片 250g", 1)])
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/impact/").content.decode()
    assert "1,414.00" in again or "1414.00" in again  # cached figures, refreshed every ten minutes
    assert not any("order_line" in query["sql"] for query in queries.captured_queries)


def test_order_pages_say_which_counties_and_cooperatives_were_supported(client, consumer_user, known_orders):
    order = known_orders[0]
    client.force_login(consumer_user)
    body = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    assert "这笔订单支持了" in body
    assert "大方县" in body and "都匀市" in body
    assert "大方县天麻与漆器产业农民专业合作社" in body
    assert "天河区对口帮扶·大方" in body
    from django.template.loader import render_to_string

    thank_you = render_to_string("impact/order_support.html", {"order": order})
    assert "都匀市毛尖茶产销农民专业合作社" in thank_you
