"""A Guangzhou shopper on a 390 × 844 phone: search → product → 立即购买 → one-screen checkout → pay → thank-you,
and a second trip through the basket with two cooperatives' produce.

Every page on the way is checked the way a shopper would notice: no English on the Chinese
site (and no Chinese chrome on the English one), nothing wider than the screen, a header no
taller than 64 px, thumb-sized buttons, and no serious or critical axe-core violation.
Each step is photographed at 390 px and 1280 px into ``SCREENSHOTS`` (see README).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "benchmarks" / "results" / "screenshots" / "shopper"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Latin words a Chinese page may show: brand and standard names, units. Codes (SKUs, certificate
# and order numbers, pinyin slugs in SKUs) are upper-case/digits and are allowed by the pattern.
ALLOWED_LATIN = {"Stripe", "kg", "g", "ml", "GB", "PDF", "QR", "Alipay"}

VISIBLE_TEXT_JS = """
(root) => {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || el.closest('script,style,noscript,template,[hidden],.sr-only,[lang]:not(html)')) continue;
    if (el.closest('.tab-bar') && getComputedStyle(el.closest('.tab-bar')).display === 'none') continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    out.push(text);
  }
  return out;
}
"""

TOO_WIDE_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    // Leaflet draws its vector layer wider than the map on purpose; the map itself clips it.
    if (rect.width > width + 1 && !el.closest('.leaflet-container')) {
      const name = el.tagName.toLowerCase() + (el.getAttribute('class') ? '.' + el.getAttribute('class').split(' ').join('.') : '');
      wide.push(name + ' ' + Math.round(rect.width));
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 10)};
}
"""

SMALL_TARGETS_JS = """
() => Array.from(document.querySelectorAll([
    '.site-header a', '.site-header button', '.site-header input', '.tab-bar a', '.buy-bar button', '.buy-bar input', '.buy-bar a',
    '.checkout-bar button', '.checkout-bar a', '.site-nav a', '.site-footer a'].join(',')))
  .filter(el => { const r = el.getBoundingClientRect(); return getComputedStyle(el).display !== 'none' && r.width > 0 && r.height > 0; })
  .filter(el => { const r = el.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
  .map(el => {
    const r = el.getBoundingClientRect();
    const label = (el.textContent || el.value || '').trim().slice(0, 20);
    return el.tagName.toLowerCase() + ' "' + label + '" ' + Math.round(r.width) + 'x' + Math.round(r.height);
  })
"""


@pytest.fixture
def shop_url(request) -> str:
    """The e2e server (or QHJS_E2E_URL, a server you already run, while working on these tests)."""
    return os.environ.get("QHJS_E2E_URL") or request.getfixturevalue("e2e_server")


@pytest.fixture
def phone(browser, shop_url):
    context = browser.new_context(base_url=shop_url, viewport=PHONE, locale="zh-CN", bypass_csp=True, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def english_words(page) -> list[str]:
    texts = page.evaluate(VISIBLE_TEXT_JS, page.locator("body").element_handle())
    found = []
    for text in texts:
        text = re.sub(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", "", text)  # the buyer's own email
        for word in re.findall(r"[A-Za-z][A-Za-z']+", text):
            if word in ALLOWED_LATIN or word.isupper() or re.fullmatch(r"[A-Z][A-Z0-9]*[a-z]{0,2}", word):
                continue
            found.append(f"{word} (in “{text[:40]}”)")
    return found


def chinese_chrome(page) -> list[str]:
    """Chinese in the English site's chrome: header, navigation, tab bar, footer, buttons, form legends, pager."""
    texts = []
    for chrome in page.locator(".site-header, .site-nav, .tab-bar, .site-footer, button, legend, .pager").element_handles():
        texts += page.evaluate(VISIBLE_TEXT_JS, chrome)
    return [text for text in texts if re.search(r"[\u4e00-\u9fff]", text)]


def check_page(page, step: str, *, language: str = "zh") -> None:
    """What every step must satisfy, then its screenshots at 390 px and 1280 px."""
    page.wait_for_load_state("load")
    if language == "zh":
        words = english_words(page)
        assert not words, f"{step}: English on the Chinese site: {words[:15]}"
    else:
        chrome = chinese_chrome(page)
        assert not chrome, f"{step}: Chinese chrome on the English site: {chrome}"
    layout = page.evaluate(TOO_WIDE_JS)
    assert layout["scroll"] <= layout["width"] and not layout["wide"], f"{step}: wider than the phone: {layout}"
    header = page.locator(".site-header").bounding_box()
    assert header and header["height"] <= 64, f"{step}: header {header}"
    small = page.evaluate(SMALL_TARGETS_JS)
    assert not small, f"{step}: tap targets under 44 px: {small}"
    check_accessibility(page, step)
    screenshot(page, step)


def screenshot(page, step: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{step}-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SCREENSHOTS / f"{step}-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)


def check_accessibility(page, step: str) -> None:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: `make install` runs `npm ci` (needs npm)")
        return
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.help + ' → ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }"""
    )
    assert not result, f"{step}: axe-core serious/critical violations:\n" + "\n".join(result)


def search_and_open(page, query: str, title: str) -> None:
    page.fill("#site-search-q", query)
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"/shop/search/"))
    page.locator(".card-tile__title a", has_text=title).first.click()
    page.wait_for_url(re.compile(r"/shop/catalogue/"))


