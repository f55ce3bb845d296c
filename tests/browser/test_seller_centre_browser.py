"""The seller centre on a phone (390 px): 威宁's clerk does a morning's work, and the buyer sees the box.

Against the session's end-to-end server, seeded like `make run` (cooperatives/demo.py gives 威宁 a
two-line order from consumer@example.com awaiting shipment: DEMO-0090).
"""

import io
import re

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

ORDER = "DEMO-0090"


def jpeg(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_cooperative_runs_its_shop_from_a_phone(page, browser, e2e_server):
    log_in(page, "coop-weining@example.com")
    page.goto("/dashboard/")
    page.wait_for_url(re.compile(r"/dashboard/cooperative/$"))
    body = page.inner_text("body")
    assert "今日工作" in body and "待发货" in body and ORDER in body and "近12个月销售额" in page.content()
    html = page.content()
    assert "navbar-brand" not in html and "oscar/img" not in html and "Oscar" not in html
    assert page.locator("svg rect.seller-chart__bar").count() == 12
    assert no_horizontal_scroll(page)

    # Edit a price inline.
    page.get_by_role("link", name=re.compile("^商品")).first.click()
    page.wait_for_url(re.compile(r"/dashboard/cooperative/products/"))
    row = page.locator(".seller-product").first
    title = row.locator(".seller-product__title").inner_text()
    row.locator("input[name=price]").fill("77.70")
    row.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert f"已保存“{title}”：单价 ¥77.70" in page.inner_text("body")
    assert no_horizontal_scroll(page)

    # Add two photos and reorder them.
    page.locator(".seller-product__title").first.click()
    page.wait_for_url(re.compile(r"/dashboard/cooperative/products/\d+/$"))
    before = page.locator(".seller-photo").count()
    page.set_input_files(
        "#id_photos",
        files=[
            {"name": "field.jpg", "mimeType": "image/jpeg", "buffer": jpeg("green")},
            {"name": "harvest.jpg", "mimeType": "image/jpeg", "buffer": jpeg("orange")},
        ],
    )
    page.get_by_role("button", name="上传照片").click()
    page.wait_for_load_state()
    assert "已添加 2 张照片" in page.inner_text("body")
    photos = page.locator(".seller-photo")
    assert photos.count() == before + 2
    last_id = photos.nth(before + 1).get_attribute("data-photo-id")
    photos.nth(before + 1).get_by_role("button", name="设为主图").click()
    page.wait_for_load_state()
    assert page.locator(".seller-photo").first.get_attribute("data-photo-id") == last_id
    assert page.locator(".seller-photo").first.locator(".seller-photo__main").count() == 1
    assert no_horizontal_scroll(page)

    # Pack the order's two lines into one package.
    page.goto(f"/dashboard/cooperative/orders/{ORDER}/")
    checks = page.locator(".seller-pack input[type=checkbox]")
    assert checks.count() == 2
    page.get_by_role("button", name="打包所选订单行").click()
    page.wait_for_load_state()
    assert "已打包" in page.inner_text("body")
    package = page.locator(".seller-package").first
    assert package.locator(".seller-package__lines li").count() == 2

    # Print the label: a PDF with the receiver and the order number.
    label_url = package.get_by_role("link", name="打印快递面单（A6）").get_attribute("href")
    response = page.request.get(label_url)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.body())).pages[0].extract_text()
    receiver = page.locator(".seller-facts dd").first.inner_text().strip()
    assert ORDER in text and receiver in text

    # Ship with 顺丰 and a tracking number.
    package.locator("select[name=carrier]").select_option(label="顺丰速运")
    package.locator("input[name=tracking_number]").fill("SF1402026001")
    package.get_by_role("button", name="确认发货并通知买家").click()
    page.wait_for_load_state()
    body = page.inner_text("body")
    assert "已发货，已通知买家" in body and "SF1402026001" in body and "顺丰速运" in body
    assert no_horizontal_scroll(page)

    # The buyer's tracking page, as that buyer.
    buyer = browser.new_context(base_url=e2e_server, viewport={"width": 390, "height": 844}, locale="zh-CN")
    buyer_page = buyer.new_page()
    log_in(buyer_page, "consumer@example.com")
    buyer_page.goto(f"/shop/accounts/orders/{ORDER}/")
    buyer_body = buyer_page.inner_text("body")
    assert "包裹与物流" in buyer_body and "顺丰速运" in buyer_body and "SF1402026001" in buyer_body
    buyer.close()
