"""After-sale and reviews on a phone (390 px), against the session's end-to-end server seeded like `make run`.

aftersales/demo.py gives consumer@example.com a 威宁 order shipped yesterday (DEMO-AS01, ready for a
claim) and one delivered three days ago (DEMO-AS02, ready for a review).
"""

import io
import re

import pytest
from PIL import Image

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def jpeg(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def small_tap_targets(page, selector: str) -> list[str]:
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter(el => el.offsetParent !== null)
            .filter(el => { const r = el.getBoundingClientRect(); return r.height < 44; })
            .map(el => el.outerHTML.slice(0, 80))""",
        selector,
    )


def test_buyer_files_a_claim_with_a_photo_and_sees_it_resolved(page, browser, e2e_server, tmp_path):
    log_in(page, "consumer@example.com")
    page.goto("/shop/accounts/orders/DEMO-AS01/")
    section = page.locator(".aftersale")
    assert "前可申请" in section.inner_text()
    section.get_by_role("link", name="申请售后").first.click()
    page.wait_for_url(re.compile(r"/aftersales/lines/\d+/claim/$"))
    assert "售后截止" in page.inner_text("body")
    assert no_horizontal_scroll(page)
    assert small_tap_targets(page, ".claim-form .choice-list label, .claim-form button") == []

    page.get_by_label("破损").check()
    page.fill("#id_quantity", "1")
    page.set_input_files("#id_photos", files=[{"name": "crushed.jpg", "mimeType": "image/jpeg", "buffer": jpeg("saddlebrown")}])
    page.fill("#id_note", "外箱压扁，一个洋芋摔裂")
    page.screenshot(path=str(tmp_path / "claim-form-390.png"), full_page=True)
    page.get_by_role("button", name="提交售后申请").click()
    page.wait_for_url(re.compile(r"/aftersales/claims/\d+/$"))
    claim_url = page.url
    body = page.inner_text("body")
    assert "售后申请已提交" in body and "待合作社处理" in body and "外箱压扁，一个洋芋摔裂" in body
    assert page.locator(".photo-grid img").count() == 1
    photo = page.locator(".photo-grid img")
    photo.scroll_into_view_if_needed()  # loading="lazy": a picture below the fold is not fetched yet
    assert photo.evaluate("img => img.decode().then(() => img.naturalWidth)") == 320
    assert no_horizontal_scroll(page)

    # 威宁's clerk answers on a phone: a partial refund, no return needed.
    clerk_context = browser.new_context(base_url=e2e_server, viewport={"width": 390, "height": 844}, locale="zh-CN")
    clerk = clerk_context.new_page()
    log_in(clerk, "coop-weining@example.com")
    clerk.goto("/dashboard/cooperative/claims/")
    assert no_horizontal_scroll(clerk)
    clerk.get_by_role("link", name="DEMO-AS01").click()
    clerk.wait_for_url(re.compile(r"/dashboard/cooperative/claims/\d+/$"))
    assert "外箱压扁，一个洋芋摔裂" in clerk.inner_text("body")
    assert "consumer@example.com" not in clerk.content()
    assert no_horizontal_scroll(clerk)
    clerk.fill("#id_amount", "3.50")
    clerk.get_by_role("button", name="确认退款").click()
    clerk.wait_for_load_state()
    assert "已同意退款" in clerk.inner_text("body")
    clerk.screenshot(path=str(tmp_path / "claim-seller-390.png"), full_page=True)
    clerk_context.close()

    page.goto(claim_url)
    body = page.inner_text("body")
    assert "已同意退款" in body and "¥3.50" in body
    page.goto("/shop/accounts/orders/DEMO-AS01/")
    assert "退款 ¥3.50" in page.locator(".aftersale").inner_text()
    assert no_horizontal_scroll(page)


def test_buyer_posts_a_review_and_sees_it_on_the_product_page(page, tmp_path):
    log_in(page, "consumer@example.com")
    page.goto("/shop/accounts/orders/DEMO-AS02/")
    page.locator(".aftersale").get_by_role("link", name="写评价").first.click()
    page.wait_for_url(re.compile(r"/reviews/product/\d+/write/$"))
    assert no_horizontal_scroll(page)
    assert small_tap_targets(page, ".rating-input label, .review-form button") == []
    page.get_by_label("4 星 · 好").check()
    page.fill("#id_body", "粉糯香甜，炖排骨一流")
    page.set_input_files("#id_photos", files=[{"name": "dish.jpg", "mimeType": "image/jpeg", "buffer": jpeg("goldenrod")}])
    page.get_by_role("button", name="发表评价").click()
    page.wait_for_url(re.compile(r"/shop/catalogue/.+#review-\d+$"))
    review = page.locator(".review", has_text="粉糯香甜，炖排骨一流")
    assert review.count() == 1
    assert "★★★★☆" in review.inner_text() and "已购买" in review.inner_text()
    assert review.locator("img").count() == 1
    assert "条已购买家评价" in page.locator(".reviews__summary").inner_text()
    ld = page.evaluate(
        """() => [...document.querySelectorAll('script[type="application/ld+json"]')]
            .map(s => JSON.parse(s.textContent)).find(d => d['@type'] === 'Product')"""
    )
    assert ld["aggregateRating"]["reviewCount"] >= 1
    assert no_horizontal_scroll(page)
    page.locator("#reviews").screenshot(path=str(tmp_path / "reviews-390.png"))
