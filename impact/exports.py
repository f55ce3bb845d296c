"""The assessment report as files: one .xlsx sheet (or one CSV) per table, through the safe writer.

Every sheet starts with what it is — the table, the period, the filters and when it was
generated — so a printed page filed with the assessment still says what it counts.
"""

from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.exports import Sheet, csv_response, xlsx_response
from impact.selectors import Table


def _cell(kind: str, value: Any) -> Any:
    if value == "" or value is None:
        return ""
    return value  # Decimals and ints stay numbers; core.exports neutralises text


def table_rows(table: Table, meta: dict[str, Any]) -> list[list[Any]]:
    generated: datetime = meta["generated"]
    rows: list[list[Any]] = [
        [_("报表"), table.title],
        [_("统计期间"), meta["period"]],
        [_("筛选条件"), meta["filters"]],
        [_("生成时间"), generated.strftime("%Y-%m-%d %H:%M")],
        [_("口径"), _("金额、件数、订单数均已逐行扣除退款（元）")],
        [],
        [str(column.label) for column in table.columns],
    ]
    for row in table.rows:
        rows.append([_cell(kind, value) for kind, value in table.cells(row)])
    if table.note:
        rows.extend([[], [_("说明"), table.note]])
    return rows


def report_xlsx(stem: str, tables: list[Table], meta: dict[str, Any]) -> HttpResponse:
    return xlsx_response(stem, [Sheet(table.title, None, table_rows(table, meta)) for table in tables])


def report_csv(stem: str, table: Table, meta: dict[str, Any]) -> HttpResponse:
    return csv_response(stem, None, table_rows(table, meta))
