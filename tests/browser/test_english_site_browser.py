"""The English site is English, the Chinese site Chinese (#15), as a visitor reads them on a phone.

English pages: no Chinese character in any visible text, except
  - inside an element marked `lang="zh-Hans"` (a Chinese name shown beside its English one), and
  - the language switcher (`.site-lang`, which offers 中文).
Chinese pages: no English interface text. Latin text a Chinese page may show (the rule):
  - brand and standard names: BRANDS below (Stripe, Alipay, WeChat Pay, GB, PDF, QR, CSV, Excel, SKU, EMS…);
  - units: UNITS below (kg, g, ml, cm…);
  - codes: any token with a digit or in capitals only (SKUs, order and certificate numbers, GF…);
  - anything inside an element marked `lang="en"` (the switcher's EN) or in `.site-lang`.
Pages on the way: home, catalogue, a category, a product, the basket, checkout, thank-you, a
county, a route, /impact/ and a cooperative profile.
"""

from __future__ import annotations

import os
import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
BRANDS = {"Stripe", "Alipay", "WeChat", "Pay", "GB", "PDF", "QR", "CSV", "Excel", "SKU", "EMS", "GeoJSON", "OpenStreetMap", "Leaflet"}
UNITS = {"kg", "g", "ml", "cm", "mm", "km", "m", "L"}

VISIBLE_TEXT_JS = """
([root, skip]) => {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || el.closest('script,style,noscript,template,[hidden],.site-lang,' + skip)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    const where = el.tagName.toLowerCase() + (el.getAttribute('class') ? '.' + el.getAttribute('class').split(' ')[0] : '');
    out.push(where + ': ' + text);
  }
  return out;
}
"""


@pytest.fixture
def shop_url(request) -> str:
    return os.environ.get("QHJS_E2E_URL") or request.getfixturevalue("e2e_server")


