"""The demo supermarket buyer: quick order by CSV, tier prices, checkout on invoice, invoice PDF."""

import re
from datetime import date, timedelta

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_buyer_quick_orders_by_csv_and_checks_out_on_invoice(page, tmp_path):
    log_in(page, "buyer@example.com")

    # Three SKUs of the demo catalogue (case sizes 10, 10 and 1), as Excel would save them: GBK.
    csv_file = tmp_path / "本周补货.csv"
    csv_file.write_bytes("商品编号,数量\nQH0140,20\nQH0160,30\nQH0131,2\n".encode("gbk"))
    page.goto("/wholesale/quick-order/")
    page.set_input_files("input[name=upload]", str(csv_file))
    page.get_by_role("button", name="校验并加入购物车").click()
    page.wait_for_url(re.compile(r"/shop/basket/$"))
    basket = page.locator("main").inner_text()
    assert "已将 3 种商品加入购物车" in basket
    assert "¥30.60" in basket  # 威宁苦荞茶 at the first volume tier, not ¥36.00 retail

    page.goto("/shop/checkout/")  # one screen: address, delivery, PO number, place the order
    page.wait_for_url(re.compile(r"/shop/checkout/confirm/"))
    if page.locator("input[name=address_id][value=new]").count():
        page.check("input[name=address_id][value=new]")
    page.fill("#id_address-name", "李经理")
    page.fill("#id_address-mobile", "13800138000")
    page.fill("#id_address-district", "天河区")
    page.fill("#id_address-street", "天河路 100 号 生鲜超市收货区")
    assert page.locator("input[name=method_code][value=ambient-express]").is_checked()  # nothing in this basket is chilled
    page.fill("#id_po_number", "TH-PO-2026-118")
    page.fill("#id_delivery_date", (date.today() + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="提交订单（账期付款）").click()
    page.wait_for_url(re.compile(r"thank-you"))
    assert "这笔订单支持了" in page.content()

    page.goto("/wholesale/invoices/")
    assert "TH-PO-2026-118" in page.locator("main").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 PDF").first.click()
    pdf = tmp_path / "invoice.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
