"""A4 sheets of QR labels for harvest batches (3 × 8 labels, 70 × 37 mm, common sticker paper).

Text is set in reportlab's built-in STSong-Light CID font, so Chinese prints without
shipping a font file; the QR code is drawn as vector squares so it stays sharp.
"""

import io

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from core.pdf import font_safe

FONT = "STSong-Light"
COLUMNS, ROWS = 3, 8
LABEL_WIDTH, LABEL_HEIGHT = 70 * mm, 37 * mm
QR_SIZE = 30 * mm

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _draw_qr(pdf: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    matrix = segno.make(url, error="m").matrix
    module = size / len(matrix)
    pdf.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                pdf.rect(x + col_index * module, y + size - (row_index + 1) * module, module, module, stroke=0, fill=1)


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label_sheet(labels: list[dict]) -> bytes:
    """PDF bytes; each label dict has url, title, origin, date and code."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle("黔货进穗 溯源标签")
    page_width, page_height = A4
    margin_x = (page_width - COLUMNS * LABEL_WIDTH) / 2
    margin_y = (page_height - ROWS * LABEL_HEIGHT) / 2
    per_page = COLUMNS * ROWS
    for index, label in enumerate(labels):
        if index and index % per_page == 0:
            pdf.showPage()
        slot = index % per_page
        column, row = slot % COLUMNS, slot // COLUMNS
        x = margin_x + column * LABEL_WIDTH
        y = page_height - margin_y - (row + 1) * LABEL_HEIGHT
        _draw_qr(pdf, label["url"], x + 2 * mm, y + (LABEL_HEIGHT - QR_SIZE) / 2, QR_SIZE)
        text_x = x + QR_SIZE + 4 * mm
        pdf.setFont(FONT, 8.5)
        pdf.drawString(text_x, y + LABEL_HEIGHT - 8 * mm, _fit(font_safe(label["title"]), 16))
        pdf.setFont(FONT, 7)
        pdf.drawString(text_x, y + LABEL_HEIGHT - 13 * mm, _fit(font_safe(label["origin"]), 20))
        pdf.drawString(text_x, y + LABEL_HEIGHT - 17.5 * mm, label["date"])
        pdf.drawString(text_x, y + LABEL_HEIGHT - 22 * mm, font_safe("扫码溯源 · 黔货进穗"))
        pdf.setFont("Courier", 7)
        pdf.drawString(text_x, y + 5 * mm, label["code"])
    if not labels:
        pdf.setFont(FONT, 12)
        pdf.drawString(30 * mm, page_height - 30 * mm, "没有可打印的批次。")
    pdf.save()
    return buffer.getvalue()