def fill_guest_address(page, email: str) -> None:
    page.fill("#id_contact-email", email)
    assert page.input_value("#id_address-province") == "广东省" and page.input_value("#id_address-city") == "广州市"
    page.fill("#id_address-name", "陈小姐")
    page.fill("#id_address-mobile", "13812345678")
    page.fill("#id_address-district", "天河区")
    page.fill("#id_address-street", "天河路385号太古汇2座")
    page.fill("#id_notes", "工作日送到前台")


def pay_in_sandbox(page) -> str:
    total = page.locator("[data-testid=order-total]").first.inner_text()
    page.click("#place-order")
    page.wait_for_url(re.compile(r"/stripe-sandbox/pay/"))
    assert re.sub(r"[^\d.]", "", page.locator("[data-testid=amount]").inner_text()) == re.sub(r"[^\d.]", "", total)
    page.locator("button.pay").click()
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))
    return total


def buy_bar_stays_on_screen(page) -> None:
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    for testid in ("add-to-basket", "buy-now"):
        box = page.locator(f"[data-testid={testid}]").bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], f"{testid} scrolled away: {box}"
        assert box["height"] >= 44


def test_guest_buys_from_search_with_buy_now_on_the_sticky_bar(phone):
    page = phone
    page.goto("/")
    check_page(page, "1-home")
    page.fill("#site-search-q", "毛尖")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"/shop/search/"))
    check_page(page, "2-search")
    page.locator(".card-tile__title a", has_text="都匀毛尖").first.click()
    page.wait_for_url(re.compile(r"/shop/catalogue/"))
    assert page.locator(".delivery-promise").inner_text().strip()
    check_page(page, "3-product")
    buy_bar_stays_on_screen(page)
    page.locator("[data-testid=buy-now]").click()

    page.wait_for_url(re.compile(r"/shop/checkout/confirm/"))
    assert page.locator(".checkout-line").count() == 1
    page.click("#place-order")  # nothing filled in: clear errors, nothing lost
    page.wait_for_load_state()
    assert page.locator(".field-error").count() >= 3
    fill_guest_address(page, "guest-buynow@example.com")
    check_page(page, "4-checkout")
    total = pay_in_sandbox(page)

    body = page.locator("main").inner_text()
    assert "下单成功" in body and total in body and "天河路385号太古汇2座" in body
    assert page.locator("[data-testid=order-status]").inner_text() == "待发货"
    check_page(page, "5-thank-you")
    page.locator("a", has_text="查看订单与物流").first.click()
    page.wait_for_load_state()
    page.fill("input[type=email]", "guest-buynow@example.com")  # a guest proves the order is theirs
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=order-status]").inner_text() == "待发货"
    check_page(page, "6-order-page")


def test_guest_buys_two_cooperatives_produce_through_the_basket(phone):
    page = phone
    page.goto("/")
    search_and_open(page, "威宁洋芋", "威宁洋芋")
    buy_bar_stays_on_screen(page)
    with page.expect_navigation():
        page.locator("[data-testid=add-to-basket]").click()
    assert "已将" in page.locator(".site-messages").inner_text()
    search_and_open(page, "都匀毛尖", "都匀毛尖")
    with page.expect_navigation():
        page.locator("[data-testid=add-to-basket]").click()
    check_page(page, "b1-product-added")

    page.locator(".buy-bar__cart").click()  # the product page's bar has the basket where the tab bar had it
    page.wait_for_url(re.compile(r"/shop/basket/"))
    assert page.locator(".basket-shop").count() == 2, "one group per cooperative"
    check_page(page, "b2-basket")
    page.locator("[data-testid=go-checkout]").click()

    page.wait_for_url(re.compile(r"/shop/checkout/confirm/"))
    assert page.locator(".checkout-shop").count() == 2
    fill_guest_address(page, "guest-basket@example.com")
    check_page(page, "b3-checkout")
    pay_in_sandbox(page)
    check_page(page, "b4-thank-you")
    assert page.locator(".order-support").count() == 1

    # The same shop in English: the chrome is English (product data is the English catalogue's job).
    page.goto("/en/")
    check_page(page, "e1-home-en", language="en")
    page.goto("/en/shop/catalogue/")
    check_page(page, "e2-catalogue-en", language="en")
    with page.expect_navigation():
        page.locator(".card-tile__title a").first.click()
    check_page(page, "e3-product-en", language="en")
    with page.expect_navigation():
        page.locator("[data-testid=add-to-basket]").click()
    page.goto("/en/shop/basket/")
    check_page(page, "e4-basket-en", language="en")
    page.locator("[data-testid=go-checkout]").click()
    page.wait_for_url(re.compile(r"/en/shop/checkout/confirm/"))
    check_page(page, "e5-checkout-en", language="en")


def test_catalogue_route_and_county_pages_pass_the_phone_checks(phone):
    page = phone
    page.goto("/shop/catalogue/")
    check_page(page, "c1-catalogue")
    # Filters are plain links: one tap applies, zero-count values are not offered.
    assert page.locator(".facet-links .facet-count", has_text=re.compile(r"^0$")).count() == 0
    page.locator("#facets summary").click()
    page.locator(".facet-links a", has_text="冷藏").first.click()
    page.wait_for_url(re.compile(r"storage=chilled"))
    assert page.locator(".facet-links a[aria-current=true]").count() == 1
    page.goto("/tourism/")
    with page.expect_navigation():
        page.locator(".card-tile__title a").first.click()
    check_page(page, "c2-route")
    if page.locator(".leaflet-control-zoom-in").count():
        assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "放大"
    page.goto("/counties/weining/")
    check_page(page, "c3-county")
