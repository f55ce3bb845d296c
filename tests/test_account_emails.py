"""The mails Oscar sends a shopper about their account are ours: password reset, password changed,
e-mail changed, welcome, back-in-stock alerts — in the language of the page that triggered them,
with none of Oscar's stock sentences (English or its zh_Hans) left, and a buyer on invoice gets
one confirmation of an order, not two."""

import re

import pytest
from django.core import mail
from oscar.core.loading import get_class, get_model

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductAlert = get_model("customer", "ProductAlert")
AlertsDispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")

PASSWORD = "Qianhuo-2026-kuqiao"

# What Oscar's stock templates say, in English and in Oscar's zh_Hans: none may reach a shopper.
OSCAR_SENTENCES = (
    "You're receiving this",
    "Thanks for using our site",
    "Thank you for registering",
    "Please go to the following page",
    "Otherwise, you can ignore this email",
    "If it wasn't you who changed it",
    "We are happy to inform you",
    "Somebody (hopefully you)",
    "Confirmation of order",
    "We are pleased to confirm your order",
    "感谢您使用我们的网站",
    "感谢您注册使用",
    "之所以收到此邮件",
    "您收到此邮件是因为",
    "您收到这封邮件是因为",
    "请转到以下页面并选择一个新密码",
    "否则，您可以忽略此邮件",
    "如果不是您更改的，请立即重设密码",
    "库存警报需要确认",
    "确认订单",
    "团队",
)


