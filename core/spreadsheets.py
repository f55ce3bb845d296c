"""The one bounded reader for uploaded spreadsheets (CSV and .xlsx): imports and quick orders.

An .xlsx file is a zip of XML. openpyxl parses whatever it is given, so a 1.5 MB upload with
one huge inline string, a sheet that inflates a thousand-fold, or a forged
``<dimension ref="A1:XFD5001">`` (openpyxl pads every row to the claimed 16,384 columns) took
the server past 7 GB. Here, before openpyxl sees the file:

1. the upload is read in chunks and refused as soon as it passes ``max_bytes``;
2. the zip directory is inspected: member count, each member's and the total uncompressed
   size, and each member's compression ratio — nothing is inflated to find out;

and while streaming the rows: the claimed dimension is ignored (``reset_dimensions``), only the
first ``max_columns`` columns are read, a cell longer than ``max_cell_chars`` and a row past
``max_rows`` stop the reading with a clear error. Memory and time are bounded by the limits, not
by what the file claims. CSV gets the same byte, row, column and cell limits.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.uploads import UploadTooLarge, read_limited


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 2 * 1024 * 1024
    max_rows: int = 5000  # data rows, after the header
    max_columns: int = 20
    max_cell_chars: int = 5000
    # The zip behind an .xlsx: a real export of max_rows rows stays far below these.
    max_members: int = 64
    max_member_bytes: int = 24 * 1024 * 1024
    max_total_bytes: int = 48 * 1024 * 1024
    max_ratio: int = 100  # uncompressed / compressed, for members over ratio_floor bytes
    ratio_floor: int = 1024 * 1024


def read_upload(upload, limits: Limits) -> bytes:
    """The upload's bytes, read in chunks and never more than ``limits.max_bytes``."""
    try:
        return read_limited(upload, limits.max_bytes)
    except UploadTooLarge:
        raise SpreadsheetError(_("文件过大（上限 %(limit)s MB）。") % {"limit": _megabytes(limits.max_bytes)}) from None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def decode_text(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in Chinese saves CSV as GBK; GB 18030 is its superset
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(_("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV。"))


def read_table(name: str, raw: bytes, limits: Limits = Limits()) -> list[list[str]]:
    """The cells of a CSV or .xlsx file as text (first row the header), within ``limits``."""
    if len(raw) > limits.max_bytes:
        raise SpreadsheetError(_("文件过大（上限 %(limit)s MB）。") % {"limit": _megabytes(limits.max_bytes)})
    extension = name.lower().rsplit(".", 1)[-1] if "." in (name or "") else ""
    if extension in ("csv", "txt"):
        return _csv_rows(raw, limits)
    if extension == "xlsx":
        return _xlsx_rows(raw, limits)
    raise SpreadsheetError(_("只接受 CSV 或 Excel（.xlsx）文件。"))


def _too_many_rows(limits: Limits) -> SpreadsheetError:
    return SpreadsheetError(_("一次最多导入 %(max)s 行。") % {"max": limits.max_rows})


def _cell_too_long(row: int, limits: Limits) -> SpreadsheetError:
    return SpreadsheetError(_("第 %(row)s 行有单元格超过 %(max)s 个字符。") % {"row": row, "max": limits.max_cell_chars})


def _bounded_row(values, number: int, limits: Limits) -> list[str]:
    cells = []
    for value in list(values)[: limits.max_columns]:
        text = "" if value is None else _cell_text(value)
        if len(text) > limits.max_cell_chars:
            raise _cell_too_long(number, limits)
        cells.append(text)
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Rows(list):
    filled = 0


def _count_row(rows: "_Rows", cells: list[str], number: int, limits: Limits) -> None:
    """Append a row; refuse past max_rows filled rows (header included) or twice that many rows in all.

    Empty rows keep their place (row numbers in messages match the file) but a file of a million
    empty rows is refused too, in time bounded by the limit.
    """
    rows.append(cells)
    rows.filled += bool(cells)
    if number > 2 * (limits.max_rows + 1) or rows.filled > limits.max_rows + 1:
        raise _too_many_rows(limits)


def _csv_rows(raw: bytes, limits: Limits) -> list[list[str]]:
    text = decode_text(raw)
    if "\x00" in text:
        raise SpreadsheetError(_("CSV 文件格式不正确。"))
    rows = _Rows()
    previous_limit = csv.field_size_limit()
    csv.field_size_limit(limits.max_cell_chars + 1)
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text)), start=1):
            _count_row(rows, _bounded_row(values, number, limits), number, limits)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise _cell_too_long(len(rows) + 1, limits) from None
        raise SpreadsheetError(_("CSV 文件格式不正确：%(error)s") % {"error": error}) from None
    finally:
        csv.field_size_limit(previous_limit)
    return rows


def inspect_zip(raw: bytes, limits: Limits) -> None:
    """Refuse a zip that would inflate beyond the limits, from its directory alone."""
    invalid = SpreadsheetError(_("不是有效的 Excel（.xlsx）文件。"))
    bomb = SpreadsheetError(_("Excel 文件解压后过大或压缩比异常，已拒绝。请另存为普通的 .xlsx 文件后重试。"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise invalid from None
    with archive:
        members = archive.infolist()
        if not members or len(members) > limits.max_members:
            raise bomb if members else invalid
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > limits.max_member_bytes or total > limits.max_total_bytes:
                raise bomb
            if member.file_size > limits.ratio_floor and member.file_size > limits.max_ratio * max(member.compress_size, 1):
                raise bomb
        if "xl/workbook.xml" not in archive.namelist():
            raise invalid


def _xlsx_rows(raw: bytes, limits: Limits) -> list[list[str]]:
    inspect_zip(raw, limits)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds of errors for broken files; one answer
        raise SpreadsheetError(_("不是有效的 Excel（.xlsx）文件。")) from None
    try:
        if not workbook.worksheets:
            raise SpreadsheetError(_("文件是空的。"))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a forged <dimension> must not decide how many cells we make
        rows = _Rows()
        try:
            for number, values in enumerate(sheet.iter_rows(max_col=limits.max_columns, values_only=True), start=1):
                _count_row(rows, _bounded_row(values, number, limits), number, limits)
        except SpreadsheetError:
            raise
        except Exception:  # noqa: BLE001 — a malformed sheet XML
            raise SpreadsheetError(_("不是有效的 Excel（.xlsx）文件。")) from None
        while rows and not any(cell.strip() for cell in rows[-1]):
            rows.pop()
        return rows
    finally:
        workbook.close()
