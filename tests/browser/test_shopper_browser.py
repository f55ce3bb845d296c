"""A Guangzhou shopper on a phone: product page → trace page; the public impact page."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_product_page_trace_link_shows_the_batch(page):
    page.goto("/shop/search/?q=dymj")
    page.get_by_role("link", name=re.compile("都匀毛尖 明前特级")).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("都匀毛尖")
    assert "黄埔区对口帮扶·都匀" in page.content()
    page.get_by_role("link", name="查看溯源信息").click()
    page.wait_for_url(re.compile(r"/trace/[^/]+/$"))
    body = page.locator("main").inner_text()
    assert "都匀毛尖" in body
    assert "都匀市" in body


def test_impact_page_renders_with_county_chart(page, tmp_path):
    page.goto("/impact/")
    dots = page.locator(".impact-map__dot")
    assert dots.count() >= 10  # the county map: the demo history touches every county
    assert page.locator(".impact-chart__bar").count() >= 1  # monthly sales are drawn
    screenshot = tmp_path / "impact.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