def parts(message) -> tuple[str, str]:
    """The plain-text body and the HTML alternative of a mail."""
    html = "".join(content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html")
    return message.body, html


def assert_ours(message) -> None:
    text, html = parts(message)
    for words in OSCAR_SENTENCES:
        for part in (message.subject, text, html):
            assert words not in part, (words, message.subject)
    assert "\n" not in message.subject and message.subject == message.subject.strip()


def link_in(text: str, path_start: str) -> str:
    """The path of the first absolute link in text whose path starts with path_start."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path_start)}[^\s<\"]*)", text)
    assert match, text
    return match.group(1)


@pytest.fixture
def shopper_with_password(consumer_user):
    # The demo users have no usable password outside DEBUG, and Django mails no reset link to those.
    consumer_user.set_password(PASSWORD)
    consumer_user.save()
    return consumer_user


def test_password_reset_mail_is_ours_in_chinese_with_a_link_that_sets_a_new_password(client, shopper_with_password):
    mail.outbox.clear()
    response = client.post("/shop/password-reset/", {"email": "consumer@example.com"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["consumer@example.com"]
    assert message.subject.startswith("【") and "重设登录密码" in message.subject
    text, html = parts(message)
    assert "我们收到了重设您" in text and "链接只能使用一次" in text and "本邮件由系统自动发出" in text
    assert "设置新密码" in html and "请点击下面的按钮设置新密码" in html
    assert_ours(message)

    path = link_in(text, "/shop/password-reset/confirm/")
    assert path in html
    page = client.get(path, follow=True)
    assert page.status_code == 200 and 'name="new_password2"' in page.content.decode()
    response = client.post(page.redirect_chain[-1][0], {"new_password1": "Zunyi-Hongyou-88", "new_password2": "Zunyi-Hongyou-88"})
    assert response.status_code == 302
    shopper_with_password.refresh_from_db()
    assert shopper_with_password.check_password("Zunyi-Hongyou-88")


def test_password_reset_asked_on_the_english_site_is_mailed_in_english(client, shopper_with_password):
    mail.outbox.clear()
    client.post("/en/shop/password-reset/", {"email": "consumer@example.com"})
    (message,) = mail.outbox
    text, html = parts(message)
    assert "Reset your password" in message.subject
    assert "We received a request to reset the password" in text and "Hello " in text
    assert "This e-mail was sent automatically" in text
    assert "Click the button below" in html and "Set a new password" in html and '<html lang="en">' in html
    for chinese in ("重设", "您好", "本邮件", "敬上"):
        assert chinese not in message.subject + text + html
    assert_ours(message)
    path = link_in(text, "/en/shop/password-reset/confirm/")
    assert 'name="new_password2"' in client.get(path, follow=True).content.decode()


def test_changing_the_password_sends_our_password_changed_mail(client, shopper_with_password):
    client.force_login(shopper_with_password)
    mail.outbox.clear()
    response = client.post(
        "/shop/accounts/change-password/",
        {"old_password": PASSWORD, "new_password1": "Weining-Kuqiao-77", "new_password2": "Weining-Kuqiao-77"},
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "您的登录密码已修改" in message.subject
    text, html = parts(message)
    assert "登录密码刚刚修改成功" in text and "如果不是您本人操作" in text
    assert link_in(text, "/shop/password-reset/confirm/") in html
    assert "重设密码" in html
    assert_ours(message)


def test_changing_the_email_address_warns_the_old_address(client, shopper_with_password):
    client.force_login(shopper_with_password)
    mail.outbox.clear()
    response = client.post(
        "/shop/accounts/profile/edit/",
        {"first_name": shopper_with_password.first_name, "last_name": shopper_with_password.last_name, "email": "chen.new@example.com"},
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["consumer@example.com"]
    assert "您的账户邮箱已更改" in message.subject
    text, html = parts(message)
    assert "已更改为 chen.new@example.com" in text and "“我的账户”" in text
    assert "chen.new@example.com" in html
    assert_ours(message)


def test_registering_sends_our_welcome(client):
    mail.outbox.clear()
    response = client.post(
        "/shop/accounts/register/", {"email": "xiaoli@example.com", "password1": "Duyun-Maojian-66", "password2": "Duyun-Maojian-66"}
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["xiaoli@example.com"] and message.subject.startswith("欢迎加入")
    text, html = parts(message)
    assert "登录邮箱是 xiaoli@example.com" in text and "毕节、黔南的农民合作社" in text
    assert "/shop/catalogue/" in text and "去逛逛" in html
    assert_ours(message)


def test_the_html_mail_escapes_a_hostile_name_and_the_text_mail_shows_it_as_typed(client, shopper_with_password):
    shopper_with_password.first_name = "<script>x</script>"
    shopper_with_password.save()
    mail.outbox.clear()
    client.post("/shop/password-reset/", {"email": "consumer@example.com"})
    (message,) = mail.outbox
    text, html = parts(message)
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x</script>" in text  # plain text: nothing to escape, nothing to execute
    assert "&lt;" not in text


def test_back_in_stock_alerts_are_ours(client, consumer_user):
    product = Product.objects.filter(structure="standalone", stockrecords__num_in_stock__gt=0).first()
    mail.outbox.clear()
    response = client.post(f"/shop/accounts/alerts/create/{product.pk}/", {"email": "guest@example.com"})
    assert response.status_code == 302
    (confirmation,) = mail.outbox
    assert "请确认到货提醒" in confirmation.subject
    text, html = parts(confirmation)
    assert f"“{product.title}”设置了到货提醒" in text
    assert "/shop/accounts/alerts/confirm/" in text and "/shop/accounts/alerts/cancel/key/" in html
    assert_ours(confirmation)

    ProductAlert.objects.create(user=consumer_user, product=product, status=ProductAlert.ACTIVE)
    mail.outbox.clear()
    AlertsDispatcher().send_product_alert_email_for_user(product)
    (alert,) = [m for m in mail.outbox if m.to == [consumer_user.email]]
    assert alert.subject.endswith(f"您关注的“{product.title}”到货了")
    text, html = parts(alert)
    assert "已经到货，现在就可以下单" in text and product.get_absolute_url() in text
    assert "到货提醒已自动关闭" in html
    assert_ours(alert)


# --- one order, one confirmation ---------------------------------------------------------------


def test_a_buyer_on_invoice_gets_the_invoice_and_not_oscars_order_mail_too(client, django_capture_on_commit_callbacks):
    from tests.test_wholesale_invoices import checkout_as_buyer, tomorrow
    from wholesale.models import BusinessAccount

    account = BusinessAccount.objects.select_related("user").get(user__username="buyer")
    checkout_as_buyer(client, account)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/shop/checkout/preview/", {"action": "place_order", "po_number": "TH-PO-MAIL-1", "delivery_date": tomorrow()}
        )
    assert response.status_code == 302 and "thank-you" in response.url
    (message,) = [m for m in mail.outbox if m.to == [account.user.email]]
    assert "TH-PO-MAIL-1" in message.subject and message.attachments
    assert_ours(message)
