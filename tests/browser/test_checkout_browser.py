"""A guest in Guangzhou buys two cooperatives' produce and pays on the (sandbox) Stripe page.

The e2e server runs without Stripe keys, exactly like `make run`: the stripe library
talks to the local sandbox over HTTP, and the sandbox posts its signed webhook back.
"""

import re

import pytest

pytestmark = pytest.mark.browser


def add_from_search(page, query: str, title: str) -> None:
    page.goto("/shop/catalogue/")
    search = page.locator("#site-search-q")
    if search.is_visible():
        search.fill(query)
        search.press("Enter")
    else:  # the phone header may fold the search away; the form's own target
        page.goto(f"/shop/search/?q={query}")
    page.wait_for_url(re.compile(r"/shop/search/"))
    page.get_by_role("link", name=re.compile(title)).first.click()
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state()


def test_guest_buys_from_two_cooperatives_and_pays_in_the_sandbox(page):
    add_from_search(page, "都匀毛尖", "都匀毛尖")  # 都匀 cooperative
    add_from_search(page, "威宁洋芋", "威宁洋芋")  # 威宁 cooperative
    page.goto("/shop/checkout/")

    page.fill("#id_username", "guest-browser@example.com")
    page.check("input[name=options][value=anonymous]")
    page.locator("form:has(#id_username) button[type=submit]").click()

    page.wait_for_url(re.compile(r"/shipping-address/$"))
    assert page.input_value("#id_province") == "广东省" and page.input_value("#id_city") == "广州市"
    page.fill("#id_name", "陈小姐")
    page.fill("#id_mobile", "1381234567")  # one digit short
    page.fill("#id_district", "天河区")
    page.fill("#id_street", "天河路385号")
    page.locator("#new_shipping_address button[type=submit]").click()
    assert "11位中国大陆手机号码" in page.locator("main").inner_text()
    page.fill("#id_mobile", "13812345678")
    page.locator("#new_shipping_address button[type=submit]").click()

    page.wait_for_load_state()
    if "/shipping-method/" in page.url:
        page.locator("form[action$='/shipping-method/'] button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/preview/$"))
    total = page.locator("#basket_totals .total").last.inner_text() if page.locator("#basket_totals .total").count() else ""
    page.click("#place-order")

    page.wait_for_url(re.compile(r"/stripe-sandbox/pay/cs_test_"))
    amount = page.locator("[data-testid=amount]").inner_text()
    if total:
        assert re.sub(r"[^\d.]", "", amount) == re.sub(r"[^\d.]", "", total)
    page.locator("button.pay").click()

    page.wait_for_url(re.compile(r"/checkout/thank-you/$"))
    body = page.locator("main").inner_text()
    number = re.search(r"\b(1\d{5})\b", body)
    assert number, body[:500]
    assert "陈小姐" in body or "天河路385号" in body
