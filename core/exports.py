"""The one safe CSV/Excel writer for every download (statements, products, impact, inquiries).

Titles, names and addresses come from sellers and buyers. A cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is a formula to Excel, LibreOffice and WPS
(``=HYPERLINK("http://evil","点击领取货款")``), so text values get a leading apostrophe
(OWASP's advice), and .xlsx text cells are written with the string type, never as formulas.
Numbers that our own code computes (``Decimal``, ``int``, ``float``) stay numbers, so finance
can still sum a column; only text is neutralised.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from django.http import HttpResponse
from django.utils.http import content_disposition_header

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Control characters an .xlsx cannot hold (openpyxl refuses them with IllegalCharacterError).
_ILLEGAL_XLSX_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ILLEGAL_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")


class Sheet(NamedTuple):
    """One worksheet of an .xlsx download: a title, an optional header row and the rows."""

    title: str
    header: Sequence | None
    rows: Iterable[Sequence]


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _text(value: object) -> object:
    """Numbers stay numbers; everything else becomes neutralised text (None → empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)) or hasattr(value, "quantize"):
        return value
    return neutralise(str(value))


def _attachment(response: HttpResponse, filename: str, extension: str) -> HttpResponse:
    if not filename.lower().endswith(f".{extension}"):
        filename = f"{filename}.{extension}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def csv_response(filename: str, header: Sequence | None, rows: Iterable[Sequence]) -> HttpResponse:
    """A UTF-8 CSV download (with the BOM Excel in China needs to read Chinese), formulas neutralised."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    if header:
        writer.writerow([_text(value) for value in header])
    for row in rows:
        writer.writerow([_text(value) for value in row])
    return _attachment(HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename, "csv")


def _sheet_title(title: str, used: set[str]) -> str:
    base = _ILLEGAL_SHEET_TITLE.sub("-", str(title or "Sheet")).strip("'")[:31] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(candidate.lower())
    return candidate


def xlsx_bytes(sheets: Iterable[Sheet | tuple]) -> bytes:
    """The workbook as bytes: text cells typed as strings (never formulas), numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for title, header, rows in sheets:
        worksheet = workbook.create_sheet(title=_sheet_title(title, used))

        def cells(values: Sequence, worksheet=worksheet) -> list:
            out = []
            for value in values:
                value = _text(value)
                if isinstance(value, str):
                    cell = WriteOnlyCell(worksheet, _ILLEGAL_XLSX_CHARACTERS.sub("", value))
                    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
                else:
                    cell = WriteOnlyCell(worksheet, value)
                out.append(cell)
            return out

        if header:
            worksheet.append(cells(header))
        for row in rows:
            worksheet.append(cells(row))
    if not used:
        workbook.create_sheet(title="Sheet")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Iterable[Sheet | tuple]) -> HttpResponse:
    """An .xlsx download of ``sheets`` — each ``Sheet(title, header, rows)`` or a plain 3-tuple."""
    return _attachment(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE), filename, "xlsx")
