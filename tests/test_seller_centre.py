"""Issue 14: the seller centre — a cooperative runs its shop from a phone.

Through the client as the demo users (威宁 and 都匀), on the real models: today's work, products
and photos, packages and their PDFs, order statuses and buyer mail, statements net of refunds with
deductions after payment, payout batches, expiry reminders with a frozen clock, isolation.
"""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image
from pypdf import PdfReader

from cooperatives import reminders, settlement, shipping
from cooperatives.models import ExpiryReminder, Package, PayoutBatch, Statement, StatementLine
from core.money import quantize_fen
from stripe_payments.refunds import LineRefund, refund_order
from tests.test_cooperatives import make_order, sku_of

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db

SELLER = "/dashboard/cooperative/"


def jpeg(colour="green", size=(64, 48)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return SimpleUploadedFile(f"{colour}.jpg", buffer.getvalue(), content_type="image/jpeg")


def records_of(code: str, count: int) -> list:
    return list(StockRecord.objects.filter(partner__code=code).select_related("product").order_by("pk")[:count])


@pytest.fixture
def duyun_user(django_user_model):
    return django_user_model.objects.get(username="coop-duyun")


@pytest.fixture
def weining_order():
    """A guest's order with two 威宁 lines and one 都匀 line, awaiting shipment."""
    first, second = records_of("coop-weining", 2)
    order = make_order(
        "QH-SC-1", [(first.partner_sku, 2), (second.partner_sku, 1), (sku_of("coop-duyun").partner_sku, 1)], email="li@example.com"
    )
    order.status = "待发货"
    order.save()
    order.lines.update(status="待发货")
    return order


def weining_lines(order) -> list:
    return list(order.lines.filter(partner__code="coop-weining").order_by("pk"))


def pack(client, order, lines):
    return client.post(f"{SELLER}orders/{order.number}/packages/", {"lines": [line.pk for line in lines]})


# --- home: today's work --------------------------------------------------------------------------
def test_home_shows_todays_work_oldest_first(client, cooperative_user, weining_order):
    record = records_of("coop-weining", 1)[0]
    older = make_order("QH-SC-OLD", [(record.partner_sku, 1)], placed=timezone.now() - dt.timedelta(days=3))
    older.lines.update(status="待发货")
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=3, num_allocated=0, low_stock_threshold=None)
    client.force_login(cooperative_user)
    response = client.get(SELLER)
    assert response.status_code == 200
    html = response.content.decode()
    to_ship = [line.order.number for line in response.context["to_ship"]]
    assert to_ship.index("QH-SC-OLD") < to_ship.index("QH-SC-1")
    assert "已等 3 天" in html
    assert record in response.context["low_stock"]
    assert "<svg" in html and html.count('class="seller-chart__bar') == 12
    assert response.context["month"]["amount"] >= weining_lines(weining_order)[0].line_price_incl_tax
    assert "sku_of" not in html and "coop-duyun" not in html


def test_cooperative_is_sent_from_oscars_dashboard_to_the_seller_centre(client, cooperative_user, staff_user):
    client.force_login(cooperative_user)
    assert client.get("/dashboard/").url == SELLER
    assert client.get("/en/dashboard/").url == "/en" + SELLER
    own = records_of("coop-weining", 1)[0]
    assert client.get(f"/dashboard/catalogue/products/{own.product_id}/").url == f"{SELLER}products/{own.pk}/"
    assert client.get(f"/dashboard/catalogue/products/{sku_of('coop-duyun').product_id}/").url == f"{SELLER}products/"
    assert client.get("/dashboard/catalogue/").url == f"{SELLER}products/"
    client.force_login(staff_user)
    assert client.get("/dashboard/").status_code == 200  # staff keep Oscar's dashboard


