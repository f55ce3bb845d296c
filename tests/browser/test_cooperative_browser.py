"""A cooperative (威宁) in Chromium: log in and import a small GBK CSV after its preview.

Shipping (packages, labels, carriers) is walked through in test_seller_centre_browser.py.

Runs against the session's end-to-end server (tests/browser/conftest.py), whose
database is seeded with the demo data, demo orders included.
"""

import re

import pytest

from marketplace.demo import data
from tests.browser.conftest import log_in
from tests.browser.test_seller_centre_browser import no_horizontal_scroll

pytestmark = pytest.mark.browser


def weining_sku() -> str:
    """The SKU seed_demo gives the first 威宁 product (QH<index><spec>)."""
    index = next(i for i, speciality in enumerate(data.SPECIALITIES) if speciality[0] == "weining")
    return f"QH{index:03d}0"


def test_cooperative_imports_a_gbk_csv_after_its_preview(page):
    log_in(page, "coop-weining@example.com")

    page.goto("/dashboard/cooperative/import/")
    csv_text = f"SKU,商品名称,单价,库存\n{weining_sku()},,58.80,222\nWN-BROWSER-1,威宁荞麦面 1kg,26.00,40\n"
    page.set_input_files("#id_file", files=[{"name": "weining.csv", "mimeType": "text/csv", "buffer": csv_text.encode("gbk")}])
    with page.expect_navigation():
        page.get_by_role("button", name="上传并预览").click()
    assert re.search(r"/dashboard/cooperative/import/\d+/$", page.url), page.url
    preview = page.inner_text("body")
    assert "威宁荞麦面 1kg" in preview and "新建" in preview and "更新" in preview
    with page.expect_navigation():
        page.get_by_role("button", name="确认导入").click()
    assert "导入完成：新建 1 个商品，更新 1 个" in page.inner_text("body")
    assert no_horizontal_scroll(page)

    page.goto("/dashboard/cooperative/products/?q=WN-BROWSER-1")
    row = page.locator(".seller-product", has_text="WN-BROWSER-1")
    assert "威宁荞麦面 1kg" in row.inner_text()
    assert row.locator("input[name=price]").input_value() == "26.00"
    assert row.locator("input[name=num_in_stock]").input_value() == "40"
