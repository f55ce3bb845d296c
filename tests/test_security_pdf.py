"""Invoice PDFs print seller and buyer text literally (issue #12, point 3).

A company name, address, product title or cooperative name with ReportLab markup in it must
come out as the characters typed — no link, no image, no font change — and a stray ``<``
must not break the order. Invoice issuing is part of the order: all or nothing.
"""

import io
from decimal import Decimal

import pytest
from oscar.core.loading import get_model
from pypdf import PdfReader

from core.pdf import para_text
from tests.test_wholesale_invoices import checkout_as_buyer, order_for, tomorrow
from wholesale import invoicing
from wholesale.models import BusinessAccount, Invoice

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")

LINK = '<a href="https://evil.example/pay">请转账到此账户</a>'
IMAGE = '<img src="/etc/hostname" width="100" height="100"/>'
FONT = '<font size="40" color="red">已付清</font>'


@pytest.fixture
def account():
    return BusinessAccount.objects.select_related("user").get(user__username="buyer")


def pdf_of(invoice) -> PdfReader:
    return PdfReader(io.BytesIO(invoicing.invoice_pdf(invoice)))


def text_of(reader: PdfReader) -> str:
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


def test_para_text_escapes_markup():
    assert para_text('<b>A & "B"</b>') == "&lt;b&gt;A &amp; &quot;B&quot;&lt;/b&gt;"
    assert para_text(None) == ""
    assert para_text(Decimal("1.50")) == "1.50"


def test_markup_in_buyer_and_seller_text_is_printed_literally_without_links_or_images(account):
    order = order_for(account.user)
    account.company_name = f"广州{LINK}食品 < 公司"
    account.delivery_address = f"天河路1号{IMAGE}"
    account.save()
    order.lines.update(title=f"威宁苦荞茶{FONT}", partner_name="威宁<合作社")
    terms = invoicing.check_terms(account=account, po_number="PO-XSS", delivery_date=tomorrow(), total=order.total_incl_tax)
    invoice = invoicing.issue_invoice(order=order, terms=terms)

    reader = pdf_of(invoice)
    text = text_of(reader)
    for literal in ("https://evil.example/pay", "请转账到此账户", "/etc/hostname", "已付清", "威宁<合作社", "食品 < 公司"):
        assert literal in text
    assert '<a href="https://evil.example/pay">' in text and "<font size" in text
    for page in reader.pages:
        assert "/Annots" not in page  # no clickable link
        assert not page.images  # no image pulled from the server's disk


def test_a_stray_angle_bracket_keeps_the_invoice_downloadable(client, account):
    order = order_for(account.user)
    account.company_name = "广州 <黔货 & 粤"
    account.save()
    invoicing.issue_invoice(
        order=order, terms=invoicing.check_terms(account=account, po_number="PO-LT", delivery_date=tomorrow(), total=order.total_incl_tax)
    )
    client.force_login(account.user)
    response = client.get(f"/wholesale/invoices/{order.number}.pdf")
    assert response.status_code == 200
    assert "广州 <黔货 & 粤" in text_of(PdfReader(io.BytesIO(response.content)))


def test_an_invoice_that_cannot_be_issued_leaves_no_order_behind(client, account, monkeypatch):
    checkout_as_buyer(client, account)
    orders, invoices = Order.objects.count(), Invoice.objects.count()

    def broken_pdf(invoice):
        raise ValueError("paraparser: syntax error")

    monkeypatch.setattr(invoicing, "invoice_pdf", broken_pdf)
    response = client.post("/shop/checkout/preview/", {"action": "place_order", "po_number": "PO-FAIL", "delivery_date": tomorrow()})
    assert response.status_code == 200  # the preview again, with an error
    assert (Order.objects.count(), Invoice.objects.count()) == (orders, invoices)
    assert not Invoice.objects.filter(po_number="PO-FAIL").exists()


def test_pdf_text_uses_only_characters_the_pdf_font_can_print():
    """STSong-Light prints "·" as a box: the one PDF text helper swaps it for "・", which it has."""
    from core.pdf import font_safe, para_text

    assert para_text("冷链 · 请冷藏") == "冷链 ・ 请冷藏"
    assert font_safe("扫码溯源 · 黔货进穗") == "扫码溯源 ・ 黔货进穗"
    assert font_safe(None) == ""
