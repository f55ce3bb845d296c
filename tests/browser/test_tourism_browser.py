"""A Guangzhou visitor on a phone: tourism index → filter by county → route with map and stops → book a departure."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_visitor_filters_routes_sees_the_map_and_books_a_departure(page):
    page.goto("/tourism/")
    page.select_option("select[name=county]", "libo")
    page.click(".route-filter__submit")
    page.wait_for_url(re.compile(r"county=libo"))
    titles = page.locator(".card-tile__title a")
    assert titles.count() >= 1
    titles.filter(has_text="荔波").first.click()
    page.wait_for_url(re.compile(r"/tourism/libo-xiaoqikong/$"))

    # The map draws the stops (Leaflet from static/); the ordered list of stops is there too.
    page.wait_for_selector("#route-map.leaflet-container:not([hidden])")
    assert page.locator(".route-stop").count() >= 3
    assert "小七孔古桥" in page.locator("#itinerary").inner_text()

    # Book the first open departure: it lands in the Oscar basket.
    departure = page.locator("#departures tr.departure").first
    date = departure.locator("td").first.inner_text().split()[0]
    departure.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.goto("/shop/basket/")
    basket = page.locator("main").inner_text()
    assert date in basket and "荔波" in basket
