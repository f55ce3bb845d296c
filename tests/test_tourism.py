"""Tourism routes: itinerary pages, the stops' GeoJSON, index filters and page cost."""

import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from marketplace.demo import data
from regions.models import County
from tourism.choices import join_seasons, season_filter, split_seasons
from tourism.forms import RoutePageForm
from tourism.models import RoutePage, TourismIndexPage

pytestmark = pytest.mark.django_db

ROUTE_URL = "/tourism/baili-dujuan-huahai/"
ALL_SLUGS = {route["slug"] for route in data.ROUTES}


def demo_stops(slug: str, language: int = 0) -> list[str]:
    route = next(route for route in data.ROUTES if route["slug"] == slug)
    return [stop[language] for day in route["itinerary"] for stop in day["stops"]]


def listed_slugs(body: str) -> set[str]:
    return set(re.findall(r'class="card-tile__title"><a href="/(?:en/)?tourism/([\w-]+)/"', body))


def test_route_page_lists_days_and_stops_in_order(client):
    response = client.get(ROUTE_URL)
    body = response.content.decode()
    assert response.status_code == 200
    for number, day in enumerate(data.ROUTES[0]["itinerary"], start=1):
        assert f"第{number}天" in body
        assert day["title"][0] in body
    itinerary = body[body.index('id="itinerary"') :]
    positions = [itinerary.index(f">{name}</strong>") for name in demo_stops("baili-dujuan-huahai")]
    assert positions == sorted(positions)
    # Facts, highlights, travel information.
    # The "from" price is the cheapest departure's, in the one money format (¥1,680.00).
    assert "生态山水" in body and re.search(r"¥\d{1,3}(,\d{3})*\.\d\d 起", body) and "春" in body
    assert "<li>125平方公里原始杜鹃林，41个品种同山开放</li>" in body
    assert "广州南站乘高铁至贵阳北站" in body
    assert "花期受气温影响" in body


def test_route_page_works_without_javascript(client):
    body = client.get(ROUTE_URL).content.decode()
    # Stops are plain numbered list items, numbered across days; the map container stays hidden until JS fills it.
    itinerary = body[body.index('id="itinerary"') :]
    assert re.search(r'<ol class="route-stops" start="1">', itinerary)
    assert re.search(r'<li class="route-stop" value="3">\s*<strong class="route-stop__name">金坡景区</strong>', itinerary)
    assert re.search(r'<div class="route-map" id="route-map" hidden', body)
    assert 'data-geojson-url="/tourism/baili-dujuan-huahai/geojson/"' in body
    # Leaflet is served locally, never from a CDN.
    assert "/static/vendor/leaflet/leaflet.js" in body and "/static/js/route-map.js" in body
    assert not any(cdn in body for cdn in ["unpkg.com", "cdnjs", "jsdelivr"])


def test_map_tiles_come_from_settings(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.com/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example"
    body = client.get(ROUTE_URL).content.decode()
    assert 'data-tile-url="https://tiles.example.com/{z}/{x}/{y}.png"' in body
    assert 'data-tile-attribution="© Example"' in body


def test_geojson_is_a_feature_collection_of_stops_in_order(client):
    response = client.get(f"{ROUTE_URL}geojson/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    lines = [f for f in collection["features"] if f["geometry"]["type"] == "LineString"]
    assert [point["properties"]["name"] for point in points] == demo_stops("baili-dujuan-huahai")
    assert [point["properties"]["order"] for point in points] == list(range(1, len(points) + 1))
    assert [point["properties"]["day"] for point in points] == [1, 1, 2, 2, 2, 3, 3]
    assert points[0]["geometry"]["coordinates"] == [105.89, 27.19]  # GeoJSON is [longitude, latitude]
    assert points[0]["properties"]["county"] == "baili-dujuan"
    assert points[-1]["properties"]["county"] == "dafang"
    assert len(lines) == 1
    assert lines[0]["geometry"]["coordinates"] == [point["geometry"]["coordinates"] for point in points]
    for point in points:
        longitude, latitude = point["geometry"]["coordinates"]
        assert 24.5 < latitude < 28 and 104 < longitude < 109  # Bijie and Qiannan


def test_english_route_page_shows_english_itinerary(client):
    response = client.get("/en/tourism/baili-dujuan-huahai/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Guangzhou to Baili Dujuan, Pudi azaleas" in body
    itinerary = body[body.index('id="itinerary"') :]
    positions = [itinerary.index(f">{name}</strong>") for name in demo_stops("baili-dujuan-huahai", 1)]
    assert positions == sorted(positions)
    assert "普底景区" not in body
    assert "High-speed train from Guangzhou South" in body
    assert 'data-geojson-url="/en/tourism/baili-dujuan-huahai/geojson/"' in body
    collection = client.get("/en/tourism/baili-dujuan-huahai/geojson/").json()
    assert collection["features"][0]["properties"]["name"] == "Pudi scenic area"


def test_every_demo_route_has_an_itinerary_in_both_languages():
    for locale in Locale.objects.filter(language_code__in=["zh-hans", "en"]):
        routes = RoutePage.objects.live().filter(locale=locale)
        assert {route.slug for route in routes} >= ALL_SLUGS
        for route in routes.filter(slug__in=ALL_SLUGS):
            assert 2 <= len(route.itinerary_days) <= 3
            assert all(2 <= len(day["stops"]) <= 4 for day in route.itinerary_days)
            assert route.theme and route.season_codes and route.highlight_list and route.getting_there and route.tips


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL_SLUGS),
        ("?county=libo", {"libo-xiaoqikong"}),
        ("?theme=ecology", {"baili-dujuan-huahai", "zhijin-cave", "libo-xiaoqikong"}),
        ("?season=winter", {"zhijin-cave", "pingtang-fast"}),
        ("?season=autumn", {"zhijin-cave", "libo-xiaoqikong", "pingtang-fast", "sandu-shui-culture"}),
        ("?days=1-2", {"zhijin-cave", "pingtang-fast", "duyun-maojian-tea"}),
        ("?days=3-4", {"baili-dujuan-huahai", "libo-xiaoqikong", "sandu-shui-culture"}),
        ("?days=5%2B", set()),
        ("?theme=ecology&days=3-4", {"baili-dujuan-huahai", "libo-xiaoqikong"}),
        ("?theme=ecology&season=autumn&days=1-2", {"zhijin-cave"}),
        ("?county=sandu&theme=tea", set()),
        ("?theme=nonsense&days=1-2", {"zhijin-cave", "pingtang-fast", "duyun-maojian-tea"}),  # invalid values are ignored
    ],
)
def test_index_filters_narrow_and_combine(client, query, expected):
    response = client.get(f"/tourism/{query}")
    body = response.content.decode()
    assert response.status_code == 200
    assert listed_slugs(body) == expected
    if not expected:
        assert "没有符合条件的线路。" in body


