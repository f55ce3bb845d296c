"""A package's packing slip (A4) and shipping label (A6, 105 × 148 mm, the thermal label size couriers use).

Names, addresses and product titles are typed by buyers and sellers: every interpolated value
goes through ``core.pdf.para_text`` before it meets ReportLab's Paragraph markup. Chinese is set
in ReportLab's built-in STSong-Light CID font (no font file to ship), as the trace labels are.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.pdf import para_text
from traceability.labels import _draw_qr
from traceability.selectors import current_batch

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _style(size: float, *, leading: float | None = None, bold: bool = False) -> ParagraphStyle:
    return ParagraphStyle(f"s{size}{bold}", fontName=FONT, fontSize=size, leading=leading or size * 1.3)


def address_text(address) -> str:
    if address is None:
        return ""
    parts = [address.state, address.line4, address.line3, address.line2, address.line1]
    return "".join(part for part in parts if part)


def receiver(order) -> dict:
    address = order.shipping_address
    return {
        "name": (address.name if address else "") or "",
        "phone": str(address.phone_number) if address and address.phone_number else "",
        "address": address_text(address),
        "postcode": (address.postcode if address else "") or "",
        "notes": (address.notes if address else "") or "",
    }


def trace_url(package) -> str:
    """The trace page of the first product in the box that has a harvest batch (else the shop's home)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for line in package.lines.select_related("product").order_by("pk"):
        if line.product_id:
            batch = current_batch(product=line.product)
            if batch is not None:
                return base + batch.get_absolute_url()
    return base + "/"


def _para(pdf: canvas.Canvas, text: str, style: ParagraphStyle, x: float, top: float, width: float) -> float:
    """Draw a paragraph whose top edge is at ``top``; returns the y under it."""
    paragraph = Paragraph(text, style)
    _width, height = paragraph.wrapOn(pdf, width, 200 * mm)
    paragraph.drawOn(pdf, x, top - height)
    return top - height


def shipping_label(package) -> bytes:
    """One A6 page: carrier and tracking number, receiver, phone, address, order number, sender, contents, QR."""
    order = package.order
    to = receiver(order)
    lines = list(package.lines.select_related("product").order_by("pk"))
    buffer = io.BytesIO()
    width, height = A6
    pdf = canvas.Canvas(buffer, pagesize=A6)
    pdf.setTitle(f"{_('快递面单')} {order.number}")
    margin = 5 * mm
    inner = width - 2 * margin
    y = height - margin

    carrier = package.get_carrier_display() if package.carrier else _("快递公司：发货时填写")
    y = _para(pdf, f"<b>{para_text(carrier)}</b>　{para_text(package.tracking_number)}", _style(12), margin, y, inner) - 2 * mm
    pdf.setStrokeColor(colors.black)
    pdf.line(margin, y, width - margin, y)
    y -= 2 * mm

    y = _para(pdf, para_text(_("收件人")), _style(7), margin, y, inner)
    y = _para(pdf, f"<b>{para_text(to['name'])}</b>　{para_text(to['phone'])}", _style(13), margin, y, inner)
    y = _para(pdf, para_text(to["address"] + (f"（{to['postcode']}）" if to["postcode"] else "")), _style(10), margin, y, inner)
    if to["notes"]:
        y = _para(pdf, para_text(_("备注：") + to["notes"]), _style(8), margin, y, inner)
    y -= 2 * mm
    pdf.line(margin, y, width - margin, y)
    y -= 2 * mm

    sender = package.partner
    county = getattr(getattr(sender, "county", None), "name", "") or ""
    y = _para(pdf, para_text(_("寄件人")), _style(7), margin, y, inner)
    y = _para(pdf, para_text(f"{sender.name}　{county}"), _style(9), margin, y, inner)
    y -= 2 * mm

    y = _para(pdf, f"{para_text(_('订单号'))}　<b>{para_text(order.number)}</b>", _style(11), margin, y, inner)
    y = _para(pdf, para_text(_("包裹 #%(id)s · %(count)s 个订单行") % {"id": package.pk, "count": len(lines)}), _style(8), margin, y, inner)
    if any(line.product and line.product.needs_cold_chain for line in lines):
        y = _para(pdf, f"<b>{para_text(_('冷链 · 请冷藏，勿倒置'))}</b>", _style(10), margin, y, inner)

    qr_size = 28 * mm
    contents_width = inner - qr_size - 3 * mm
    contents = "<br/>".join(para_text(f"{line.title} × {line.quantity}") for line in lines[:6])
    if len(lines) > 6:
        contents += "<br/>" + para_text(_("…另 %(count)s 项，见装箱单") % {"count": len(lines) - 6})
    _para(pdf, contents, _style(7.5), margin, margin + qr_size + 6 * mm, contents_width)
    _draw_qr(pdf, trace_url(package), width - margin - qr_size, margin + 4 * mm, qr_size)
    pdf.setFont(FONT, 6.5)
    pdf.drawCentredString(width - margin - qr_size / 2, margin + 1 * mm, _("扫码查看产地溯源"))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def packing_slip(package) -> bytes:
    """A4: what is in the box, for the packer and for the buyer who opens it."""
    order = package.order
    to = receiver(order)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm)
    document.title = f"{_('装箱单')} {order.number}"
    body, small = _style(10), _style(8)
    placed = timezone.localtime(order.date_placed).strftime("%Y-%m-%d %H:%M")
    story = [
        Paragraph(f"<b>{para_text(_('装箱单'))}</b>　{para_text(_('黔货进穗'))}", _style(16)),
        Spacer(1, 4 * mm),
        Paragraph(
            f"{para_text(_('订单号'))}：<b>{para_text(order.number)}</b>　{para_text(_('下单时间'))}：{para_text(placed)}",
            body,
        ),
        Paragraph(f"{para_text(_('包裹'))}：#{package.pk}　{para_text(_('合作社'))}：{para_text(package.partner.name)}", body),
        Paragraph(f"{para_text(_('收件人'))}：{para_text(to['name'])}　{para_text(to['phone'])}", body),
        Paragraph(f"{para_text(_('地址'))}：{para_text(to['address'])}", body),
        Spacer(1, 5 * mm),
    ]
    rows = [[Paragraph(para_text(text), small) for text in (_("SKU"), _("商品"), _("数量"), _("核对"))]]
    for line in package.lines.order_by("pk"):
        rows.append(
            [
                Paragraph(para_text(line.partner_sku), small),
                Paragraph(para_text(line.title), small),
                Paragraph(str(line.quantity), small),
                "",
            ]
        )
    table = Table(rows, colWidths=[35 * mm, 100 * mm, 20 * mm, 25 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f3ec")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story += [
        table,
        Spacer(1, 6 * mm),
        Paragraph(para_text(_("感谢您支持毕节、黔南的农户。扫描快递面单上的二维码可查看产地、采收批次和认证。")), small),
    ]
    document.build(story)
    return buffer.getvalue()