def seller_pages(order, record, package, statement, statement_line) -> list[str]:
    return [
        SELLER,
        f"{SELLER}products/",
        f"{SELLER}products/?q=洋芋",
        f"{SELLER}products/new/",
        f"{SELLER}products/{record.pk}/",
        f"{SELLER}orders/",
        f"{SELLER}orders/?show=all",
        f"{SELLER}orders/{order.number}/",
        f"{SELLER}statements/",
        f"{SELLER}statements/{statement.pk}/",
        f"{SELLER}statements/{statement.pk}/lines/{statement_line.pk}/",
        f"{SELLER}import/",
        f"{SELLER}profile/{record.partner_id}/",
        "/dashboard/traceability/certificates/",
        "/dashboard/traceability/batches/",
    ]


@pytest.fixture
def settled(weining_order):
    """The order packed into one package, and this month's statement for 威宁."""
    partner = Partner.objects.get(code="coop-weining")
    package = shipping.create_package(
        order=weining_order, partner=partner, line_ids=[line.pk for line in weining_lines(weining_order)], user=None
    )
    statement = settlement.generate_statement(partner, timezone.localdate().replace(day=1))
    return package, statement


def test_no_seller_centre_page_shows_oscar_branding_or_its_navigation(client, cooperative_user, staff_user, weining_order, settled):
    package, statement = settled
    record = records_of("coop-weining", 1)[0]
    client.force_login(cooperative_user)
    for url in seller_pages(weining_order, record, package, statement, statement.lines.first()):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'class="seller-nav"' in html, url
        for oscar_chrome in (
            "oscar/img",
            "navbar-brand",
            'id="navbarSupportedContent"',
            "dashboard/js/dashboard",
            "Oscar",
            "oscar/js/bootstrap",
        ):
            assert oscar_chrome not in html, f"{url} shows {oscar_chrome}"
    client.force_login(staff_user)
    for url in (f"{SELLER}applications/", f"{SELLER}statements/", f"{SELLER}payouts/", f"{SELLER}orders/"):
        html = client.get(url).content.decode()
        assert "navbar-brand" not in html and "Oscar" not in html and 'class="seller-nav"' in html, url


# --- products ---------------------------------------------------------------------------------------
def test_quick_edit_changes_price_and_stock_and_refuses_bad_input(client, cooperative_user):
    record = records_of("coop-weining", 1)[0]
    client.force_login(cooperative_user)
    listing = client.get(f"{SELLER}products/?q={record.partner_sku}").content.decode()
    assert record.product.title in listing and f'action="{SELLER}products/{record.pk}/quick/"' in listing
    response = client.post(f"{SELLER}products/{record.pk}/quick/", {"price": "66.60", "num_in_stock": "120", "next": f"{SELLER}products/"})
    assert response.status_code == 302 and response.url.endswith(f"#record-{record.pk}")
    record.refresh_from_db()
    assert (record.price, record.num_in_stock) == (Decimal("66.60"), 120)
    for bad in ({"price": "-1", "num_in_stock": "5"}, {"price": "abc", "num_in_stock": "5"}, {"price": "10", "num_in_stock": "-3"}):
        client.post(f"{SELLER}products/{record.pk}/quick/", bad)
        record.refresh_from_db()
        assert (record.price, record.num_in_stock) == (Decimal("66.60"), 120)
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=30)
    page = client.post(f"{SELLER}products/{record.pk}/quick/", {"price": "66.60", "num_in_stock": "10"}, follow=True)
    assert "已有 30 件被订单占用" in page.content.decode()
    record.refresh_from_db()
    assert record.num_in_stock == 120


def product_post(record, **overrides) -> dict:
    from catalogue.models import Category

    data = {
        "stock-partner_sku": record.partner_sku,
        "stock-price": str(record.price),
        "stock-num_in_stock": str(record.num_in_stock),
        "stock-low_stock_threshold": "",
        "product-title": record.product.title,
        "product-title_en": "",
        "product-description": "<p>高原洋芋</p><script>alert(1)</script><img src=x onerror=alert(2)>",
        "product-origin_county": str(record.product.origin_county_id),
        "product-net_weight_grams": "5000",
        "product-unit": "箱",
        "product-shelf_life_days": "60",
        "product-storage": "ambient",
        "product-is_public": "on",
        "product-harvest_months": ["9", "10"],
        "product-category": str(Category.objects.order_by("path").first().pk),
    }
    data.update(overrides)
    return data