def test_index_has_a_linkable_filter_form(client):
    body = client.get("/tourism/?county=libo&season=spring").content.decode()
    assert '<form class="route-filter" method="get" action="/tourism/"' in body
    for name in ["county", "theme", "season", "days"]:
        assert f'name="{name}"' in body
    assert '<option value="libo" selected>荔波</option>' in body
    assert '<option value="spring" selected>春</option>' in body
    assert '<option value="ecology">生态山水</option>' in body
    assert "清除筛选" in body
    # Only counties that have routes are offered.
    assert 'value="weining"' not in body


def test_english_index_filters(client):
    body = client.get("/en/tourism/?theme=tea").content.decode()
    assert listed_slugs(body) == {"duyun-maojian-tea"}


def test_route_page_links_facts_to_filters(client):
    body = client.get("/tourism/duyun-maojian-tea/").content.decode()
    assert 'href="/tourism/?theme=tea"' in body
    assert 'href="/tourism/?season=spring"' in body


def test_seasons_are_stored_as_a_filterable_comma_list():
    assert split_seasons("winter, spring,bogus") == ["spring", "winter"]
    assert join_seasons(["autumn", "spring"]) == "spring,autumn"
    slugs = set(RoutePage.objects.filter(season_filter("summer"), locale__language_code="zh-hans").values_list("slug", flat=True))
    assert slugs == {"zhijin-cave", "libo-xiaoqikong", "pingtang-fast", "duyun-maojian-tea"}


def test_editor_form_ticks_seasons_as_checkboxes():
    route = RoutePage.objects.get(locale__language_code="zh-hans", slug="libo-xiaoqikong")
    form_class = RoutePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, RoutePageForm)
    form = form_class(instance=route, for_user=None)
    assert form.initial["seasons"] == ["spring", "summer", "autumn"]
    assert 'type="checkbox" name="seasons" value="winter"' in str(form["seasons"])
    form.cleaned_data = {"seasons": form.fields["seasons"].clean(["winter", "spring"])}
    assert form.clean_seasons() == "spring,winter"


def test_editor_can_open_a_route(client, staff_user):
    client.force_login(staff_user)
    route = RoutePage.objects.get(locale__language_code="zh-hans", slug="libo-xiaoqikong")
    response = client.get(f"/cms-admin/pages/{route.pk}/edit/")
    assert response.status_code == 200
    assert "小七孔古桥" in response.content.decode()


def add_routes(count: int) -> None:
    index = TourismIndexPage.objects.get(locale__language_code="zh-hans")
    template = RoutePage.objects.get(locale__language_code="zh-hans", slug="libo-xiaoqikong")
    counties = list(County.objects.all())
    for number in range(count):
        route = RoutePage(
            title=f"测试线路{number}",
            slug=f"test-route-{number}",
            summary="测试",
            county=counties[number % len(counties)],
            hero_image=template.hero_image,
            duration_days=1 + number % 6,
            price_from=Decimal("999.00"),
            theme=["ecology", "ethnic", "tea", "science", "red"][number % 5],
            seasons="spring,autumn",
            itinerary=template.itinerary.raw_data,
        )
        index.add_child(instance=route)
        route.save_revision().publish()


def count_queries(client, url: str) -> int:
    client.get(url)  # first view renders thumbnails and renditions once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/tourism/", "/tourism/?theme=ecology&season=autumn&days=3-4", "/en/tourism/", ROUTE_URL])
def test_page_cost_does_not_depend_on_number_of_routes(client, url):
    before = count_queries(client, url)
    add_routes(20)
    after = count_queries(client, url)
    assert after == before
    # 31: the route page's product cards also fetch wholesale tiers in one query (no query per card).
    assert after <= 31
    if url == "/tourism/":
        assert len(listed_slugs(client.get(url).content.decode())) == len(ALL_SLUGS) + 20
