"""The cached product page in a real browser: add to basket with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def product_url(page) -> str:
    page.goto("/shop/search/?q=%E8%8B%A6%E8%8D%9E%E8%8C%B6")
    return page.locator("main a[href^='/shop/catalogue/']", has_text="威宁苦荞茶").first.get_attribute("href")


def test_a_cached_product_page_adds_to_basket_and_shows_the_count(browser, e2e_server):
    first = browser.new_context(base_url=e2e_server, viewport={"width": 390, "height": 844})
    url = product_url(first.new_page())
    first.new_page().goto(url)  # a cookie-less visitor renders the page for the cache
    first.close()

    context = browser.new_context(base_url=e2e_server, viewport={"width": 390, "height": 844})
    page = context.new_page()
    response = page.goto(url)
    assert response.headers["x-page-cache"] == "hit"
    # visitor.js fills the cached form's CSRF token (a locator, not wait_for_function: our CSP forbids eval)
    expect(page.locator("#add_to_basket_form input[name=csrfmiddlewaretoken]")).to_have_value(re.compile(r".+"))
    with page.expect_navigation():
        page.click("[data-testid=add-to-basket]")
    assert "403" not in page.title()
    page.goto(url)
    assert page.locator("[data-visitor=basket-count]").first.inner_text().strip() == "1"
    context.close()


def test_without_javascript_a_cached_form_asks_once_to_confirm(browser, e2e_server):
    warm = browser.new_context(base_url=e2e_server)
    url = product_url(warm.new_page())
    warm.new_page().goto(url)
    warm.close()

    context = browser.new_context(base_url=e2e_server, java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    assert page.goto(url).headers["x-page-cache"] == "hit"
    with page.expect_navigation():
        page.click("[data-testid=add-to-basket]")
    assert page.locator("h1").inner_text() == "请确认操作"
    page.screenshot(path="/tmp/h18/csrf-confirm-390.png", full_page=True)
    page.get_by_role("button", name="确认并继续").click()
    page.wait_for_url(f"**{url}")  # back on the product page, as with JavaScript
    page.goto("/shop/basket/")
    assert "苦荞茶" in page.content()
    context.close()
