"""Issue 5: cooperatives apply, are reviewed, see only their own data, ship lines and get statements.

Everything is exercised from outside, through the client, as the demo users.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook
from oscar.core.loading import get_model
from PIL import Image

from cooperatives.models import CooperativeApplication, CooperativeProfile, Package, ProductImport, Statement
from core.validators import credit_code_check_character, validate_credit_code
from marketplace.demo.cooperatives import PENDING_APPLICATION_EMAIL
from regions.models import County

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
BillingAddress = get_model("order", "BillingAddress")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db

VALID_CODE = "93522701MA6HX2K5Y" + credit_code_check_character("93522701MA6HX2K5Y")


# --- helpers -----------------------------------------------------------------------
def png_bytes(size=(40, 30), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def application_data(**overrides) -> dict:
    data = {
        "name": "纳雍县高山茶种植农民专业合作社",
        "county": County.objects.get(slug="nayong").pk,
        "credit_code": VALID_CODE,
        "legal_representative": "王大山",
        "phone": "13912345678",
        "email": "gaoshancha@example.com",
        "address": "贵州省毕节市纳雍县茶山村",
        "poor_households": "57",
        "business_licence": SimpleUploadedFile("licence.png", png_bytes(), content_type="image/png"),
    }
    data.update(overrides)
    return data


def make_order(number: str, items: list[tuple[str, int]], *, email: str = "buyer-x@example.com", placed=None) -> Order:
    """An order placed by a guest with one line per (partner SKU, quantity)."""
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="CN", defaults={"name": "中国", "printable_name": "中国", "is_shipping_country": True}
    )
    shipping = ShippingAddress.objects.create(
        first_name="李",
        last_name="收货人",
        line1="天河路100号",
        line4="广州市",
        postcode="510000",
        country=country,
        phone_number="+8613800138000",
    )
    billing = BillingAddress.objects.create(
        first_name="账单", last_name="秘密人", line1="账单街1号", line4="深圳市", postcode="518000", country=country
    )
    total = Decimal("0.00")
    order = Order.objects.create(
        number=number,
        site_id=1,
        currency="CNY",
        total_incl_tax=0,
        total_excl_tax=0,
        shipping_address=shipping,
        billing_address=billing,
        guest_email=email,
        date_placed=placed or timezone.now(),
        status="Pending",
    )
    for sku, quantity in items:
        record = StockRecord.objects.select_related("product", "partner").get(partner_sku=sku)
        amount = record.price * quantity
        total += amount
        Line.objects.create(
            order=order,
            partner=record.partner,
            partner_name=record.partner.name,
            partner_sku=sku,
            stockrecord=record,
            product=record.product,
            title=record.product.title,
            quantity=quantity,
            num_allocated=quantity,
            line_price_incl_tax=amount,
            line_price_excl_tax=amount,
            line_price_before_discounts_incl_tax=amount,
            line_price_before_discounts_excl_tax=amount,
            unit_price_incl_tax=record.price,
            unit_price_excl_tax=record.price,
        )
    order.total_incl_tax = order.total_excl_tax = total
    order.save()
    return order


def sku_of(partner_code: str) -> StockRecord:
    return StockRecord.objects.filter(partner__code=partner_code).select_related("product").order_by("pk").first()


@pytest.fixture
def duyun_user(django_user_model):
    return django_user_model.objects.get(username="coop-duyun")


@pytest.fixture
def mixed_order():
    """One order with a line from 威宁 and a line from 都匀."""
    return make_order("QH-MIXED-1", [(sku_of("coop-weining").partner_sku, 2), (sku_of("coop-duyun").partner_sku, 1)])


# --- 1. applying -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "ok"),
    [
        (VALID_CODE, True),
        (VALID_CODE.lower(), True),
        ("91350100M000100Y43", True),  # the example printed in GB 32100-2015
        (VALID_CODE[:17] + ("0" if VALID_CODE[17] != "0" else "1"), False),
        (VALID_CODE[:17], False),
        ("9352052IMA6DK1P3XA", False),
    ],
)
def test_credit_code_checksum(code, ok):
    from django.core.exceptions import ValidationError

    if ok:
        validate_credit_code(code.upper())
    else:
        with pytest.raises(ValidationError):
            validate_credit_code(code)


def test_apply_form_creates_a_pending_application(client):
    page = client.get("/cooperatives/apply/")
    assert page.status_code == 200
    assert "统一社会信用代码" in page.content.decode()
    certificate = SimpleUploadedFile("green.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post("/cooperatives/apply/", application_data(certificates=[certificate]))
    assert response.status_code == 302
    application = CooperativeApplication.objects.get(email="gaoshancha@example.com")
    assert application.status == CooperativeApplication.Status.PENDING
    assert application.county.slug == "nayong"
    assert application.documents.count() == 1
    assert not get_user_model().objects.filter(email="gaoshancha@example.com").exists()


def bomb_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, format="PNG")  # 81 megapixels in a few kilobytes
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"credit_code": VALID_CODE[:17] + ("0" if VALID_CODE[17] != "0" else "1")}, "credit_code"),
        ({"credit_code": "12345"}, "credit_code"),
        ({"phone": "12345678901"}, "phone"),
        ({"phone": "1391234567"}, "phone"),
        ({"poor_households": "-3"}, "poor_households"),
        ({"business_licence": SimpleUploadedFile("licence.png", b"\x89PNG\r\n\x1a\nbroken", content_type="image/png")}, "business_licence"),
        ({"business_licence": SimpleUploadedFile("licence.jpg", png_bytes(), content_type="image/jpeg")}, "business_licence"),
        (
            {"business_licence": SimpleUploadedFile("licence.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")},
            "business_licence",
        ),
        (
            {"business_licence": SimpleUploadedFile("licence.exe", b"MZ\x90\x00", content_type="application/octet-stream")},
            "business_licence",
        ),
        ({"business_licence": SimpleUploadedFile("bomb.png", bomb_png(), content_type="image/png")}, "business_licence"),
        (
            {"business_licence": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1), content_type="application/pdf")},
            "business_licence",
        ),
        ({"certificates": [SimpleUploadedFile("cert.png", b"garbage", content_type="image/png")]}, "certificates"),
    ],
    ids=[
        "checksum",
        "short-code",
        "phone-prefix",
        "phone-length",
        "negative",
        "corrupt-png",
        "png-as-jpg",
        "fake-pdf",
        "exe",
        "bomb",
        "too-big",
        "bad-cert",
    ],
)
def test_apply_form_rejects_bad_input(client, overrides, field):
    before = CooperativeApplication.objects.count()
    response = client.post("/cooperatives/apply/", application_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert CooperativeApplication.objects.count() == before


def test_duplicate_pending_credit_code_is_refused(client):
    pending = CooperativeApplication.objects.get(email=PENDING_APPLICATION_EMAIL)
    response = client.post("/cooperatives/apply/", application_data(credit_code=pending.credit_code))
    assert response.status_code == 400
    assert "credit_code" in response.context["form"].errors


def test_demo_has_one_pending_application_and_22_profiles():
    assert CooperativeApplication.objects.filter(status="pending").count() >= 1
    assert CooperativeProfile.objects.filter(partner__code__startswith="coop-").count() == 22


# --- review --------------------------------------------------------------------------------
def test_staff_approves_an_application(client, staff_user):
    application = CooperativeApplication.objects.get(email=PENDING_APPLICATION_EMAIL)
    client.force_login(staff_user)
    listing = client.get("/dashboard/cooperative/applications/?status=pending")
    assert listing.status_code == 200 and application.name in listing.content.decode()
    detail = client.get(f"/dashboard/cooperative/applications/{application.pk}/")
    assert detail.status_code == 200
    assert client.get(f"/dashboard/cooperative/applications/{application.pk}/licence/").status_code == 200

    response = client.post(f"/dashboard/cooperative/applications/{application.pk}/approve/")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved"
    partner = application.partner
    assert partner.county.slug == "weining" and partner.code.startswith("coop-weining-")
    user = partner.users.get()
    assert user.email == PENDING_APPLICATION_EMAIL
    assert user.groups.filter(name="合作社").exists()
    assert user.has_perm("partner.dashboard_access")
    assert not user.has_usable_password()
    assert partner.profile.households_supported == application.poor_households
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [PENDING_APPLICATION_EMAIL]
    link = next(word for word in mail.outbox[0].body.split() if "/password-reset/confirm/" in word)

    # Approving again changes nothing.
    client.post(f"/dashboard/cooperative/applications/{application.pk}/approve/")
    assert Partner.objects.filter(application=application).count() == 1 and len(mail.outbox) == 1

    # The emailed link lets the cooperative set a password and then use the dashboard.
    client.logout()
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    set_password = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Qiaomai-2026-secret", "new_password2": "Qiaomai-2026-secret"}
    )
    assert set_password.status_code == 302
    assert client.login(username=PENDING_APPLICATION_EMAIL, password="Qiaomai-2026-secret")
    assert client.get("/dashboard/cooperative/").status_code == 200
    assert client.get("/dashboard/cooperative/orders/").status_code == 200


def test_staff_rejects_with_a_reason(client, staff_user):
    application = CooperativeApplication.objects.create(
        name="测试合作社",
        county=County.objects.get(slug="libo"),
        credit_code=VALID_CODE,
        legal_representative="张三",
        phone="13700000000",
        email="reject-me@example.com",
        address="荔波",
        poor_households=3,
        business_licence="x.png",
    )
    client.force_login(staff_user)
    assert client.post(f"/dashboard/cooperative/applications/{application.pk}/reject/", {"reason": ""}).status_code == 302
    application.refresh_from_db()
    assert application.status == "pending"
    client.post(f"/dashboard/cooperative/applications/{application.pk}/reject/", {"reason": "营业执照照片不清晰"})
    application.refresh_from_db()
    assert application.status == "rejected" and application.partner is None
    assert mail.outbox[-1].to == ["reject-me@example.com"] and "营业执照照片不清晰" in mail.outbox[-1].body
    assert not get_user_model().objects.filter(email="reject-me@example.com").exists()


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_unapproved_applicants_cannot_log_into_the_dashboard(client, status):
    CooperativeApplication.objects.create(
        name="未通过合作社",
        county=County.objects.get(slug="libo"),
        credit_code=VALID_CODE,
        legal_representative="张三",
        phone="13700000000",
        email=f"{status}@example.com",
        address="荔波",
        poor_households=3,
        business_licence="x.png",
        status=status,
    )
    assert not client.login(username=f"{status}@example.com", password="qianhuo-demo-2026")
    response = client.post(
        "/shop/accounts/login/", {"login-username": f"{status}@example.com", "login-password": "qianhuo-demo-2026", "login_submit": "1"}
    )
    assert response.status_code == 200  # the form again, with an error
    dashboard = client.get("/dashboard/")
    assert dashboard.status_code == 302 and "login" in dashboard["Location"]


# --- public profile ------------------------------------------------------------------------
def test_public_profile(client):
    partner = Partner.objects.get(code="coop-weining")
    response = client.get("/cooperatives/coop-weining/")
    assert response.status_code == 200
    html = response.content.decode()
    assert partner.name in html
    assert partner.county.name in html and partner.county.paired_district.name in html
    assert "412户" in html
    assert sku_of("coop-weining").product.title in html
    assert sku_of("coop-duyun").product.title not in html
    assert client.get("/cooperatives/no-such-coop/").status_code == 404
    assert client.get("/en/cooperatives/coop-weining/").status_code == 200


def test_cooperative_edits_its_profile(client, cooperative_user):
    client.force_login(cooperative_user)
    partner = Partner.objects.get(code="coop-weining")
    assert client.get("/dashboard/cooperative/profile/").status_code == 302
    page = f"/dashboard/cooperative/profile/{partner.pk}/"
    assert client.get(page).status_code == 200
    bad = client.post(page, {"story": "x", "photo": SimpleUploadedFile("p.png", b"not a png")})
    assert bad.status_code == 400
    photo = SimpleUploadedFile("field.png", png_bytes(), content_type="image/png")
    assert client.post(page, {"story": "海拔2200米的草海边种洋芋。", "photo": photo, "caption": "洋芋地"}).status_code == 302
    html = client.get("/cooperatives/coop-weining/").content.decode()
    assert "海拔2200米的草海边种洋芋。" in html and "洋芋地" in html


# --- 2/3. isolation --------------------------------------------------------------------------
def test_cooperative_sees_only_its_own_lines_of_a_mixed_order(client, cooperative_user, mixed_order):
    client.force_login(cooperative_user)
    own, other = sku_of("coop-weining"), sku_of("coop-duyun")
    listing = client.get("/dashboard/cooperative/orders/?show=all").content.decode()
    assert mixed_order.number in listing and own.product.title in listing and other.product.title not in listing
    response = client.get(f"/dashboard/cooperative/orders/{mixed_order.number}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert own.product.title in html
    assert other.product.title not in html
    assert "天河路100号" in html and "李 收货人" in html
    assert "buyer-x@example.com" not in html and "账单街" not in html and "秘密人" not in html
    # Oscar's own order pages, which show everything, are closed to cooperatives.
    for oscar_page in ("/dashboard/orders/", f"/dashboard/orders/{mixed_order.number}/"):
        response = client.get(oscar_page)
        assert response.status_code == 302 and response.url == "/dashboard/cooperative/"


def test_cooperative_product_list_is_its_own(client, cooperative_user):
    client.force_login(cooperative_user)
    response = client.get("/dashboard/catalogue/", follow=True)
    assert response.redirect_chain[-1][0] == "/dashboard/cooperative/products/"
    html = response.content.decode()
    assert sku_of("coop-weining").product.title in html
    assert sku_of("coop-duyun").product.title not in html


def object_urls(order, line, product, record, statement, application, product_import) -> list[tuple[str, str]]:
    """Every dashboard URL that takes an object id, with the method a cooperative could use on it."""
    number = order.number
    return [
        ("get", f"/dashboard/catalogue/products/{product.pk}/"),
        ("post", f"/dashboard/catalogue/products/{product.pk}/"),
        ("get", f"/dashboard/catalogue/products/{product.pk}/delete/"),
        ("post", f"/dashboard/catalogue/products/{product.pk}/delete/"),
        ("get", f"/dashboard/catalogue/products/{product.pk}/create-variant/"),
        ("get", f"/dashboard/orders/{number}/"),
        ("post", f"/dashboard/orders/{number}/"),
        ("get", f"/dashboard/orders/{number}/lines/{line.pk}/"),
        ("get", f"/dashboard/orders/{number}/shipping-address/"),
        ("get", f"/dashboard/cooperative/orders/{number}/"),
        ("post", f"/dashboard/cooperative/orders/{number}/packages/"),
        ("get", f"/dashboard/cooperative/statements/{statement.pk}/"),
        ("get", f"/dashboard/cooperative/statements/{statement.pk}/export.csv"),
        ("get", f"/dashboard/cooperative/statements/{statement.pk}/export.xlsx"),
        ("post", f"/dashboard/cooperative/statements/{statement.pk}/paid/"),
        ("get", f"/dashboard/cooperative/applications/{application.pk}/"),
        ("get", f"/dashboard/cooperative/applications/{application.pk}/licence/"),
        ("post", f"/dashboard/cooperative/applications/{application.pk}/approve/"),
        ("post", f"/dashboard/cooperative/applications/{application.pk}/reject/"),
        ("get", f"/dashboard/cooperative/import/{product_import.pk}/"),
        ("post", f"/dashboard/cooperative/import/{product_import.pk}/apply/"),
        ("get", f"/dashboard/cooperative/export/{record.partner_id}/products.csv"),
        ("get", f"/dashboard/cooperative/export/{record.partner_id}/products.xlsx"),
        ("get", f"/dashboard/cooperative/profile/{record.partner_id}/"),
        ("post", f"/dashboard/cooperative/profile/{record.partner_id}/"),
        ("get", f"/dashboard/partners/{record.partner_id}/"),
    ]


@pytest.fixture
def duyun_objects():
    record = sku_of("coop-duyun")
    order = make_order("QH-DUYUN-ONLY", [(record.partner_sku, 1)])
    statement = Statement.objects.create(partner=record.partner, period=dt.date(2026, 1, 1), fee_percent=Decimal("5.00"))
    application = CooperativeApplication.objects.get(email=PENDING_APPLICATION_EMAIL)
    product_import = ProductImport.objects.create(
        partner=record.partner,
        filename="duyun.csv",
        rows=[
            {
                "number": 2,
                "sku": record.partner_sku,
                "title": "",
                "price": "1.00",
                "stock": 1,
                "description": "",
                "action": "update",
                "errors": [],
            }
        ],
    )
    return order, order.lines.get(), record.product, record, statement, application, product_import


def test_cooperative_cannot_reach_another_cooperatives_objects(client, cooperative_user, duyun_objects):
    record = duyun_objects[3]
    before = (record.price, record.num_in_stock, record.product.title)
    client.force_login(cooperative_user)
    for method, url in object_urls(*duyun_objects):
        data = {"carrier": "x", "tracking_number": "y", "reason": "x", "title": "hacked", "story": "hacked"} if method == "post" else None
        response = getattr(client, method)(url, data)
        # Oscar's own dashboard pages send a cooperative to the seller centre (never to the object).
        to_seller_centre = response.status_code == 302 and response.url in ("/dashboard/cooperative/", "/dashboard/cooperative/products/")
        assert response.status_code in (403, 404) or to_seller_centre, f"{method.upper()} {url} gave {response.status_code}"
    record.refresh_from_db()
    record.product.refresh_from_db()
    assert (record.price, record.num_in_stock, record.product.title) == before
    assert not Package.objects.filter(order=duyun_objects[0]).exists()
    assert Statement.objects.get(pk=duyun_objects[4].pk).status == "open"
    assert CooperativeApplication.objects.get(pk=duyun_objects[5].pk).status == "pending"
    assert CooperativeProfile.objects.get(partner=record.partner).story != "hacked"
    # The bulk action on another cooperative's product is refused too.
    client.post("/dashboard/catalogue/products/bulk-action/", {"action": "delete", "selected_product": [record.product_id]})
    assert get_model("catalogue", "Product").objects.filter(pk=record.product_id).exists()


def test_staff_see_every_object(client, staff_user, duyun_objects):
    client.force_login(staff_user)
    for method, url in object_urls(*duyun_objects):
        if method == "get" and not url.endswith("/create-variant/"):  # standalone demo products take no variants
            assert client.get(url).status_code == 200, url


def test_cooperative_cannot_move_another_cooperatives_stock_record_onto_its_product(client, cooperative_user):
    own, other = sku_of("coop-weining"), sku_of("coop-duyun")
    client.force_login(cooperative_user)
    page = client.get(f"/dashboard/catalogue/products/{own.product_id}/", follow=True)
    assert page.redirect_chain[-1][0] == f"/dashboard/cooperative/products/{own.pk}/"
    assert "partner" not in page.context["stock_form"].fields  # the record stays with its cooperative
    assert client.get(f"/dashboard/cooperative/products/{other.pk}/").status_code == 404


# --- 4. settlement -------------------------------------------------------------------------
def test_monthly_statement(client, staff_user, cooperative_user, duyun_user):
    placed = timezone.make_aware(dt.datetime(2025, 3, 15, 10, 0))
    own, other = sku_of("coop-weining"), sku_of("coop-duyun")
    order = make_order("QH-STMT-1", [(own.partner_sku, 3), (other.partner_sku, 1)], placed=placed)
    make_order("QH-STMT-2", [(own.partner_sku, 1)], placed=placed + dt.timedelta(days=30))  # April: not in March
    # March: one unit of the March order refunded line by line (the one refund service); a refund of a
    # February order belongs to February's statement, not March's.
    from stripe_payments.refunds import LineRefund, refund_order

    own_line = order.lines.get(partner__code="coop-weining")
    refund_order(
        order=order, key="stmt-march", lines=[LineRefund(line=own_line, quantity=1, amount=own.price, restock=False)], reason="破损"
    )
    february = make_order("QH-STMT-4", [(own.partner_sku, 2)], placed=placed - dt.timedelta(days=30))
    refund_order(order=february, key="stmt-february", amount=own.price, reason="迟到")

    client.force_login(staff_user)
    assert client.post("/dashboard/cooperative/statements/", {"month": "2025-03"}).status_code == 302
    statement = Statement.objects.get(partner__code="coop-weining", period=dt.date(2025, 3, 1))
    gross = own.price * 3
    fee = ((gross - own.price) * Decimal("0.05")).quantize(Decimal("0.01"))
    assert (statement.lines_count, statement.items_count) == (1, 3)
    assert statement.gross == gross and statement.refunds == own.price
    assert statement.fee == fee and statement.payable == gross - own.price - fee
    assert Statement.objects.filter(partner__code="coop-duyun", period=dt.date(2025, 3, 1)).exists()

    client.force_login(cooperative_user)
    listing = client.get("/dashboard/cooperative/statements/").content.decode()
    assert Partner.objects.get(code="coop-duyun").name not in listing
    assert client.post("/dashboard/cooperative/statements/", {"month": "2025-03"}).status_code == 403
    assert client.post(f"/dashboard/cooperative/statements/{statement.pk}/paid/").status_code == 403
    exported = client.get(f"/dashboard/cooperative/statements/{statement.pk}/export.csv")
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[1][0] == Partner.objects.get(code="coop-weining").name
    assert rows[2][0] == "QH-STMT-1" and rows[2][4] == "3"
    assert [str(statement.payable)] == [row[1] for row in rows if row and row[0] == "应付金额"]
    workbook = load_workbook(io.BytesIO(client.get(f"/dashboard/cooperative/statements/{statement.pk}/export.xlsx").content))
    assert any(row[0] == "QH-STMT-1" for row in workbook.active.iter_rows(values_only=True))

    client.force_login(staff_user)
    assert client.post(f"/dashboard/cooperative/statements/{statement.pk}/paid/").status_code == 302
    statement.refresh_from_db()
    assert statement.status == "paid" and statement.paid_at
    # A paid statement is frozen.
    make_order("QH-STMT-3", [(own.partner_sku, 5)], placed=placed)
    client.post("/dashboard/cooperative/statements/", {"month": "2025-03"})
    statement.refresh_from_db()
    assert statement.gross == gross


# --- 5. bulk import / export ---------------------------------------------------------------
def upload(client, name: str, content: bytes, partner=None):
    data = {"file": SimpleUploadedFile(name, content)}
    if partner is not None:
        data["partner"] = partner.pk
    return client.post("/dashboard/cooperative/import/", data)


def xlsx_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_import_gbk_csv_after_preview(client, cooperative_user):
    own = sku_of("coop-weining")
    partner = own.partner
    client.force_login(cooperative_user)
    assert client.get("/dashboard/cooperative/import/").status_code == 200
    content = (
        f"SKU,商品名称,单价,库存,描述\n{own.partner_sku},,66.60,321,\nWN-NEW-1,威宁苦荞茶 250g,39.00,50,高原苦荞 <b>焙制</b>\n".encode(
            "gbk"
        )
    )
    response = upload(client, "products.csv", content)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert "确认导入" in html and "威宁苦荞茶 250g" in html
    # The preview is a dry run: nothing written yet.
    own.refresh_from_db()
    assert own.num_in_stock != 321 and not StockRecord.objects.filter(partner_sku="WN-NEW-1").exists()
    applied = client.post(response["Location"] + "apply/")
    assert applied.status_code == 302
    own.refresh_from_db()
    assert (own.price, own.num_in_stock) == (Decimal("66.60"), 321)
    new = StockRecord.objects.select_related("product").get(partner_sku="WN-NEW-1")
    assert new.partner == partner and new.product.origin_county == partner.county and new.price == Decimal("39.00")
    assert "&lt;b&gt;" in new.product.description  # plain text, never raw HTML
    # Applying twice does nothing more.
    client.post(response["Location"] + "apply/")
    assert StockRecord.objects.filter(partner_sku="WN-NEW-1").count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("SKU,名称,价格\nA,b,1\n", "表头应为"),
        ("SKU,商品名称,单价,库存\n{own},,10,-5\n", "第 2 行：库存不能为负数"),
        ("SKU,商品名称,单价,库存\nNO-SUCH-SKU,,10,5\n", "第 2 行：未知 SKU"),
        ("SKU,商品名称,单价,库存\n{own},,10,5\n{own},,11,6\n", "第 3 行：与第 2 行的 SKU 重复"),
        ("SKU,商品名称,单价,库存\n{own},,abc,5\n", "第 2 行：单价“abc”无效"),
        ("SKU,商品名称,单价,库存\n{other},,10,5\n", "第 2 行：SKU 已被其他合作社使用"),
    ],
    ids=["columns", "negative-stock", "unknown-sku", "duplicate", "bad-price", "other-coop-sku"],
)
def test_import_bad_rows_import_nothing(client, cooperative_user, content, message):
    own, other = sku_of("coop-weining"), sku_of("coop-duyun")
    before = list(StockRecord.objects.order_by("pk").values_list("pk", "price", "num_in_stock"))
    client.force_login(cooperative_user)
    # A good row next to the bad ones must not be written either.
    content = content.format(own=own.partner_sku, other=other.partner_sku) + f"{own.partner_sku}-OK,好商品,1,1\n"
    response = upload(client, "bad.csv", content.encode("utf-8"))
    if response.status_code == 400:
        html = response.content.decode()
    else:
        html = client.get(response["Location"]).content.decode()
        assert "确认导入" not in html
        assert client.post(response["Location"] + "apply/").status_code == 302
    assert message in html
    assert list(StockRecord.objects.order_by("pk").values_list("pk", "price", "num_in_stock")) == before


@pytest.mark.parametrize(
    ("name", "content"),
    [("x.xlsx", b"PK\x03\x04 not really a zip"), ("x.txt", b"SKU\n"), ("x.csv", b"\xff\xfe\x00\x00garbage\x81"), ("x.csv", b"")],
    ids=["corrupt-xlsx", "wrong-type", "bad-encoding", "empty"],
)
def test_import_unreadable_files(client, cooperative_user, name, content):
    client.force_login(cooperative_user)
    response = upload(client, name, content)
    assert response.status_code == 400
    assert "file" in response.context["form"].errors


def test_import_excel_and_export_round_trip(client, cooperative_user):
    own = sku_of("coop-weining")
    client.force_login(cooperative_user)
    exported = client.get(f"/dashboard/cooperative/export/{own.partner_id}/products.xlsx")
    assert exported.status_code == 200
    rows = [list(row) for row in load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True)]
    assert rows[0] == ["SKU", "商品名称", "英文名称", "单价", "库存", "描述", "英文描述"]
    skus = [row[0] for row in rows[1:]]
    assert own.partner_sku in skus and sku_of("coop-duyun").partner_sku not in skus
    for row in rows[1:]:
        row[4] = 77
    response = upload(client, "products.xlsx", xlsx_bytes(rows))
    assert response.status_code == 302
    client.post(response["Location"] + "apply/")
    assert set(StockRecord.objects.filter(partner=own.partner).values_list("num_in_stock", flat=True)) == {77}
    csv_export = client.get(f"/dashboard/cooperative/export/{own.partner_id}/products.csv")
    assert csv_export.content.decode("utf-8-sig").startswith("SKU,商品名称,英文名称,单价,库存,描述,英文描述")
    # Another cooperative's export and imports are out of reach.
    assert client.get(f"/dashboard/cooperative/export/{sku_of('coop-duyun').partner_id}/products.csv").status_code == 404


def test_imports_of_another_cooperative_are_out_of_reach(client, cooperative_user, duyun_user, staff_user):
    client.force_login(duyun_user)
    other = sku_of("coop-duyun")
    response = upload(client, "duyun.csv", f"SKU,商品名称,单价,库存\n{other.partner_sku},,12.00,9\n".encode())
    detail = response["Location"]
    client.force_login(cooperative_user)
    assert client.get(detail).status_code == 404
    assert client.post(detail + "apply/").status_code == 404
    # ...nor can a cooperative import into another cooperative by naming it.
    refused = upload(client, "x.csv", f"SKU,商品名称,单价,库存\n{other.partner_sku},,1,1\n".encode(), partner=other.partner)
    assert refused.status_code == 400 and "partner" in refused.context["form"].errors
    client.force_login(staff_user)
    assert client.get(detail).status_code == 200


def test_dashboard_navigation(client, cooperative_user, staff_user):
    client.force_login(cooperative_user)
    response = client.get("/dashboard/", follow=True)
    assert response.redirect_chain[-1][0] == "/dashboard/cooperative/"
    html = response.content.decode()
    assert "/dashboard/cooperative/orders/" in html and "/dashboard/cooperative/import/" in html
    assert "/dashboard/cooperative/applications/" not in html and 'href="/dashboard/orders/"' not in html
    assert client.get("/dashboard/cooperative/applications/").status_code == 403
    client.force_login(staff_user)
    html = client.get("/dashboard/").content.decode()
    assert "/dashboard/cooperative/applications/" in html and "/dashboard/cooperative/statements/" in html


def test_cooperative_product_form_has_the_origin_county(client, cooperative_user):
    client.force_login(cooperative_user)
    page = client.get("/dashboard/cooperative/products/new/")
    assert page.status_code == 200
    assert page.context["form"]["origin_county"].value() == County.objects.get(slug="weining").pk
    own = sku_of("coop-weining")
    edit = client.get(f"/dashboard/cooperative/products/{own.pk}/")
    assert edit.context["form"]["origin_county"].value() == own.product.origin_county_id


@pytest.mark.django_db
def test_public_profile_costs_no_query_per_product(client):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = "/cooperatives/coop-weining/"
    client.get(url)  # thumbnails rendered once
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    call_command("seed_demo", products=120, verbosity=0)  # some of them are Weining's
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["products"]) > 6
    assert len(many.captured_queries) == len(few.captured_queries)