def test_product_editor_saves_specs_and_sanitises_the_description(client, cooperative_user):
    record = records_of("coop-weining", 1)[0]
    client.force_login(cooperative_user)
    assert client.get(f"{SELLER}products/{record.pk}/").status_code == 200
    response = client.post(f"{SELLER}products/{record.pk}/", product_post(record))
    assert response.status_code == 302
    record.product.refresh_from_db()
    assert record.product.harvest_months == "9,10" and record.product.net_weight_grams == 5000
    assert "<script" not in record.product.description and "onerror" not in record.product.description
    assert "高原洋芋" in record.product.description


def test_product_editor_shows_chinese_and_english_side_by_side_and_saves_both(client, cooperative_user):
    record = records_of("coop-weining", 1)[0]
    client.force_login(cooperative_user)
    page = client.get(f"{SELLER}products/{record.pk}/").content.decode()
    pairs = page.split('<div class="field-pair">')[1:]
    assert len(pairs) == 2  # name and description
    for pair, name in zip(pairs, ("title", "description"), strict=True):
        pair = pair.split("</div>\n</div>", 1)[0]  # up to the end of the pair's second box
        assert f'name="product-{name}"' in pair and f'name="product-{name}_en"' in pair
        assert pair.index(f'name="product-{name}"') < pair.index(f'name="product-{name}_en"')  # Chinese first
    response = client.post(
        f"{SELLER}products/{record.pk}/",
        product_post(record, **{"product-description_en": "<p>Highland potatoes</p><script>alert(1)</script>"}),
    )
    assert response.status_code == 302
    record.product.refresh_from_db()
    assert record.product.description_en == "<p>Highland potatoes</p>"


def test_sku_taken_by_another_cooperative_is_a_clear_error(client, cooperative_user):
    record = records_of("coop-weining", 1)[0]
    other = sku_of("coop-duyun")
    client.force_login(cooperative_user)
    response = client.post(f"{SELLER}products/{record.pk}/", product_post(record, **{"stock-partner_sku": other.partner_sku}))
    assert response.status_code == 400
    assert "须全平台唯一" in response.content.decode()
    record.refresh_from_db()
    assert record.partner_sku != other.partner_sku


def test_new_product_from_the_seller_centre(client, cooperative_user):
    record = StockRecord(partner=Partner.objects.get(code="coop-weining"), partner_sku="WN-NEW-1", price=Decimal("12.50"), num_in_stock=5)
    record.product = records_of("coop-weining", 1)[0].product
    client.force_login(cooperative_user)
    data = product_post(record, **{"product-title": "威宁苦荞茶 250g", "stock-partner_sku": "WN-NEW-1"})
    response = client.post(f"{SELLER}products/new/", data)
    assert response.status_code == 302
    created = StockRecord.objects.get(partner_sku="WN-NEW-1")
    assert created.partner.code == "coop-weining" and created.product.title == "威宁苦荞茶 250g" and created.price == Decimal("12.50")


