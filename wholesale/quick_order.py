"""Quick order: SKU + quantity rows typed in, or uploaded as CSV/Excel; all go in or none do."""

from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core import spreadsheets

StockRecord = get_model("partner", "StockRecord")

MAX_ROWS = 500
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
HEADER_WORDS = {"sku", "商品编号", "编号", "quantity", "qty", "数量"}
# Read through core.spreadsheets: bounded against zip/xlsx bombs; one header row on top of MAX_ROWS.
LIMITS = spreadsheets.Limits(max_bytes=MAX_UPLOAD_BYTES, max_rows=MAX_ROWS + 1, max_columns=4, max_cell_chars=200)


@dataclass
class Row:
    number: int
    sku: str
    quantity_text: str
    quantity: int = 0
    stockrecord: object = None
    error: str = ""


@dataclass
class QuickOrder:
    rows: list[Row] = field(default_factory=list)
    error: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.error and bool(self.rows) and not any(row.error for row in self.rows)


def rows_from_text(text: str) -> list[tuple[int, list[str]]]:
    """'SKU quantity' per line; commas, tabs or spaces between the two."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = line.replace(",", " ").replace("，", " ").replace("\t", " ").split()
        if cells:
            rows.append((number, cells))
    return rows


def rows_from_upload(upload: UploadedFile) -> list[tuple[int, list[str]]]:
    """Numbered (SKU, quantity) rows of an uploaded CSV or .xlsx; ValueError with a message for the buyer."""
    if not (upload.name or "").lower().endswith((".csv", ".txt", ".xlsx")):
        raise ValueError(_("只支持 CSV 或 Excel（.xlsx）文件。"))
    try:
        table = spreadsheets.read_table(upload.name or "", spreadsheets.read_upload(upload, LIMITS), LIMITS)
    except spreadsheets.SpreadsheetError as error:
        raise ValueError(str(error)) from None
    rows = []
    for number, values in enumerate(table, start=1):
        cells = [cell.strip() for cell in values[:2]]
        if any(cells):
            rows.append((number, cells))
    return rows


def check_rows(raw_rows: list[tuple[int, list[str]]], *, strategy, basket) -> QuickOrder:
    """Validate every row against the catalogue, the buyer's case packs and stock."""
    order = QuickOrder()
    if raw_rows and {cell.lower() for cell in raw_rows[0][1]} & HEADER_WORDS:
        raw_rows = raw_rows[1:]
    if not raw_rows:
        order.error = _("没有读到任何商品行。")
        return order
    if len(raw_rows) > MAX_ROWS:
        order.error = _("一次最多 %(max)s 行。") % {"max": MAX_ROWS}
        return order

    skus = {cells[0] for _n, cells in raw_rows if cells}
    records = {
        record.partner_sku: record
        for record in StockRecord.objects.filter(partner_sku__in=skus, product__is_public=True)
        .select_related("product__product_class", "wholesale_terms")
        .prefetch_related("price_tiers")
    }
    in_basket = {line.stockrecord_id: line.quantity for line in basket.all_lines()} if basket.id else {}
    requested: dict[int, int] = {}
    for number, cells in raw_rows:
        row = Row(number=number, sku=cells[0] if cells else "", quantity_text=cells[1] if len(cells) > 1 else "")
        order.rows.append(row)
        if len(cells) < 2:
            row.error = _("缺少数量。")
            continue
        try:
            row.quantity = int(float(row.quantity_text)) if float(row.quantity_text).is_integer() else -1
        except ValueError:
            row.quantity = -1
        if row.quantity <= 0:
            row.error = _("数量“%(value)s”不是正整数。") % {"value": row.quantity_text}
            continue
        record = records.get(row.sku)
        if record is None:
            row.error = _("找不到商品编号 %(sku)s。") % {"sku": row.sku}
            continue
        if record.pk in requested:
            row.error = _("商品编号 %(sku)s 重复出现，请合并为一行。") % {"sku": row.sku}
            continue
        requested[record.pk] = row.quantity
        row.stockrecord = record
        total = row.quantity + in_basket.get(record.pk, 0)
        info = strategy.fetch_for_product(record.product, record)
        permitted, reason = info.availability.is_purchase_permitted(total)
        if not permitted:
            row.error = str(reason)
    return order


def add_to_basket(order: QuickOrder, basket) -> int:
    """Put every row in the basket (call only when the order is valid). Returns lines added."""
    for row in order.rows:
        basket.add_product(row.stockrecord.product, quantity=row.quantity)
    return len(order.rows)
