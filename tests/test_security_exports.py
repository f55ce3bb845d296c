"""Formula injection: seller and buyer text in every CSV/Excel download is inert (issue #12, point 6)."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from oscar.core.loading import get_model

from core.exports import Sheet, csv_response, neutralise, xlsx_response

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")

FORMULA = '=HYPERLINK("https://evil.example/pay","点击领取货款")'
HOSTILE = [FORMULA, "+86 138", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def csv_cells(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_every_formula_prefix_is_neutralised_and_numbers_stay_numbers():
    for value in HOSTILE:
        assert neutralise(value) == "'" + value
    assert neutralise("威宁洋芋") == "威宁洋芋" and neutralise(Decimal("-12.50")) == Decimal("-12.50")


def test_csv_download_neutralises_text():
    response = csv_response("products", ["商品名称", "金额"], [[value, Decimal("-12.50")] for value in HOSTILE])
    assert response["Content-Disposition"].startswith("attachment") and "products.csv" in response["Content-Disposition"]
    rows = csv_cells(response)
    assert [row[0] for row in rows[1:]] == ["'" + value for value in HOSTILE]
    assert [row[1] for row in rows[1:]] == ["-12.50"] * len(HOSTILE)  # a refund is still a number


def test_xlsx_download_writes_text_as_strings_never_formulas():
    response = xlsx_response("report", [Sheet("表:一/二", ["商品名称", "金额"], [[value, Decimal("18.50")] for value in HOSTILE])])
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    cells = [row for row in sheet.iter_rows(min_row=2)]
    assert all(name.data_type == "s" for name, _amount in cells)
    # XML turns a carriage return into a line feed on reading; either way the cell starts with "'".
    assert [name.value for name, _amount in cells] == ["'" + value.replace("\r", "\n") for value in HOSTILE]
    assert all(amount.data_type == "n" and amount.value == 18.5 for _name, amount in cells)


def test_cooperative_product_export_neutralises_a_hostile_title(client, cooperative_user):
    record = StockRecord.objects.filter(partner__users=cooperative_user).select_related("product").first()
    record.product.title = FORMULA
    record.product.save()
    client.force_login(cooperative_user)
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/dashboard/cooperative/export/{record.partner_id}/products.{fmt}")
        assert response.status_code == 200
        if fmt == "csv":
            assert "'" + FORMULA in [cell for row in csv_cells(response) for cell in row]
        else:
            sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
            titles = [cell for row in sheet.iter_rows() for cell in row if cell.value and FORMULA in str(cell.value)]
            assert titles and all(cell.data_type == "s" and cell.value == "'" + FORMULA for cell in titles)


def test_group_inquiry_export_neutralises_what_a_visitor_typed(client, staff_user):
    from wagtail.contrib.forms.models import FormSubmission

    from tourism.models import GroupInquiryPage

    page = GroupInquiryPage.objects.filter(locale__language_code="zh-hans").first() or GroupInquiryPage.objects.first()
    field = page.form_fields.first()
    FormSubmission.objects.create(page=page, form_data={field.clean_name: FORMULA})
    client.force_login(staff_user)
    response = client.get(f"/cms-admin/forms/submissions/{page.pk}/?export=csv")
    assert response.status_code == 200
    cells = [cell for row in csv_cells(response) for cell in row]
    assert "'" + FORMULA in cells and FORMULA not in cells


def test_staff_order_csv_neutralises_the_buyers_name(client, staff_user):
    from oscar.test.factories import ShippingAddressFactory, create_order

    buyer = get_user_model().objects.get(username="consumer")
    order = create_order(user=buyer, shipping_address=ShippingAddressFactory(first_name="@SUM(1+1)*cmd", last_name="x"))
    client.force_login(staff_user)
    response = client.post("/dashboard/orders/", {"action": "download_selected_orders", "selected_order": [order.pk]})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    cells = [cell for row in csv_cells(response) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