def test_gallery_add_reorder_set_main_and_refuse_a_fake_image(client, cooperative_user):
    record = records_of("coop-weining", 1)[0]
    client.force_login(cooperative_user)
    before = list(record.product.images.order_by("display_order").values_list("pk", flat=True))
    response = client.post(f"{SELLER}products/{record.pk}/photos/", {"photos": [jpeg("red"), jpeg("blue")]})
    assert response.status_code == 302
    images = list(record.product.images.order_by("display_order", "pk"))
    assert len(images) == len(before) + 2
    newest = images[-1]
    client.post(f"{SELLER}products/{record.pk}/photos/{newest.pk}/move/", {"direction": "up"})
    order = list(record.product.images.order_by("display_order").values_list("pk", flat=True))
    assert order.index(newest.pk) == len(order) - 2
    client.post(f"{SELLER}products/{record.pk}/photos/{newest.pk}/main/")
    assert record.product.primary_image().pk == newest.pk
    assert list(record.product.images.order_by("display_order").values_list("display_order", flat=True)) == list(range(len(order)))
    fake = SimpleUploadedFile("virus.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    page = client.post(f"{SELLER}products/{record.pk}/photos/", {"photos": [fake]}, follow=True)
    assert record.product.images.count() == len(order)
    assert "alert-danger" in page.content.decode() or "error" in page.content.decode()


# --- packages, statuses, mail, PDFs -------------------------------------------------------------
def test_pack_two_lines_into_one_package_print_and_ship(client, cooperative_user, weining_order, django_capture_on_commit_callbacks):
    client.force_login(cooperative_user)
    lines = weining_lines(weining_order)
    page = client.get(f"{SELLER}orders/{weining_order.number}/").content.decode()
    assert "李 收货人" in page and "天河路100号" in page and "buyer-x" not in page and "账单街" not in page
    assert pack(client, weining_order, lines).status_code == 302
    package = Package.objects.get(order=weining_order)
    assert sorted(package.lines.values_list("pk", flat=True)) == [line.pk for line in lines]
    assert pack(client, weining_order, lines[:1]).status_code == 302  # already packed: refused
    assert Package.objects.filter(order=weining_order).count() == 1

    label = client.get(f"{SELLER}packages/{package.pk}/label.pdf")
    assert label.status_code == 200 and label["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(label.content))
    width, height = (float(value) for value in pdf.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (298, 420)  # A6 in points
    text = pdf.pages[0].extract_text()
    assert "收货人" in text and weining_order.number in text and "13800138000" in text and "天河路100号" in text
    slip = PdfReader(io.BytesIO(client.get(f"{SELLER}packages/{package.pk}/packing-slip.pdf").content)).pages[0].extract_text()
    assert lines[0].partner_sku in slip and weining_order.number in slip

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{SELLER}packages/{package.pk}/ship/", {"carrier": "sf", "tracking_number": "sf 1234 5678 90"})
    assert response.status_code == 302
    package.refresh_from_db()
    assert package.is_shipped and package.carrier == "sf" and package.tracking_number == "SF1234567890"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["li@example.com"]
    assert "SF1234567890" in mail.outbox[0].body and "顺丰速运" in mail.outbox[0].body
    weining_order.refresh_from_db()
    assert weining_order.status == "部分发货"  # 都匀's line is still owed
    assert all(line.status == "已发货" for line in weining_lines(weining_order))
    # Tracking number once per package: a second ship is refused and mails nobody.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{SELLER}packages/{package.pk}/ship/", {"carrier": "jd", "tracking_number": "JD000111222"})
    package.refresh_from_db()
    assert package.tracking_number == "SF1234567890" and len(mail.outbox) == 1

    # 都匀 ships its own line: now the whole order is 已发货.
    duyun_line = weining_order.lines.get(partner__code="coop-duyun")
    duyun_package = shipping.create_package(order=weining_order, partner=duyun_line.partner, line_ids=[duyun_line.pk], user=None)
    with django_capture_on_commit_callbacks(execute=True):
        shipping.ship_package(duyun_package, carrier="zto", tracking_number="ZTO7788990011", user=None)
    weining_order.refresh_from_db()
    assert weining_order.status == "已发货" and len(mail.outbox) == 2


def test_bad_carrier_or_tracking_number_ships_nothing(client, cooperative_user, weining_order):
    client.force_login(cooperative_user)
    pack(client, weining_order, weining_lines(weining_order))
    package = Package.objects.get(order=weining_order)
    for data in (
        {"carrier": "", "tracking_number": "SF123456789"},
        {"carrier": "ufo", "tracking_number": "SF123456789"},
        {"carrier": "sf", "tracking_number": "<b>"},
    ):
        page = client.post(f"{SELLER}packages/{package.pk}/ship/", data, follow=True)
        assert "alert-danger" in page.content.decode()
    package.refresh_from_db()
    weining_order.refresh_from_db()
    assert not package.is_shipped and weining_order.status == "待发货"


def test_the_buyer_sees_the_package_with_carrier_and_tracking(client, consumer_user, weining_order, django_capture_on_commit_callbacks):
    weining_order.user = consumer_user
    weining_order.guest_email = ""
    weining_order.save()
    partner = Partner.objects.get(code="coop-weining")
    package = shipping.create_package(
        order=weining_order, partner=partner, line_ids=[line.pk for line in weining_lines(weining_order)], user=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        shipping.ship_package(package, carrier="sf", tracking_number="SF5550001112", user=None)
    client.force_login(consumer_user)
    html = client.get(f"/shop/accounts/orders/{weining_order.number}/").content.decode()
    assert "包裹与物流" in html and "顺丰速运" in html and "SF5550001112" in html
    assert "待发货" in html  # 都匀's line is still being prepared


def test_a_label_prints_hostile_text_as_text(client, cooperative_user, weining_order):
    weining_order.shipping_address.last_name = '<font size="40">收货人</font><img src="/etc/passwd"/>'
    weining_order.shipping_address.save()
    partner = Partner.objects.get(code="coop-weining")
    package = shipping.create_package(order=weining_order, partner=partner, line_ids=[weining_lines(weining_order)[0].pk], user=None)
    client.force_login(cooperative_user)
    response = client.get(f"{SELLER}packages/{package.pk}/label.pdf")
    assert response.status_code == 200
    assert "<font" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


# --- isolation ---------------------------------------------------------------------------------------
def duyun_urls(order, package, record, photo, statement, statement_line) -> list[tuple[str, str]]:
    return [
        ("get", f"{SELLER}orders/{order.number}/"),
        ("post", f"{SELLER}orders/{order.number}/packages/"),
        ("post", f"{SELLER}packages/{package.pk}/ship/"),
        ("post", f"{SELLER}packages/{package.pk}/unpack/"),
        ("get", f"{SELLER}packages/{package.pk}/label.pdf"),
        ("get", f"{SELLER}packages/{package.pk}/packing-slip.pdf"),
        ("get", f"{SELLER}products/{record.pk}/"),
        ("post", f"{SELLER}products/{record.pk}/"),
        ("post", f"{SELLER}products/{record.pk}/quick/"),
        ("post", f"{SELLER}products/{record.pk}/photos/"),
        ("post", f"{SELLER}products/{record.pk}/photos/{photo.pk}/move/"),
        ("post", f"{SELLER}products/{record.pk}/photos/{photo.pk}/main/"),
        ("post", f"{SELLER}products/{record.pk}/photos/{photo.pk}/delete/"),
        ("get", f"{SELLER}statements/{statement.pk}/"),
        ("get", f"{SELLER}statements/{statement.pk}/lines/{statement_line.pk}/"),
        ("get", f"{SELLER}statements/{statement.pk}/export.csv"),
        ("get", f"{SELLER}payouts/"),
        ("post", f"{SELLER}payouts/"),
    ]


def test_cooperative_cannot_reach_another_cooperatives_packages_labels_statement_lines_or_photos(client, cooperative_user):
    record = sku_of("coop-duyun")
    order = make_order("QH-SC-DUYUN", [(record.partner_sku, 1)])
    order.lines.update(status="待发货")
    package = shipping.create_package(order=order, partner=record.partner, line_ids=[order.lines.get().pk], user=None)
    photo = record.product.images.first()
    statement = settlement.generate_statement(record.partner, timezone.localdate().replace(day=1))
    statement_line = statement.lines.get(line__order=order)
    before = (record.price, record.num_in_stock, photo.display_order, ProductImage.objects.filter(product=record.product).count())
    client.force_login(cooperative_user)
    for method, url in duyun_urls(order, package, record, photo, statement, statement_line):
        data = {
            "price": "1",
            "num_in_stock": "1",
            "carrier": "sf",
            "tracking_number": "SF999999999",
            "lines": [order.lines.get().pk],
            "photos": [jpeg()],
        }
        response = getattr(client, method)(url, data if method == "post" else None)
        assert response.status_code in (403, 404), f"{method.upper()} {url} gave {response.status_code}"
    record.refresh_from_db()
    photo.refresh_from_db()
    assert before == (record.price, record.num_in_stock, photo.display_order, ProductImage.objects.filter(product=record.product).count())
    package.refresh_from_db()
    assert Package.objects.filter(pk=package.pk).exists() and not package.is_shipped


# --- statements, deductions, payouts --------------------------------------------------------------
def test_statement_is_net_of_refunds_line_by_line_and_a_later_refund_is_a_deduction(client, staff_user, cooperative_user):
    partner = Partner.objects.get(code="coop-weining")
    first, second = records_of("coop-weining", 2)
    march = timezone.make_aware(dt.datetime(2025, 3, 10, 9, 0))
    order = make_order("QH-SC-STMT", [(first.partner_sku, 2), (second.partner_sku, 1)], placed=march)
    line_a, line_b = weining_lines(order)
    refund_order(order=order, key="stmt-1", lines=[LineRefund(line=line_a, quantity=1, amount=first.price, restock=False)], reason="破损")
    statement = settlement.generate_statement(partner, dt.date(2025, 3, 1))
    gross = first.price * 2 + second.price
    assert statement.gross == gross and statement.refunds == first.price and statement.deductions == 0
    assert statement.fee == quantize_fen((gross - first.price) * 5 / 100)
    assert statement.payable == gross - first.price - statement.fee
    net_a = StatementLine.objects.get(statement=statement, line=line_a)
    assert (net_a.refunded_quantity, net_a.refunded, net_a.net) == (1, first.price, first.price)

    settlement.mark_statement_paid(statement, user=staff_user)
    paid = (statement.gross, statement.refunds, statement.payable)
    refund_order(order=order, key="stmt-2", lines=[LineRefund(line=line_b, quantity=1, amount=second.price, restock=False)], reason="缺货")
    settlement.generate_statement(partner, dt.date(2025, 3, 1))  # a paid statement never changes
    statement.refresh_from_db()
    assert (statement.gross, statement.refunds, statement.payable) == paid
    april = settlement.generate_statement(partner, dt.date(2025, 4, 1))
    assert april.deductions == second.price and april.gross == 0
    assert april.payable == -second.price - quantize_fen(-second.price * 5 / 100)
    settlement.generate_statement(partner, dt.date(2025, 4, 1))  # recomputed: still deducted once
    april.refresh_from_db()
    assert april.deductions == second.price

    client.force_login(cooperative_user)
    html = client.get(f"{SELLER}statements/{statement.pk}/lines/{net_a.pk}/").content.decode()
    assert "破损" in html and "QH-SC-STMT" in html
    assert "扣减" in client.get(f"{SELLER}statements/{april.pk}/").content.decode()
    csv_text = client.get(f"{SELLER}statements/{april.pk}/export.csv").content.decode("utf-8-sig")
    assert "QH-SC-STMT" in csv_text and "扣减" in csv_text


def test_staff_export_a_payout_batch_and_mark_it_paid(client, staff_user, cooperative_user):
    from openpyxl import load_workbook

    from cooperatives.models import CooperativeProfile

    partner = Partner.objects.get(code="coop-weining")
    CooperativeProfile.objects.filter(partner=partner).update(bank_name='=HYPERLINK("http://x")', bank_account="6222020200112233445")
    record = records_of("coop-weining", 1)[0]
    make_order("QH-SC-PAY", [(record.partner_sku, 3)], placed=timezone.make_aware(dt.datetime(2025, 5, 5, 9)))
    statement = settlement.generate_statement(partner, dt.date(2025, 5, 1))
    client.force_login(cooperative_user)
    assert client.post(f"{SELLER}payouts/").status_code in (403, 404)
    client.force_login(staff_user)
    response = client.post(f"{SELLER}payouts/")
    batch = PayoutBatch.objects.get()
    assert response.url == f"{SELLER}payouts/{batch.pk}/"
    assert statement in batch.statements.all()
    csv_text = client.get(f"{SELLER}payouts/{batch.pk}/export.csv").content.decode("utf-8-sig")
    assert "6222020200112233445" in csv_text and "'=HYPERLINK" in csv_text
    sheet = load_workbook(io.BytesIO(client.get(f"{SELLER}payouts/{batch.pk}/export.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    weining = next(row for row in rows if row[0] == partner.name)
    assert Decimal(str(weining[4])) >= statement.payable
    client.post(f"{SELLER}payouts/{batch.pk}/paid/")
    statement.refresh_from_db()
    batch.refresh_from_db()
    assert statement.status == Statement.Status.PAID and batch.status == PayoutBatch.Status.PAID


# --- expiry reminders -------------------------------------------------------------------------------
def test_each_expiry_reminder_goes_out_exactly_once(client, cooperative_user, django_capture_on_commit_callbacks):
    from traceability.models import Certificate

    partner = Partner.objects.get(code="coop-weining")
    Certificate.objects.filter(cooperative=partner).update(valid_until=dt.date(2031, 1, 1))
    certificate = Certificate.objects.filter(cooperative=partner).first()
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=dt.date(2027, 6, 30))
    expiry = dt.date(2027, 6, 30)
    mailed: list[tuple[dt.date, str]] = []
    day = expiry - dt.timedelta(days=100)
    while day <= expiry + dt.timedelta(days=2):
        with time_machine.travel(dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
            mail.outbox.clear()
            with django_capture_on_commit_callbacks(execute=True):
                call_command("send_expiry_reminders", stdout=io.StringIO())
                call_command("send_expiry_reminders", stdout=io.StringIO())  # a second run the same day sends nothing
            mailed += [(day, message.subject) for message in mail.outbox if certificate.number in message.subject]
        day += dt.timedelta(days=1)
    assert [day for day, _subject in mailed] == [
        expiry - dt.timedelta(days=90),
        expiry - dt.timedelta(days=30),
        expiry - dt.timedelta(days=7),
    ]
    assert sorted(ExpiryReminder.objects.filter(subject_key=f"certificate:{certificate.pk}").values_list("days", flat=True)) == [7, 30, 90]
    with time_machine.travel(dt.datetime(2027, 6, 25, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        client.force_login(cooperative_user)
        html = client.get(SELLER).content.decode()
        assert "seller-banner" in html and certificate.number in html and "还有 5 天" in html


def test_licence_expiry_is_reminded_too(django_capture_on_commit_callbacks):
    from cooperatives.models import CooperativeProfile

    partner = Partner.objects.get(code="coop-weining")
    today = timezone.localdate()
    CooperativeProfile.objects.filter(partner=partner).update(
        food_licence_number="SC11152270100011", food_licence_valid_until=today + dt.timedelta(days=30)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_expiry_reminders(today=today)
    assert any("SC11152270100011" in message.subject for message in mail.outbox)
    reminders.send_expiry_reminders(today=today)  # the next run sends nothing new
    reminded = ExpiryReminder.objects.filter(partner=partner, subject_key="licence:food", valid_until=today + dt.timedelta(days=30))
    assert list(reminded.values_list("days", flat=True)) == [30]


def test_demo_orders_show_real_life():
    Order = get_model("order", "Order")
    demo = Order.objects.filter(number__startswith="DEMO-")
    statuses = set(demo.values_list("status", flat=True))
    assert {"已完成", "已发货", "待发货", "部分发货", "已退款"} <= statuses
    week_ago = timezone.now() - dt.timedelta(days=7)
    assert demo.filter(status="待发货", date_placed__gte=week_ago).count() >= 3
    assert not demo.filter(status="待发货", date_placed__lt=timezone.now() - dt.timedelta(days=14)).exists()
    assert Package.objects.filter(order__in=demo, status="shipped").count() > 20
    assert all(
        re.match(r"^[A-Z0-9-]{6,40}$", number)
        for number in Package.objects.exclude(tracking_number="").values_list("tracking_number", flat=True)
    )
    weining = demo.filter(status="待发货", lines__partner__code="coop-weining").distinct()
    assert any(order.lines.filter(partner__code="coop-weining").count() >= 2 for order in weining)