@pytest.fixture
def visitor(browser, shop_url):
    context = browser.new_context(base_url=shop_url, viewport=PHONE, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def chinese_on_english_page(page) -> list[str]:
    texts = page.evaluate(VISIBLE_TEXT_JS, [page.locator("body").element_handle(), '[lang="zh-Hans"]'])
    return [text for text in texts if CJK.search(text.split(": ", 1)[1])]


def english_on_chinese_page(page) -> list[str]:
    texts = page.evaluate(VISIBLE_TEXT_JS, [page.locator("body").element_handle(), '[lang="en"]'])
    found = []
    for entry in texts:
        text = re.sub(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+", "", entry.split(": ", 1)[1])  # emails and links
        for word in re.findall(r"[A-Za-z][A-Za-z0-9'’-]*", text):
            if word in BRANDS or word in UNITS or re.search(r"\d", word) or word.isupper():
                continue
            found.append(f"{word} ← {entry[:80]}")
    return found


def assert_english(page, step: str) -> None:
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en", step
    leaks = chinese_on_english_page(page)
    assert not leaks, f"{step}: Chinese on the English site: {leaks}"


def assert_chinese(page, step: str) -> None:
    page.wait_for_load_state("load")
    leaks = english_on_chinese_page(page)
    assert not leaks, f"{step}: English on the Chinese site: {leaks}"


PAGES = [
    ("home", "/"),
    ("catalogue", "/shop/catalogue/"),
    ("category", "/shop/catalogue/category/cha-ye_3/"),
    ("product", "duyun-maojian"),  # resolved by the product card link below
    ("county", "/counties/duyun/"),
    ("route", "/tourism/duyun-tea/"),
    ("impact", "/impact/"),
    ("cooperative", "/cooperatives/coop-duyun/"),
]


def open_page(page, prefix: str, path: str) -> None:
    if path == "duyun-maojian":
        page.goto(f"{prefix}/shop/search/?q=dymj")
        page.locator(".card-tile__title a").first.click()
        page.wait_for_url(re.compile(r"/shop/catalogue/"))
        return
    if path.startswith("/shop/catalogue/category/"):
        page.goto(f"{prefix}/shop/catalogue/")
        page.locator(".category-strip a").nth(3).click()  # 茶叶 / Tea, whatever its id
        page.wait_for_url(re.compile(r"/category/"))
        return
    if path.startswith("/tourism/"):
        page.goto(f"{prefix}/tourism/")
        page.locator("a[href*='/tourism/duyun']").first.click()
        page.wait_for_url(re.compile(r"/tourism/duyun"))
        return
    response = page.goto(f"{prefix}{path}")
    assert response and response.status == 200, path


@pytest.mark.parametrize("name, path", PAGES, ids=[name for name, _ in PAGES])
def test_english_page_shows_no_chinese_outside_marked_names(visitor, name, path):
    open_page(visitor, "/en", path)
    assert_english(visitor, name)


@pytest.mark.parametrize("name, path", PAGES, ids=[name for name, _ in PAGES])
def test_chinese_page_shows_no_english_interface_text(visitor, name, path):
    open_page(visitor, "", path)
    assert_chinese(visitor, name)


def test_english_product_page_marks_the_chinese_name_and_uses_a_latin_font_first(visitor):
    open_page(visitor, "/en", "duyun-maojian")
    title = visitor.locator("h1.page-title")
    assert title.inner_text().startswith("Duyun Maojian")
    assert visitor.locator('h1.page-title [lang="zh-Hans"]').inner_text().startswith("都匀毛尖")
    font = visitor.evaluate("getComputedStyle(document.body).fontFamily")
    latin, cjk = font.find("Roboto"), font.find("PingFang SC")
    assert 0 <= latin < cjk, font
    chinese_font = visitor.evaluate("getComputedStyle(document.querySelector('h1 [lang=\"zh-Hans\"]')).fontFamily")
    assert chinese_font.startswith('"PingFang SC"'), chinese_font


def english_checkout(page) -> list[str]:
    """An English buyer buys Duyun Maojian: basket → checkout → sandbox payment; returns the thank-you leaks."""
    open_page(page, "/en", "duyun-maojian")
    with page.expect_navigation():
        page.locator("[data-testid=add-to-basket]").click()
    page.goto("/en/shop/basket/")
    assert_english(page, "basket")
    page.locator("[data-testid=go-checkout]").click()
    page.wait_for_url(re.compile(r"/en/shop/checkout/"))
    assert_english(page, "checkout")
    page.fill("#id_contact-email", "expat@example.com")
    page.fill("#id_address-name", "Ms Chen")
    page.fill("#id_address-mobile", "13812345678")
    page.fill("#id_address-district", "天河区")
    page.fill("#id_address-street", "Taikoo Hui Tower 2, 385 Tianhe Road")
    page.click("#place-order")
    page.wait_for_url(re.compile(r"/stripe-sandbox/pay/"))
    page.locator("button.pay").click()
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))
    assert "/en/" in page.url
    page.wait_for_load_state("load")
    return chinese_on_english_page(page)


def test_english_buyer_basket_checkout_and_thank_you_are_english(visitor):
    leaks = english_checkout(visitor)
    assert not leaks, f"thank-you: Chinese on the English site: {leaks}"


# --- editors: each text beside its English version on a desktop, stacked on a phone ----------------


def _box(page, selector: str) -> dict:
    page.locator(selector).first.scroll_into_view_if_needed()
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize(
    "who, listing, link, pairs",
    [
        (
            "staff@example.com",
            "/dashboard/catalogue/",
            "td a[href*='/products/']",
            [("#id_title", "#id_title_en")],
        ),
        ("staff@example.com", "/dashboard/catalogue/categories/", "a[href$='/update/']", [("#id_name", "#id_name_en")]),
        (
            "coop-weining@example.com",
            "/dashboard/cooperative/products/",
            ".seller-product__title",
            [("#id_product-title", "#id_product-title_en")],
        ),
    ],
    ids=["staff-product", "staff-category", "seller-product"],
)
def test_editors_put_chinese_and_english_side_by_side(browser, e2e_server, who, listing, link, pairs):
    from tests.browser.conftest import log_in

    context = browser.new_context(base_url=e2e_server, viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        log_in(page, who)
        page.goto(listing)
        with page.expect_navigation():
            page.locator(link).first.click()
        for chinese, english in pairs:
            zh, en = _box(page, chinese), _box(page, english)
            assert abs(zh["y"] - en["y"]) < 40 and en["x"] > zh["x"] + zh["width"] * 0.8, (chinese, zh, english, en)
        page.set_viewport_size({"width": 390, "height": 844})
        for chinese, english in pairs:
            zh, en = _box(page, chinese), _box(page, english)
            assert en["y"] > zh["y"] + zh["height"] - 1, ("stacked on a phone", zh, en)
    finally:
        context.close()
