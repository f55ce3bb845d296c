"""A guest in Guangzhou buys two cooperatives' produce and pays on the (sandbox) Stripe page.

The e2e server runs without Stripe keys, exactly like `make run`: the stripe library
talks to the local sandbox over HTTP, and the sandbox posts its signed webhook back.
"""

import re

import pytest

from tests.browser.conftest import watch_policy

pytestmark = pytest.mark.browser


def add_from_search(page, query: str, title: str) -> None:
    page.goto(f"/shop/search/?q={query}")
    page.locator(".card-tile__title a", has_text=title).first.click()
    with page.expect_navigation():  # the add posts and redirects; wait for it before the next goto
        page.locator("[data-testid=add-to-basket]").click()


def test_guest_buys_from_two_cooperatives_and_pays_in_the_sandbox(page):
    blocked = watch_policy(page)  # the hand-over to the payment page passes the CSP's form-action
    add_from_search(page, "都匀毛尖", "都匀毛尖")  # 都匀 cooperative
    add_from_search(page, "威宁洋芋", "威宁洋芋")  # 威宁 cooperative
    page.goto("/shop/checkout/")

    page.wait_for_url(re.compile(r"/shop/checkout/confirm/$"))
    assert page.input_value("#id_address-province") == "广东省" and page.input_value("#id_address-city") == "广州市"
    page.fill("#id_contact-email", "guest-browser@example.com")
    page.fill("#id_address-name", "陈小姐")
    page.fill("#id_address-mobile", "1381234567")  # one digit short
    page.fill("#id_address-district", "天河区")
    page.fill("#id_address-street", "天河路385号")
    page.click("#place-order")
    page.wait_for_load_state()
    assert "11位中国大陆手机号码" in page.locator("main").inner_text()
    assert page.input_value("#id_address-street") == "天河路385号"  # nothing typed is lost
    page.fill("#id_address-mobile", "13812345678")
    total = page.locator("[data-testid=order-total]").first.inner_text()
    page.click("#place-order")

    page.wait_for_url(re.compile(r"/stripe-sandbox/pay/cs_test_"))
    amount = page.locator("[data-testid=amount]").inner_text()
    assert re.sub(r"[^\d.]", "", amount) == re.sub(r"[^\d.]", "", total)
    page.locator("button.pay").click()

    page.wait_for_url(re.compile(r"/checkout/thank-you/$"))
    body = page.locator("main").inner_text()
    number = re.search(r"\b(1\d{5})\b", body)
    assert number, body[:500]
    assert "陈小姐" in body and "天河路385号" in body
    assert blocked == []
