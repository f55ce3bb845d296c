"""The Content-Security-Policy in a real browser: every page a visitor, a cooperative or staff
opens works under it — no script, style or form the policy blocks, no script error.

The header is checked by unit tests (tests/test_security_access.py); only a browser shows that the
pages still work with it: Leaflet's route map, the seller centre's editors, Wagtail's and Oscar's
staff screens, the form that sends a buyer on to the payment page.
"""


import pytest

from tests.browser.conftest import log_in, watch_policy

pytestmark = pytest.mark.browser


def visit(page, path: str) -> None:
    response = page.goto(path)
    assert response and response.status == 200, path
    page.wait_for_load_state("networkidle")


def test_visitor_pages_and_the_route_map_run_under_the_policy(page):
    problems = watch_policy(page)
    for path in ("/", "/en/", "/tourism/", "/impact/", "/shop/catalogue/", "/shop/basket/", "/counties/weining/"):
        visit(page, path)
    visit(page, "/tourism/libo-xiaoqikong/")
    page.wait_for_selector("#route-map.leaflet-container:not([hidden])")  # Leaflet drew the map
    assert page.locator("#route-map .leaflet-tile, #route-map .leaflet-marker-icon, #route-map path").count() > 0
    page.goto("/shop/search/?q=%E8%8B%A6%E8%8D%9E%E8%8C%B6")
    page.locator("main a[href^='/shop/catalogue/']").first.click()
    page.wait_for_load_state("networkidle")
    assert problems == [], problems


def test_the_seller_centre_runs_under_the_strict_policy(page):
    problems = watch_policy(page)
    log_in(page, "coop-weining@example.com")
    visit(page, "/dashboard/cooperative/")
    page.locator("a[href*='/dashboard/cooperative/products/']").first.click()
    page.wait_for_load_state("networkidle")
    editor = page.locator("a[href*='/dashboard/cooperative/products/'][href$='/edit/'], a[href*='/products/'][href*='edit']")
    if editor.count():
        editor.first.click()
        page.wait_for_load_state("networkidle")
    assert problems == [], problems


def test_staff_back_offices_run_under_the_policy(page):
    problems = watch_policy(page)
    log_in(page, "staff@example.com")
    for path in ("/cms-admin/", "/cms-admin/pages/", "/dashboard/", "/dashboard/catalogue/", "/django-admin/"):
        visit(page, path)
    page.goto("/cms-admin/pages/")
    page.locator("a[href*='/cms-admin/pages/'][href$='/edit/']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("form#page-edit-form, form[data-edit-form]").count() == 1  # Wagtail's editor came up
    assert problems == [], problems
