"""Pay on invoice: PO number, delivery date, credit limit, PDF invoice, staff mark paid."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from partner.strategy import Selector
from wholesale import invoicing
from wholesale.models import BusinessAccount, Invoice

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")


@pytest.fixture
def account():
    return BusinessAccount.objects.select_related("user").get(user__username="buyer")


def tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


def order_for(user, title="威宁苦荞茶 300g 罐装", quantity=20):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    basket.add_product(Product.objects.get(title=title), quantity)
    return create_order(basket=basket, user=user)


def test_terms_need_a_po_number_and_a_future_delivery_date(account):
    with pytest.raises(ValidationError) as error:
        invoicing.check_terms(account=account, po_number=" ", delivery_date=timezone.localdate().isoformat(), total=Decimal("10"))
    assert any("采购单号" in m for m in error.value.messages)
    assert any("送达日期须晚于今天" in m for m in error.value.messages)
    terms = invoicing.check_terms(account=account, po_number="PO-2026-118", delivery_date=tomorrow(), total=Decimal("10"))
    assert terms.po_number == "PO-2026-118"


def test_credit_limit_counts_unpaid_invoices(account):
    order = order_for(account.user)
    account.credit_limit = order.total_incl_tax + Decimal("100.00")
    account.save()
    terms = invoicing.check_terms(account=account, po_number="PO-1", delivery_date=tomorrow(), total=order.total_incl_tax)
    invoicing.issue_invoice(order=order, terms=terms)
    with pytest.raises(ValidationError) as error:
        invoicing.check_terms(account=account, po_number="PO-2", delivery_date=tomorrow(), total=Decimal("100.01"))
    assert "超出信用额度" in error.value.messages[0]
    invoicing.mark_paid(invoice=Invoice.objects.get(order=order), user=None)
    invoicing.check_terms(account=account, po_number="PO-2", delivery_date=tomorrow(), total=Decimal("100.01"))


def test_invoice_is_emailed_as_a_pdf(account, django_capture_on_commit_callbacks):
    order = order_for(account.user)
    terms = invoicing.check_terms(account=account, po_number="PO-7", delivery_date=tomorrow(), total=order.total_incl_tax)
    with django_capture_on_commit_callbacks(execute=True):
        invoice = invoicing.issue_invoice(order=order, terms=terms)
    assert invoice.amount == order.total_incl_tax == Decimal("612.00")
    assert invoice.due_date == timezone.localdate() + timedelta(days=30)
    message = mail.outbox[-1]
    assert message.to == ["buyer@example.com"] and "PO-7" in message.subject
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF") and b"STSong-Light" in content


def test_buyer_downloads_own_invoice_and_nobody_else_can(client, account, consumer_user):
    order = order_for(account.user)
    invoicing.issue_invoice(
        order=order, terms=invoicing.check_terms(account=account, po_number="PO-8", delivery_date=tomorrow(), total=order.total_incl_tax)
    )
    client.force_login(account.user)
    response = client.get(f"/wholesale/invoices/{order.number}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "PO-8" in client.get("/wholesale/invoices/").content.decode()
    client.force_login(consumer_user)
    assert client.get(f"/wholesale/invoices/{order.number}.pdf").status_code == 404


def test_staff_mark_an_invoice_paid(client, account, staff_user):
    order = order_for(account.user)
    invoice = invoicing.issue_invoice(
        order=order, terms=invoicing.check_terms(account=account, po_number="PO-9", delivery_date=tomorrow(), total=order.total_incl_tax)
    )
    client.force_login(staff_user)
    assert "PO-9" in client.get("/dashboard/wholesale/invoices/").content.decode()
    client.post(f"/dashboard/wholesale/invoices/{invoice.pk}/paid/")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID and invoice.marked_paid_by == staff_user


def test_only_buyers_with_terms_buy_on_invoice(account, consumer_user):
    assert invoicing.invoice_account(account.user) == account
    assert invoicing.invoice_account(consumer_user) is None
    BusinessAccount.objects.filter(pk=account.pk).update(payment_terms_days=0)
    assert invoicing.invoice_account(account.user) is None


# --- through the real checkout -------------------------------------------------------------


def checkout_as_buyer(client, account):
    from tests.checkout_helpers import GUANGZHOU_ADDRESS

    client.force_login(account.user)
    client.post(
        "/wholesale/quick-order/", {"rows": f"{Product.objects.get(title='威宁苦荞茶 300g 罐装').stockrecords.first().partner_sku} 20"}
    )
    response = client.post("/shop/checkout/shipping-address/", GUANGZHOU_ADDRESS)
    assert response.status_code == 302
    response = client.get("/shop/checkout/shipping-method/")
    if response.status_code == 200:
        client.post("/shop/checkout/shipping-method/", {"method_code": "ambient-express"})
    preview = client.get("/shop/checkout/preview/")
    assert preview.status_code == 200
    return preview


def test_buyer_on_terms_checks_out_with_a_po_number_and_no_card(client, account, django_capture_on_commit_callbacks):
    preview = checkout_as_buyer(client, account)
    assert "采购单号" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/shop/checkout/preview/", {"action": "place_order", "po_number": "TH-PO-0042", "delivery_date": tomorrow()})
    assert response.status_code == 302 and "thank-you" in response.url
    invoice = Invoice.objects.get(account=account, po_number="TH-PO-0042")
    assert invoice.order.total_incl_tax == invoice.amount
    assert invoice.order.lines.get().unit_price_incl_tax == Decimal("30.60")  # the tier price was charged
    assert any(m.attachments for m in mail.outbox)


def test_checkout_without_a_po_number_is_refused_and_places_nothing(client, account):
    checkout_as_buyer(client, account)
    before = Invoice.objects.count()
    response = client.post("/shop/checkout/preview/", {"action": "place_order", "po_number": "", "delivery_date": tomorrow()})
    assert response.status_code == 200
    assert "请填写采购单号" in response.content.decode()
    assert Invoice.objects.count() == before


def test_checkout_over_the_credit_limit_is_refused(client, account):
    BusinessAccount.objects.filter(pk=account.pk).update(credit_limit=Decimal("100.00"))
    checkout_as_buyer(client, account)
    response = client.post("/shop/checkout/preview/", {"action": "place_order", "po_number": "PO-BIG", "delivery_date": tomorrow()})
    assert "超出信用额度" in response.content.decode()
    assert not Invoice.objects.filter(po_number="PO-BIG").exists()


# --- for English-reading buyers -------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_invoice_reads_in_chinese_and_english_with_each_lines_english_title(account):
    order = order_for(account.user)
    terms = invoicing.check_terms(account=account, po_number="PO-EN-1", delivery_date=tomorrow(), total=order.total_incl_tax)
    invoice = invoicing.issue_invoice(order=order, terms=terms)
    text = pdf_text(invoicing.invoice_pdf(invoice))
    english_title = order.lines.get().product.title_en
    assert english_title
    for words in ("威宁苦荞茶 300g 罐装", english_title, "Seller", "Buyer", "Unit price", "Total (CNY)", "Payment due", "¥612.00"):
        assert words.replace(" ", "") in text.replace(" ", "").replace("\n", ""), words


def test_an_invoice_bought_on_the_english_site_is_mailed_in_english(account, django_capture_on_commit_callbacks):
    from django.utils import translation

    order = order_for(account.user)
    with translation.override("en"):
        terms = invoicing.check_terms(account=account, po_number="PO-EN-2", delivery_date=tomorrow(), total=order.total_incl_tax)
        with django_capture_on_commit_callbacks(execute=True):
            invoice = invoicing.issue_invoice(order=order, terms=terms)
    assert invoice.language == "en"
    message = mail.outbox[-1]
    assert "PO-EN-2" in message.subject and "发票" not in message.subject
    assert "¥612.00" in message.body and "转账" not in message.body
