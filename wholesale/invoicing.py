"""Pay on invoice: approved buyers with credit terms check out with a PO number, no card.

The credit limit counts every unpaid invoice plus the new order. The invoice is a PDF
set in reportlab's built-in Chinese font (STSong-Light), emailed and downloadable. It is
bilingual — every label in Chinese and English, each line's English title under its Chinese
one — since the Chinese is the record and English-reading buyers (Hong Kong, overseas) read it
too; the email comes in the language the buyer checked out in.

The invoice is issued inside the order's transaction (``checkout.views``): the order, the
invoice and a PDF that renders are written together or not at all; the email goes out after
the commit. Every seller- or buyer-written string in the PDF passes ``core.pdf.para_text``:
ReportLab's Paragraph would otherwise honour ``<a href>``, ``<img src>`` and ``<font>`` in a
company name, and choke on a stray ``<``.
"""

import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.money import format_cny
from core.pdf import para_text
from wholesale.models import BusinessAccount, Invoice
from wholesale.tasks import send_invoice_email

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PO_NUMBER = re.compile(r"^[A-Za-z0-9\-_/]{2,40}$")


@dataclass(frozen=True)
class InvoiceTerms:
    account: BusinessAccount
    po_number: str
    requested_delivery_date: date


def invoice_account(user) -> BusinessAccount | None:
    """The user's account when it may buy on invoice, else None (pay by card through Stripe)."""
    if user is None or not user.is_authenticated:
        return None
    account = BusinessAccount.objects.filter(user=user, status=BusinessAccount.Status.APPROVED).first()
    return account if account and account.buys_on_invoice else None


def outstanding(account: BusinessAccount) -> Decimal:
    return account.invoices.filter(status=Invoice.Status.ISSUED).aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


def check_terms(*, account: BusinessAccount, po_number: str, delivery_date: str, total: Decimal) -> InvoiceTerms:
    """Validate what the buyer typed and the credit limit; raises ValidationError with every problem."""
    errors = []
    po_number = (po_number or "").strip()
    if not PO_NUMBER.match(po_number):
        errors.append(_("请填写采购单号（2–40位字母、数字或 - _ /）。"))
    try:
        requested = date.fromisoformat(delivery_date or "")
    except ValueError:
        requested = None
        errors.append(_("请选择要求送达日期。"))
    if requested and requested <= timezone.localdate():
        errors.append(_("要求送达日期须晚于今天。"))
    owed = outstanding(account)
    if owed + total > account.credit_limit:
        errors.append(
            _("超出信用额度：额度 %(limit)s，未付发票 %(owed)s，本单 %(total)s。请先付清部分发票或改用在线支付。")
            % {"limit": format_cny(account.credit_limit), "owed": format_cny(owed), "total": format_cny(total)}
        )
    if errors:
        raise ValidationError(errors)
    return InvoiceTerms(account=account, po_number=po_number, requested_delivery_date=requested)


