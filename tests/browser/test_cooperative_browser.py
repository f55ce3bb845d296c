"""A cooperative (威宁) in Chromium: log in, import a small GBK CSV after its preview, ship an order line.

Runs against the session's end-to-end server (tests/browser/conftest.py), whose
database is seeded with the demo data, demo orders included.
"""

import re

import pytest

from marketplace.demo import data
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def weining_sku() -> str:
    """The SKU seed_demo gives the first 威宁 product (QH<index><spec>)."""
    index = next(i for i, speciality in enumerate(data.SPECIALITIES) if speciality[0] == "weining")
    return f"QH{index:03d}0"


@pytest.mark.xfail(
    reason="drives the per-line shipping screen that packages replaced (#14; shipping is covered by "
    "test_seller_centre_browser.py); to be rewritten for the import half",
    strict=False,
)
def test_cooperative_imports_a_csv_after_preview_and_ships_a_line(page):
    log_in(page, "coop-weining@example.com")

    page.goto("/dashboard/cooperative/import/")
    csv_text = f"SKU,商品名称,单价,库存\n{weining_sku()},,58.80,222\nWN-BROWSER-1,威宁荞麦面 1kg,26.00,40\n"
    page.set_input_files("#id_file", files=[{"name": "weining.csv", "mimeType": "text/csv", "buffer": csv_text.encode("gbk")}])
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url(re.compile(r"/dashboard/cooperative/import/\d+/$"))
    preview = page.inner_text("body")
    assert "威宁荞麦面 1kg" in preview and "新建" in preview and "更新" in preview
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_load_state()
    assert "导入完成：新建 1 个商品，更新 1 个" in page.inner_text("body")

    page.goto("/dashboard/cooperative/orders/")
    page.locator("table a").first.click()
    page.wait_for_url(re.compile(r"/dashboard/cooperative/orders/[^/]+/$"))
    order_url = page.url
    page.locator("table a", has_text="发货").first.click()
    page.fill("#id_carrier", "顺丰速运")
    page.fill("#id_tracking_number", "SF20260001")
    page.get_by_role("button", name="确认发货并通知买家").click()
    page.wait_for_url(order_url)
    body = page.inner_text("body")
    assert "SF20260001" in body and "已发货" in body
