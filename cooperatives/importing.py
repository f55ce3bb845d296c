"""Bulk import/export of a cooperative's products, stock and prices (CSV or Excel).

One row per stock record: SKU, 商品名称, 英文名称, 单价, 库存, 描述, 英文描述 (the English
columns are optional; core.i18n: Chinese is the source). An existing SKU of the
cooperative updates that product, price and stock; an unknown SKU creates a product
only when the row names it. Every row is checked before anything is written
(``parse`` + ``validate`` make the preview), and ``apply`` writes all rows in one
transaction or none.

Reading the file is ``core.spreadsheets`` (bounded against zip and xlsx bombs: size, zip
inflation, rows, columns, cell length); this module maps the cells to rows.

Parsing uses the standard library's csv and openpyxl (already a dependency):
django-import-export maps one model per row through admin-style resources, while a
row here spans Product and StockRecord, is scoped to one partner and creates
products by rules of our own.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html import unescape

from django.db import transaction
from django.db.models.functions import Upper
from django.utils.html import linebreaks, strip_tags
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core import spreadsheets

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

COLUMNS = ["SKU", "商品名称", "英文名称", "单价", "库存", "描述", "英文描述"]
REQUIRED = ["SKU", "单价", "库存"]
ALIASES = {
    "sku": "SKU",
    "title": "商品名称",
    "title_en": "英文名称",
    "english title": "英文名称",
    "price": "单价",
    "stock": "库存",
    "num_in_stock": "库存",
    "description": "描述",
    "description_en": "英文描述",
    "english description": "英文描述",
}
MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024
LIMITS = spreadsheets.Limits(max_bytes=MAX_BYTES, max_rows=MAX_ROWS, max_columns=20, max_cell_chars=5000)
#: What the database columns hold: PositiveIntegerField (PostgreSQL integer) and DecimalField(12, 2).
MAX_STOCK = 2_147_483_647
MAX_PRICE = Decimal("9999999999.99")


class ImportFileError(Exception):
    """The file as a whole cannot be read (message is user-facing)."""


def read_upload(upload) -> bytes:
    """The uploaded file's bytes, read in chunks, refused past MAX_BYTES before being held whole."""
    try:
        return spreadsheets.read_upload(upload, LIMITS)
    except spreadsheets.SpreadsheetError as error:
        raise ImportFileError(str(error)) from None


@dataclass
class ImportRow:
    number: int
    sku: str
    title: str = ""
    price: str = ""
    stock: int | str = 0
    description: str = ""
    title_en: str = ""
    description_en: str = ""
    action: str = ""
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "sku": self.sku,
            "title": self.title,
            "price": self.price,
            "stock": self.stock,
            "description": self.description,
            "title_en": self.title_en,
            "description_en": self.description_en,
            "action": self.action,
            "errors": self.errors,
        }


def read_table(name: str, raw: bytes) -> list[list[str]]:
    """The cells of a CSV or XLSX file as text, first row the header (bounded: see core.spreadsheets)."""
    try:
        return spreadsheets.read_table(name, raw, LIMITS)
    except spreadsheets.SpreadsheetError as error:
        raise ImportFileError(str(error)) from None


def parse(name: str, raw: bytes) -> list[ImportRow]:
    table = [row for row in read_table(name, raw)]
    if not table or not any(cell.strip() for cell in table[0]):
        raise ImportFileError(_("文件是空的。"))
    header = [ALIASES.get(cell.strip().lower(), cell.strip()) for cell in table[0]]
    while header and not header[-1]:
        header.pop()
    unknown = [column for column in header if column not in COLUMNS]
    missing = [column for column in REQUIRED if column not in header]
    if unknown or missing or len(set(header)) != len(header):
        raise ImportFileError(
            _("表头应为：%(expected)s。缺少：%(missing)s；无法识别：%(unknown)s。")
            % {"expected": "、".join(COLUMNS), "missing": "、".join(missing) or "—", "unknown": "、".join(unknown) or "—"}
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("一次最多导入 %(max)s 行。") % {"max": MAX_ROWS})
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {column: (cells[index].strip() if index < len(cells) else "") for index, column in enumerate(header)}
        if not any(values.values()):
            continue
        row = ImportRow(number=number, sku=values.get("SKU", ""), title=values.get("商品名称", ""), description=values.get("描述", ""))
        row.title_en, row.description_en = values.get("英文名称", ""), values.get("英文描述", "")
        row.price = values.get("单价", "")
        row.stock = values.get("库存", "")  # text until validate() checks it
        rows.append(row)
    if not rows:
        raise ImportFileError(_("文件里没有数据行。"))
    return rows


