"""Pay on invoice: approved buyers with credit terms check out with a PO number, no card.

The credit limit counts every unpaid invoice plus the new order. The invoice is a PDF
set in reportlab's built-in Chinese font (STSong-Light), emailed and downloadable.

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
from django.utils import timezone
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
            _("超出信用额度：额度 ¥%(limit)s，未付发票 ¥%(owed)s，本单 ¥%(total)s。请先付清部分发票或改用在线支付。")
            % {"limit": account.credit_limit, "owed": owed, "total": total}
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
    )
    invoice_pdf(invoice)  # inside the order's transaction: a PDF that cannot be built rolls the order back
    invoice_id = invoice.pk
    transaction.on_commit(lambda: send_invoice_email.delay(invoice_id))
    return invoice


def send_invoice(invoice: Invoice) -> None:
    """Email the invoice PDF to the buyer (called by the task after the order committed)."""
    account, order = invoice.account, invoice.order
    message = EmailMessage(
        _("【黔货进穗】发票 %(number)s（采购单 %(po)s）") % {"number": invoice.number, "po": invoice.po_number},
        _("%(company)s：订单 %(order)s 已确认，请于 %(due)s 前按发票上的账户转账 ¥%(amount)s。")
        % {"company": account.company_name, "order": order.number, "due": invoice.due_date, "amount": invoice.amount},
        to=[account.user.email],
    )
    message.attach(f"{invoice.number}.pdf", invoice_pdf(invoice), "application/pdf")
    message.send()


def mark_paid(*, invoice: Invoice, user) -> Invoice:
    if invoice.status != Invoice.Status.PAID:
        invoice.status, invoice.paid_at, invoice.marked_paid_by = Invoice.Status.PAID, timezone.now(), user
        invoice.save()
    return invoice


def invoice_pdf(invoice: Invoice) -> bytes:
    """An A4 invoice in Chinese: seller, buyer, PO, lines, totals and where to pay."""
    order = invoice.order
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=invoice.number, leftMargin=18 * mm, rightMargin=18 * mm)
    text = ParagraphStyle("text", fontName=FONT, fontSize=9.5, leading=14)
    heading = ParagraphStyle("heading", parent=text, fontSize=16, leading=22)
    seller = {key: para_text(value) for key, value in settings.INVOICE_SELLER.items()}
    account = invoice.account
    number, po_number = para_text(invoice.number), para_text(invoice.po_number)
    story = [
        Paragraph(f"发票 · Invoice {number}", heading),
        Paragraph(f"开票方：{seller['name']}　{seller['address']}", text),
        Paragraph(f"购买方：{para_text(account.company_name)}（统一社会信用代码 {para_text(account.credit_code)}）", text),
        Paragraph(f"收货：{para_text(account.delivery_district.name)} {para_text(account.delivery_address)}", text),
        Paragraph(
            f"订单号 {para_text(order.number)}　采购单号 {po_number}　下单日期 {timezone.localtime(order.date_placed):%Y-%m-%d}　"
            f"要求送达 {invoice.requested_delivery_date:%Y-%m-%d}",
            text,
        ),
        Spacer(1, 6 * mm),
    ]
    rows = [["商品编号", "商品", "产地合作社", "数量", "单价", "金额"]]
    for line in order.lines.all():
        rows.append(
            [
                line.partner_sku,
                Paragraph(para_text(line.title), text),
                Paragraph(para_text(line.partner_name), text),
                str(line.quantity),
                format_cny(line.unit_price_incl_tax),
                format_cny(line.line_price_incl_tax),
            ]
        )
    rows.append(["", "运费", "", "", "", format_cny(order.shipping_incl_tax)])
    rows.append(["", "合计（人民币）", "", "", "", format_cny(order.total_incl_tax)])
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
    story += [
        table,
        Spacer(1, 6 * mm),
        Paragraph(f"付款截止日：{invoice.due_date:%Y-%m-%d}（账期 {account.payment_terms_days} 天）", text),
        Paragraph(f"收款账户：{seller['bank']}　账号 {seller['account']}　转账请备注发票号 {number}", text),
        Paragraph("货款由平台统一收取，并按月与各县合作社结算。", text),
    ]
    document.build(story)
    return buffer.getvalue()
