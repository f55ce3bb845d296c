"""The rest of issue #12 from outside, as an attacker would try it: SKU squatting, private
documents, login throttling, floods of public forms, import bounds, security headers, logout by
GET, tour departures made by cooperatives, image bombs."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from oscar.core.loading import get_model
from PIL import Image

from cooperatives import importing
from cooperatives.models import CooperativeApplication
from core.uploads import validate_image
from tests.test_cooperatives import application_data, png_bytes
from traceability.models import Certificate
from wholesale.models import BusinessAccount

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")
ProductClass = get_model("catalogue", "ProductClass")
User = get_user_model()


def weining_record():
    return StockRecord.objects.filter(partner__code="coop-weining").select_related("product", "partner").order_by("pk").first()


def duyun_partner():
    return get_model("partner", "Partner").objects.get(code="coop-duyun")


# --- 5. SKU squatting ------------------------------------------------------------------------
def test_a_cooperative_cannot_take_another_cooperatives_sku_in_any_case():
    original = weining_record()
    squat = StockRecord(product=original.product, partner=duyun_partner(), partner_sku=original.partner_sku.lower(), price=1)
    with pytest.raises(ValidationError) as error:
        squat.validate_constraints()
    assert "全平台唯一" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        squat.save()


def test_an_import_cannot_squat_a_sku(client):
    original = weining_record()
    content = f"SKU,商品名称,单价,库存\r\n{original.partner_sku.lower()},便宜货,1.00,5\r\n".encode()
    rows = importing.validate(importing.parse("squat.csv", content), duyun_partner())
    assert rows[0].errors == ["SKU 已被其他合作社使用。"]


def test_quick_order_resolves_a_sku_to_its_one_seller(client):
    from wholesale.quick_order import check_rows

    original = weining_record()
    buyer = User.objects.get(username="buyer")
    basket = get_model("basket", "Basket").objects.create(owner=buyer)
    from partner.strategy import Selector

    result = check_rows([(1, [original.partner_sku, "1"])], strategy=Selector().strategy(user=buyer), basket=basket)
    assert [row.stockrecord.partner_id for row in result.rows] == [original.partner_id]


# --- 7. private documents ---------------------------------------------------------------------
def test_licences_and_scans_live_on_the_private_storage_under_random_names():
    account = BusinessAccount.objects.exclude(licence="").first()
    certificate = Certificate.objects.exclude(document="").first()
    application = CooperativeApplication.objects.exclude(business_licence="").first()
    for field in (account.licence, certificate.document, application.business_licence):
        assert field.storage is not None and Path(field.storage.location) == Path(settings.PRIVATE_MEDIA_ROOT)
        assert not (Path(settings.MEDIA_ROOT) / field.name).exists()
        assert "licence" not in Path(field.name).stem and "demo" not in field.name
        assert len(Path(field.name).stem) == 32


def test_a_buyers_licence_is_served_only_to_that_buyer_and_staff(client, consumer_user, staff_user):
    account = BusinessAccount.objects.exclude(licence="").select_related("user").first()
    url = f"/wholesale/accounts/{account.pk}/licence/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(consumer_user)
    assert client.get(url).status_code == 404
    client.force_login(account.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert "private" in response["Cache-Control"]
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_a_certificate_scan_is_served_only_to_its_cooperative_and_staff(client, staff_user):
    certificate = Certificate.objects.exclude(document="").select_related("cooperative").first()
    owner = certificate.cooperative.users.first()
    stranger = User.objects.filter(partners__isnull=False).exclude(partners=certificate.cooperative).first()
    url = f"/dashboard/traceability/certificates/{certificate.pk}/scan/"
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 200
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


# --- 8. login throttling ------------------------------------------------------------------------
def shop_login(client, email, password, prefix=""):
    return client.post(f"{prefix}/shop/accounts/login/", {"login-username": email, "login-password": password, "login_submit": "1"})


def test_fifty_wrong_passwords_then_the_right_one_does_not_log_in(client, consumer_user):
    consumer_user.set_password("Correct-Horse-2026")
    consumer_user.save()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        shop_login(client, consumer_user.email, "wrong-password")
    response = shop_login(client, consumer_user.email, "Correct-Horse-2026")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_message_is_in_english_on_the_english_site(client, consumer_user):
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = shop_login(client, consumer_user.email, "wrong-password", prefix="/en")
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()


def test_one_ip_guessing_many_accounts_is_throttled(client):
    for number in range(settings.AXES_FAILURE_LIMIT):
        shop_login(client, f"nobody{number}@example.com", "wrong-password")
    assert shop_login(client, "someone-else@example.com", "wrong-password").status_code == 429


def test_a_forged_forwarded_for_header_does_not_reset_the_per_ip_count(client):
    """No proxy in front (PROXY_COUNT=0): a new X-Forwarded-For on every guess is still one IP."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post("/shop/accounts/login/", {"login-username": f"nobody{number}@example.com", "login-password": "x", "login_submit": "1"},
                    HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    response = client.post("/shop/accounts/login/", {"login-username": "other@example.com", "login-password": "x", "login_submit": "1"},
                           HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 429


def test_behind_one_proxy_the_client_is_the_address_the_proxy_saw(settings):
    """nginx appends the address it saw: "<whatever the client wrote>, <client>"; only that last one counts."""
    from django.test import RequestFactory

    from core.security import client_ip

    settings.PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "203.0.113.5"
    settings.PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"


def test_behind_a_proxy_two_shoppers_are_counted_apart(client, settings):
    """Every request arrives from the proxy's address; a flood from one shopper does not lock out the next."""
    settings.PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post("/shop/accounts/login/", {"login-username": f"nobody{number}@example.com", "login-password": "x", "login_submit": "1"},
                    HTTP_X_FORWARDED_FOR="203.0.113.5")
    flooded = client.post("/shop/accounts/login/", {"login-username": "a@example.com", "login-password": "x", "login_submit": "1"},
                          HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = Client().post("/shop/accounts/login/", {"login-username": "b@example.com", "login-password": "x", "login_submit": "1"},
                          HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert (flooded.status_code, other.status_code) == (429, 200)


@pytest.mark.parametrize("url", ["/django-admin/login/", "/cms-admin/login/"])
def test_the_admin_logins_are_throttled_too(client, staff_user, url):
    staff_user.set_password("Staff-Right-2026")
    staff_user.save()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": staff_user.username, "password": "wrong"})
    response = client.post(url, {"username": staff_user.username, "password": "Staff-Right-2026"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# --- 9. floods of public forms ------------------------------------------------------------------
def test_one_ip_cannot_flood_cooperative_applications(client):
    statuses = []
    for number in range(6):
        data = application_data(email=f"flood{number}@example.com", credit_code="x")
        statuses.append(client.post("/cooperatives/apply/", data).status_code)
    assert statuses[:5] == [400] * 5 and statuses[5] == 429
    other_ip = client.post("/cooperatives/apply/", application_data(credit_code="x"), REMOTE_ADDR="10.9.8.7")
    assert other_ip.status_code == 400  # another visitor is not blocked


def test_a_bot_filling_the_honeypot_creates_nothing(client):
    before = CooperativeApplication.objects.count()
    response = client.post("/cooperatives/apply/", {**application_data(), "qhjs_hp_note": "http://spam.example"})
    assert response.status_code == 429
    assert CooperativeApplication.objects.count() == before and not mail.outbox


def test_the_application_form_carries_the_hidden_honeypot(client):
    html = client.get("/cooperatives/apply/").content.decode()
    assert 'name="qhjs_hp_note"' in html and 'aria-hidden="true"' in html


def test_an_application_may_not_carry_more_than_the_total_upload_cap(client):
    size = 9 * 1024 * 1024  # each under the per-file limit, together over the cap
    big = [SimpleUploadedFile(f"cert{n}.pdf", b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf") for n in range(2)]
    licence = SimpleUploadedFile("licence.pdf", b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf")
    before = CooperativeApplication.objects.count()
    response = client.post("/cooperatives/apply/", application_data(business_licence=licence, certificates=big))
    assert response.status_code == 400
    assert "超过每份申请" in response.content.decode()
    assert CooperativeApplication.objects.count() == before


def test_one_ip_cannot_flood_group_inquiries(client):
    from tourism.models import GroupInquiryPage

    page = GroupInquiryPage.objects.get(locale__language_code="zh-hans", slug="group-inquiry")
    names = {field.label: field.clean_name for field in page.get_form_fields()}
    data = {names["联系人"]: "林先生", names["手机"]: "13800000000", names["团队人数"]: "35", names["意向线路"]: "荔波小七孔"}
    # a new forged X-Forwarded-For on every post is still one IP (no proxy is configured)
    statuses = [client.post("/tourism/group-inquiry/", data, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(7)]
    assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}
    assert len(mail.outbox) == 5


# --- 11. import numeric bounds ------------------------------------------------------------------
@pytest.mark.parametrize("stock", ["99999999999999999999999", "3000000000"])
def test_an_import_with_stock_beyond_the_database_is_refused_at_preview(stock):
    partner = weining_record().partner
    rows = importing.validate(importing.parse("big.csv", f"SKU,商品名称,单价,库存\r\nWN-HUGE-1,洋芋,1.00,{stock}\r\n".encode()), partner)
    assert any("过大" in error for error in rows[0].errors)


def test_an_import_with_a_price_beyond_the_database_is_refused_at_preview():
    partner = weining_record().partner
    rows = importing.validate(importing.parse("big.csv", "SKU,商品名称,单价,库存\r\nWN-HUGE-2,洋芋,99999999999.00,1\r\n".encode()), partner)
    assert rows[0].errors


# --- 12. headers, logout, tour departures -------------------------------------------------------
def test_pages_carry_a_content_security_policy_and_a_permissions_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    script_src = policy.split("script-src")[1].split(";")[0]
    assert "'self'" in script_src and "unsafe-inline" not in script_src and "object-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_shopper_pages_have_no_inline_script(client):
    import re

    product = weining_record().product
    for url in ("/", product.get_absolute_url(), "/cooperatives/apply/", "/shop/basket/"):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or "application/ld+json" in tag or "application/json" in tag, (url, tag)
        assert not re.search(r"\son[a-z]+=", html), url


def test_logout_is_post_only(client, consumer_user):
    client.force_login(consumer_user)
    assert 'action="/shop/accounts/logout/"' in client.get("/").content.decode()
    assert client.get("/shop/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session  # an <img src=…/logout/> elsewhere logs nobody out
    response = client.post("/shop/accounts/logout/")
    assert response.status_code == 302 and "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/shop/accounts/", "/shop/accounts/orders/", "/shop/accounts/addresses/",
                                  "/shop/accounts/change-password/"])
def test_every_account_page_offers_logout_in_the_page_itself(client, consumer_user, path):
    """On a phone the header's account tools are hidden: 我的 (the tab bar's target) and its pages
    carry 退出登录 in the page body, as a POST form."""
    client.force_login(consumer_user)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    main = response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]
    logout = main.split('class="account-logout"', 1)[1]
    assert 'action="/shop/accounts/logout/"' in logout and "退出登录" in logout and 'method="post"' in logout


def test_a_cooperative_cannot_create_a_tour_departure_product(client, cooperative_user, staff_user):
    from tourism.booking import DEPARTURE_PRODUCT_CLASS

    tour_class = ProductClass.objects.get(name=DEPARTURE_PRODUCT_CLASS)
    url = f"/dashboard/catalogue/products/create/{tour_class.slug}/"
    client.force_login(cooperative_user)
    before = get_model("catalogue", "Product").objects.filter(product_class=tour_class).count()
    assert client.get(url).status_code != 200
    client.post(url, {"title": "假团期", "stockrecords-TOTAL_FORMS": "0"})
    assert get_model("catalogue", "Product").objects.filter(product_class=tour_class).count() == before
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


# --- 10. image bombs ----------------------------------------------------------------------------
def bomb_png(size=(12000, 12000)) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, format="PNG")  # 144 megapixels in a few KB
    return buffer.getvalue()


def test_the_image_validator_refuses_a_decompression_bomb_fakes_and_other_formats():
    validate_image(SimpleUploadedFile("photo.png", png_bytes()))
    for name, content, message in [
        ("bomb.png", bomb_png(), "像素过多"),
        ("photo.jpg", png_bytes(), "格式与扩展名不符"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"junk" * 20, "已损坏"),
        ("photo.svg", b"<svg onload=alert(1)>", "不支持的文件类型"),
    ]:
        with pytest.raises(ValidationError, match=message):
            validate_image(SimpleUploadedFile(name, content))


def test_oscars_product_image_form_refuses_a_bomb():
    from dashboard.catalogue.forms import ProductImageForm

    upload = SimpleUploadedFile("bomb.png", bomb_png(), content_type="image/png")
    form = ProductImageForm(data={"images-0-display_order": "0"}, files={"images-0-original": upload}, prefix="images-0")
    assert not form.is_valid()
    assert "像素过多" in str(form.errors)
