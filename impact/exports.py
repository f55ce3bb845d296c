"""CSV and Excel downloads of every report table (for the assessment paperwork)."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook


def table_rows(table: str, rows: list) -> tuple[list[str], list[list]]:
    if table == "district":
        header = [_("广州市辖区"), _("结对县"), _("购买结对县金额（元）"), _("购买其他县金额（元）"), _("订单数")]
        return header, [[r.name, r.paired_counties, r.paired_gmv, r.other_gmv, r.orders] for r in rows]
    header = [_("项目"), _("销售额（元）"), _("订单数"), _("件数"), _("重量（千克）")]
    return header, [[r.label, r.gmv, r.orders, r.units, r.weight_kg] for r in rows]


def download(table: str, rows: list, fmt: str, filename: str) -> HttpResponse:
    header, body = table_rows(table, rows)
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = table[:31]
        sheet.append(header)
        for row in body:
            sheet.append([float(v) if hasattr(v, "quantize") else v for v in row])
        for cell in sheet["B"][1:] if table != "district" else []:
            cell.number_format = "#,##0.00"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(body)
    # UTF-8 with BOM: Excel in China opens it without garbling the Chinese.
    response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