def validate(rows: list[ImportRow], partner) -> list[ImportRow]:
    """Check every row against the partner's stock records; sets each row's action or errors."""
    own = {record.partner_sku: record for record in StockRecord.objects.filter(partner=partner, partner_sku__in=[r.sku for r in rows])}
    # SKUs are unique on the whole platform, whatever their case (partner.models.StockRecord).
    taken = {
        sku.upper()
        for sku in StockRecord.objects.annotate(sku_upper=Upper("partner_sku"))
        .filter(sku_upper__in=[r.sku.upper() for r in rows])
        .exclude(partner=partner, partner_sku__in=list(own))
        .values_list("partner_sku", flat=True)
    }
    seen: dict[str, int] = {}
    for row in rows:
        errors = row.errors = []
        if not row.sku:
            errors.append(_("SKU 不能为空。"))
        elif len(row.sku) > 128:
            errors.append(_("SKU 不能超过128个字符。"))
        elif row.sku in seen:
            errors.append(_("与第 %(row)s 行的 SKU 重复。") % {"row": seen[row.sku]})
        else:
            seen[row.sku] = row.number
        try:
            price = Decimal(str(row.price).replace("¥", "").replace(",", ""))
            if not price.is_finite() or price < 0 or price != price.quantize(Decimal("0.01")) or price > MAX_PRICE:
                raise InvalidOperation
            row.price = str(price.quantize(Decimal("0.01")))
        except (InvalidOperation, ValueError):
            errors.append(_("单价“%(value)s”无效：应为不小于0、最多两位小数的数字。") % {"value": row.price})
        try:
            stock = int(str(row.stock))
            if stock < 0:
                errors.append(_("库存不能为负数。"))
            elif stock > MAX_STOCK:
                errors.append(_("库存“%(value)s”过大：最多 %(max)s。") % {"value": row.stock, "max": f"{MAX_STOCK:,}"})
            row.stock = stock
        except ValueError:
            errors.append(_("库存“%(value)s”无效：应为整数。") % {"value": row.stock})
        if len(row.title) > 255:
            errors.append(_("商品名称不能超过255个字符。"))
        if len(row.title_en) > 255:
            errors.append(_("英文名称不能超过255个字符。"))
        if row.sku in own:
            row.action = "update"
            allocated = own[row.sku].num_allocated or 0
            if isinstance(row.stock, int) and 0 <= row.stock < allocated:
                errors.append(_("库存不能少于已售出待发货的 %(count)s 件。") % {"count": allocated})
        elif row.sku.upper() in taken:
            errors.append(_("SKU 已被其他合作社使用。"))
        elif row.sku and not row.title:
            errors.append(_("未知 SKU：要新建商品，请填写商品名称。"))
        else:
            row.action = "create"
    return rows


def _default_product_class():
    return ProductClass.objects.filter(name="农产品").first() or ProductClass.objects.order_by("pk").first()


@transaction.atomic
def apply(rows: list[ImportRow], partner) -> tuple[int, int]:
    """Write all rows or none. Returns (created, updated). Re-validates: the data may have changed since the preview."""
    validate(rows, partner)
    bad = [row for row in rows if row.errors]
    if bad:
        raise ImportFileError(_("第 %(row)s 行：%(error)s") % {"row": bad[0].number, "error": bad[0].errors[0]})
    created = updated = 0
    product_class = _default_product_class()
    for row in rows:
        record = StockRecord.objects.select_for_update().filter(partner=partner, partner_sku=row.sku).select_related("product").first()
        if record is None:
            product = Product.objects.create(
                title=row.title,
                title_en=row.title_en,
                description=linebreaks(row.description, autoescape=True) if row.description else "",
                description_en=linebreaks(row.description_en, autoescape=True) if row.description_en else "",
                product_class=product_class,
                origin_county=partner.county,
                is_public=True,
            )
            StockRecord.objects.create(
                product=product,
                partner=partner,
                partner_sku=row.sku,
                price=Decimal(row.price),
                price_currency="CNY",
                num_in_stock=row.stock,
            )
            created += 1
            continue
        product = record.product
        changed = []
        if row.title and row.title != product.title:
            product.title, changed = row.title, [*changed, "title"]
        if row.description and row.description != _plain(product.description):
            product.description, changed = linebreaks(row.description, autoescape=True), [*changed, "description"]
        if row.title_en and row.title_en != product.title_en:
            product.title_en, changed = row.title_en, [*changed, "title_en"]
        if row.description_en and row.description_en != _plain(product.description_en):
            product.description_en, changed = linebreaks(row.description_en, autoescape=True), [*changed, "description_en"]
        if changed:
            product.save()
        record.price = Decimal(row.price)
        record.num_in_stock = row.stock
        record.save()
        updated += 1
    return created, updated


def _plain(html: str) -> str:
    """Product descriptions are HTML; the file carries plain text (imports are escaped, never raw HTML)."""
    return unescape(strip_tags(html or "")).strip()


def export_rows(partner) -> list[list]:
    records = StockRecord.objects.filter(partner=partner).select_related("product").order_by("partner_sku")
    return [COLUMNS] + [
        [
            record.partner_sku,
            record.product.title,
            record.product.title_en,
            record.price,
            record.num_in_stock,
            _plain(record.product.description),
            _plain(record.product.description_en),
        ]
        for record in records
    ]