def issue_invoice(*, order, terms: InvoiceTerms) -> Invoice:
    invoice = Invoice.objects.create(
        account=terms.account,
        order=order,
        po_number=terms.po_number,
        requested_delivery_date=terms.requested_delivery_date,
        amount=order.total_incl_tax,
        due_date=timezone.localdate() + timedelta(days=terms.account.payment_terms_days),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    invoice_pdf(invoice)  # inside the order's transaction: a PDF that cannot be built rolls the order back
    invoice_id = invoice.pk
    transaction.on_commit(lambda: send_invoice_email.delay(invoice_id))
    return invoice


def send_invoice(invoice: Invoice) -> None:
    """Email the invoice PDF to the buyer (called by the task after the order committed)."""
    account, order = invoice.account, invoice.order
    with translation.override(invoice.language):
        message = EmailMessage(
            _("【黔货进穗】发票 %(number)s（采购单 %(po)s）") % {"number": invoice.number, "po": invoice.po_number},
            _("%(company)s：订单 %(order)s 已确认，请于 %(due)s 前按发票上的账户转账 %(amount)s。")
            % {"company": account.company_name, "order": order.number, "due": invoice.due_date, "amount": format_cny(invoice.amount)},
            to=[account.user.email],
        )
    message.attach(f"{invoice.number}.pdf", invoice_pdf(invoice), "application/pdf")
    message.send()


def mark_paid(*, invoice: Invoice, user) -> Invoice:
    if invoice.status != Invoice.Status.PAID:
        invoice.status, invoice.paid_at, invoice.marked_paid_by = Invoice.Status.PAID, timezone.now(), user
        invoice.save()
    return invoice


def _both(chinese: str, english: str) -> str:
    """A label in both languages, the Chinese first (it is the record)."""
    return f"{chinese} {english}"


def invoice_pdf(invoice: Invoice) -> bytes:
    """An A4 invoice, Chinese with English: seller, buyer, PO, lines, totals and where to pay."""
    order = invoice.order
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=invoice.number, leftMargin=18 * mm, rightMargin=18 * mm)
    text = ParagraphStyle("text", fontName=FONT, fontSize=9.5, leading=14)
    small = ParagraphStyle("small", parent=text, fontSize=8, leading=11)
    heading = ParagraphStyle("heading", parent=text, fontSize=16, leading=22)
    seller = {key: para_text(value) for key, value in settings.INVOICE_SELLER.items()}
    account = invoice.account
    number, po_number = para_text(invoice.number), para_text(invoice.po_number)
    placed = f"{timezone.localtime(order.date_placed):%Y-%m-%d}"
    story = [
        # No "·" here: STSong-Light has no glyph for it (it printed as a box).
        Paragraph(f"发票　Invoice {number}", heading),
        Paragraph(f"{_both('开票方', 'Seller')}：{seller['name']}　{seller['address']}", text),
        Paragraph(
            f"{_both('购买方', 'Buyer')}：{para_text(account.company_name)}"
            f"（{_both('统一社会信用代码', 'USCC')} {para_text(account.credit_code)}）",
            text,
        ),
        Paragraph(
            f"{_both('收货', 'Deliver to')}：{para_text(account.delivery_district.name)} {para_text(account.delivery_address)}", text
        ),
        Paragraph(
            f"{_both('订单号', 'Order')} {para_text(order.number)}　{_both('采购单号', 'PO')} {po_number}　"
            f"{_both('下单日期', 'Ordered')} {placed}　{_both('要求送达', 'Deliver by')} {invoice.requested_delivery_date:%Y-%m-%d}",
            text,
        ),
        Spacer(1, 6 * mm),
    ]
    header = [
        Paragraph(f"{chinese}<br/>{english}", small)
        for chinese, english in (
            ("商品编号", "SKU"), ("商品", "Product"), ("产地合作社", "Cooperative"),
            ("数量", "Qty"), ("单价", "Unit price"), ("金额", "Amount"),
        )
    ]
    rows = [header]
    for line in order.lines.all().select_related("product", "partner"):
        english_title = (line.product.title_en if line.product else "") or ""
        english_partner = (line.partner.name_en if line.partner else "") or ""
        rows.append(
            [
                line.partner_sku,
                Paragraph(para_text(line.title) + (f"<br/>{para_text(english_title)}" if english_title else ""), text),
                Paragraph(para_text(line.partner_name) + (f"<br/>{para_text(english_partner)}" if english_partner else ""), small),
                str(line.quantity),
                format_cny(line.unit_price_incl_tax),
                format_cny(line.line_price_incl_tax),
            ]
        )
    rows.append(["", Paragraph(_both("运费", "Shipping"), text), "", "", "", format_cny(order.shipping_incl_tax)])
    rows.append(["", Paragraph("合计（人民币）Total (CNY)", text), "", "", "", format_cny(order.total_incl_tax)])
    table = Table(rows, colWidths=[22 * mm, 52 * mm, 44 * mm, 14 * mm, 20 * mm, 22 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f3ec")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa8a0")),
                ("ALIGN", (3, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    days = account.payment_terms_days
    story += [
        table,
        Spacer(1, 6 * mm),
        Paragraph(f"{_both('付款截止日', 'Payment due')}：{invoice.due_date:%Y-%m-%d}（账期 {days} 天，{days} days' credit）", text),
        Paragraph(
            f"{_both('收款账户', 'Pay to')}：{seller['bank']}　{_both('账号', 'Account')} {seller['account']}　"
            f"转账请备注发票号 Please quote {number} with the transfer",
            text,
        ),
        Paragraph(
            "货款由平台统一收取，并按月与各县合作社结算。"
            "The platform collects payment and settles with each county's cooperative monthly.",
            text,
        ),
    ]
    document.build(story)
    return buffer.getvalue()
