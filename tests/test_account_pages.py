"""我的: the shopper's account pages are ours, in Chinese and English — profile, password, the address
book on checkout's Chinese address form (its default is what checkout preselects), notifications and
the password-reset pages — and none of Oscar's machine Chinese shows through."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from oscar.core.loading import get_model

from tests.checkout_helpers import GUANGZHOU_ADDRESS, add_to_basket, two_cooperatives_products

UserAddress = get_model("address", "UserAddress")
Notification = get_model("communication", "Notification")

pytestmark = pytest.mark.django_db

# Oscar's zh_Hans (and English) for the stock account templates we replaced: none may show.
OSCAR_WORDS = (
    "地址簿",
    "添加新地址",
    "设置为默认帐单地址",
    "默认账单地址",
    "删除用户资料",
    "注册日期",
    "您确定要删除这个地址码",
    "没有要显示的通知",
    "与选定的项目",
    "修改我的密码",
    "输入一个新的密码",
    "请确认你的密码来删除自己资料",
    "返回通知收件箱",
    "发送重置邮件",
    "忘记密码了？请在下面输入",
    "登陆",
    "Address Book",
    "Add a new address",
    "Date registered",
    "With selected items",
    "Set as default billing address",
)


def address_book_form(**overrides) -> dict:
    data = {key: value for key, value in GUANGZHOU_ADDRESS.items() if key != "notes"}
    data.update(overrides)
    return data


@pytest.fixture
def shopper(client, consumer_user):
    client.force_login(consumer_user)
    return client


@pytest.fixture
def saved_address(consumer_user):
    return UserAddress.objects.create(
        user=consumer_user,
        last_name="陈小姐",
        phone_number="+8613812345678",
        state="广东省",
        line4="广州市",
        line3="天河区",
        line1="天河路385号太古汇写字楼2座",
        postcode="510620",
        country_id="CN",
    )


def page_text(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


# (path, our Chinese, our English) — each page a logged-in shopper reaches from 我的.
ACCOUNT_PAGES = [
    ("/shop/accounts/addresses/", ("收货地址", "新增收货地址", "设为默认"), ("Delivery address", "Add a delivery address", "Make default")),
    (
        "/shop/accounts/addresses/add/",
        ("新增收货地址", "收货人", "手机号码", "省份", "城市", "区/县", "详细地址", "设为默认收货地址", "保存地址"),
        ("Add a delivery address", "Save address", "Make this my default delivery address"),
    ),
    (
        "/shop/accounts/addresses/{pk}/",
        ("编辑收货地址", "陈小姐", 'value="13812345678"', 'value="天河区"'),
        ("Edit delivery address", "Save address"),
    ),
    (
        "/shop/accounts/addresses/{pk}/delete/",
        ("删除该地址？", "删除后不影响已下的订单。", "确认删除"),
        ("Delete this address?", "Orders you have already placed keep their address."),
    ),
    (
        "/shop/accounts/profile/",
        ("个人资料", "姓名", "电子邮箱", "注册时间", "编辑资料", "注销账户", "consumer@example.com"),
        ("Profile", "Member since", "Edit profile", "Close account"),
    ),
    ("/shop/accounts/profile/edit/", ("编辑资料", "修改电子邮箱后"), ("Edit profile", "If you change your e-mail address")),
    (
        "/shop/accounts/profile/delete/",
        ("注销账户", "注销后无法恢复。", "请输入登录密码以确认注销。", "确认注销"),
        ("Close account", "Closing your account cannot be undone.", "Close my account"),
    ),
    ("/shop/accounts/change-password/", ("修改密码", "确认修改"), ("Change password",)),
    (
        "/shop/accounts/notifications/inbox/",
        ("消息通知", "收件箱", "已归档", "暂时没有新消息"),
        ("Notifications", "Inbox", "Archived", "No new messages"),
    ),
    ("/shop/accounts/notifications/archive/", ("消息通知", "没有已归档的消息。"), ("Notifications", "No archived messages.")),
]


@pytest.mark.parametrize("path, chinese, english", ACCOUNT_PAGES, ids=[page[0] for page in ACCOUNT_PAGES])
def test_each_account_page_speaks_our_chinese_and_our_english(shopper, saved_address, path, chinese, english):
    path = path.format(pk=saved_address.pk)
    page = page_text(shopper.get(path))
    for words in chinese:
        assert words in page, words
    for words in OSCAR_WORDS:
        assert words not in page, words

    english_page = page_text(shopper.get(f"/en{path}"))
    for words in english:
        assert words in english_page, words
    for words in OSCAR_WORDS:
        assert words not in english_page, words
    assert f'class="page-title">{chinese[0]}' not in english_page


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_password_reset_pages_are_ours(client, consumer_user, prefix):
    page = page_text(client.get(f"{prefix}/shop/password-reset/"))
    assert ("找回密码" if not prefix else "Forgotten password") in page
    response = client.post(f"{prefix}/shop/password-reset/", {"email": "consumer@example.com"})
    assert response.status_code == 302 and response["Location"].endswith("/shop/password-reset/done/")
    assert ("邮件已发送" if not prefix else "E-mail sent") in page_text(client.get(response["Location"]))

    page = page_text(client.get(f"{prefix}/shop/password-reset/confirm/bad/bad-token/"))
    assert ("链接已失效" if not prefix else "Link no longer valid") in page

    uid = urlsafe_base64_encode(force_bytes(consumer_user.pk))
    token = default_token_generator.make_token(consumer_user)
    response = client.get(f"{prefix}/shop/password-reset/confirm/{uid}/{token}/", follow=True)
    page = page_text(response)
    assert ("设置新密码" if not prefix else "Set a new password") in page and 'name="new_password2"' in page

    page = page_text(client.get(f"{prefix}/shop/password-reset/complete/"))
    assert ("密码已重设" if not prefix else "Password reset") in page
    for words in OSCAR_WORDS:
        assert words not in page


def test_adding_an_address_saves_province_city_district_and_mobile(shopper, consumer_user):
    response = shopper.post("/shop/accounts/addresses/add/", address_book_form(is_default_for_shipping="on"))
    assert response.status_code == 302 and response["Location"].endswith("/shop/accounts/addresses/")
    address = UserAddress.objects.get(user=consumer_user)
    assert (address.last_name, address.state, address.line4, address.line3, address.line1) == (
        "陈小姐",
        "广东省",
        "广州市",
        "天河区",
        "天河路385号太古汇写字楼2座",
    )
    assert str(address.phone_number) == "+8613812345678"  # typed as "138 1234 5678"
    assert address.country.iso_3166_1_a2 == "CN" and address.is_default_for_shipping

    page = page_text(shopper.get(response["Location"]))
    assert "已保存收货地址。" in page and "天河路385号太古汇写字楼2座" in page and "13812345678" in page


@pytest.mark.parametrize(
    "overrides, error",
    [
        ({"mobile": "12345"}, "请输入11位中国大陆手机号码"),
        ({"district": "浦东新区"}, "请选择广州市的一个区"),
        ({"name": ""}, "form-group--name has-error"),
    ],
    ids=["bad-mobile", "district-not-in-guangzhou", "no-recipient"],
)
def test_bad_address_input_is_a_clear_form_error_and_saves_nothing(shopper, consumer_user, overrides, error):
    response = shopper.post("/shop/accounts/addresses/add/", address_book_form(**overrides))
    page = page_text(response)
    assert error in page and "field-error" in page
    assert GUANGZHOU_ADDRESS["street"] in page  # nothing typed is lost
    assert not UserAddress.objects.filter(user=consumer_user).exists()


def test_the_same_address_twice_is_refused_in_our_words(shopper, saved_address):
    page = page_text(shopper.post("/shop/accounts/addresses/add/", address_book_form()))
    assert "这个地址已经在您的收货地址里了" in page
    assert UserAddress.objects.filter(user=saved_address.user).count() == 1


def test_editing_an_address_keeps_it_chinese(shopper, saved_address):
    response = shopper.post(
        f"/shop/accounts/addresses/{saved_address.pk}/", address_book_form(district="越秀区", mobile="+86 139 0000 1111")
    )
    assert response.status_code == 302
    saved_address.refresh_from_db()
    assert saved_address.line3 == "越秀区" and str(saved_address.phone_number) == "+8613900001111"
    assert "已更新收货地址。" in page_text(shopper.get(response["Location"]))


def test_the_default_address_is_what_checkout_preselects(shopper, consumer_user, saved_address):
    shopper.post("/shop/accounts/addresses/add/", address_book_form(street="中山五路219号", district="越秀区"))
    office = UserAddress.objects.get(user=consumer_user, line1="中山五路219号")
    saved_address.is_default_for_shipping = True
    saved_address.save()

    assert shopper.get(f"/shop/accounts/addresses/{office.pk}/default_for_shipping/").status_code == 405  # a GET writes nothing
    response = shopper.post(f"/shop/accounts/addresses/{office.pk}/default_for_shipping/")
    assert response.status_code == 302
    office.refresh_from_db()
    saved_address.refresh_from_db()
    assert office.is_default_for_shipping and not saved_address.is_default_for_shipping
    assert "已设为默认收货地址。" in page_text(shopper.get(response["Location"]))

    add_to_basket(shopper, two_cooperatives_products()[0])
    response = shopper.get("/shop/checkout/confirm/")
    assert response.context["chosen_address"] == str(office.pk)
    assert f'name="address_id" value="{office.pk}" checked' in page_text(response)


def test_another_shoppers_address_cannot_be_opened_changed_or_deleted(shopper, django_user_model):
    other = django_user_model.objects.get(username="buyer")
    theirs = UserAddress.objects.create(
        user=other,
        last_name="李先生",
        phone_number="+8613700000000",
        state="广东省",
        line4="广州市",
        line3="海珠区",
        line1="新港中路1号",
        country_id="CN",
    )
    base = f"/shop/accounts/addresses/{theirs.pk}"
    assert shopper.get(f"{base}/").status_code == 404
    assert shopper.post(f"{base}/", address_book_form()).status_code == 404
    assert shopper.get(f"{base}/delete/").status_code == 404
    assert shopper.post(f"{base}/delete/").status_code == 404
    assert shopper.post(f"{base}/default_for_shipping/").status_code == 404
    assert "李先生" not in page_text(shopper.get("/shop/accounts/addresses/"))
    theirs.refresh_from_db()
    assert theirs.line1 == "新港中路1号" and not theirs.is_default_for_shipping


def test_deleting_an_address_asks_first_then_removes_it(shopper, saved_address):
    assert UserAddress.objects.filter(pk=saved_address.pk).exists()
    response = shopper.post(f"/shop/accounts/addresses/{saved_address.pk}/delete/")
    assert response.status_code == 302
    assert not UserAddress.objects.filter(pk=saved_address.pk).exists()
    assert "已删除收货地址。" in page_text(shopper.get(response["Location"]))


def test_text_the_shopper_typed_is_shown_escaped(shopper, consumer_user):
    script = "<script>alert(1)</script>"
    response = shopper.post("/shop/accounts/addresses/add/", address_book_form(name=f"陈{script}", street=f"天河路1号{script}"))
    assert response.status_code == 302
    address = UserAddress.objects.get(user=consumer_user)
    for path in ("/shop/accounts/addresses/", f"/shop/accounts/addresses/{address.pk}/", f"/shop/accounts/addresses/{address.pk}/delete/"):
        page = page_text(shopper.get(path))
        assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path


def test_notifications_are_listed_escaped_and_archived_by_a_post(shopper, consumer_user):
    note = Notification.objects.create(
        recipient=consumer_user, subject="威宁洋芋<script>alert(1)</script>到货了", body="<img src=x onerror=alert(1)>快来买"
    )
    page = page_text(shopper.get("/shop/accounts/notifications/inbox/"))
    assert "威宁洋芋" in page and "未读" in page and "<script>alert(1)" not in page

    detail = page_text(shopper.get(f"/shop/accounts/notifications/{note.pk}/"))
    assert "快来买" in detail and "<img src=x" not in detail and "返回消息通知" in detail

    response = shopper.post("/shop/accounts/notifications/update/", {"selected_notification": note.pk, "action": "archive"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.location == Notification.ARCHIVE
    assert "已归档 1 条消息。" in page_text(shopper.get("/shop/accounts/notifications/archive/"))


def test_change_password_marks_its_own_account_link(shopper):
    page = page_text(shopper.get("/shop/accounts/change-password/"))
    assert 'href="/shop/accounts/change-password/" aria-current="page"' in page
    assert 'href="/shop/accounts/profile/" aria-current="page"' not in page


def test_oscar_messages_on_the_account_path_are_ours(shopper, consumer_user):
    response = shopper.post(
        "/shop/accounts/profile/edit/",
        {"first_name": consumer_user.first_name, "last_name": consumer_user.last_name, "email": "consumer@example.com"},
    )
    assert response.status_code == 302
    assert "个人资料已保存。" in page_text(shopper.get(response["Location"]))


def test_account_pages_need_a_login():
    anonymous = Client()
    for path in (
        "/shop/accounts/addresses/",
        "/shop/accounts/addresses/add/",
        "/shop/accounts/profile/",
        "/shop/accounts/notifications/inbox/",
    ):
        response = anonymous.get(path)
        assert response.status_code == 302 and "/shop/accounts/login/" in response["Location"], path
