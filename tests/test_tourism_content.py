"""Events, heritage stories, county stories, departures, the group inquiry form, site search and SEO."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from marketplace.demo.tourism import COUNTY_STORIES, seed_tourism
from regions.models import County
from tourism.booking import sync_departure_product
from tourism.models import CountyStory, CulturalStoryPage, Departure, EventPage, GroupInquiryPage, RoutePage, TourismIndexPage
from wholesale.strategy import RetailStrategy, Selector, WholesaleStrategy

pytestmark = pytest.mark.django_db

Line = get_model("basket", "Line")
StockRecord = get_model("partner", "StockRecord")


def json_ld_blocks(body: str) -> list[dict]:
    return [json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)]


def og_image(body: str) -> str:
    match = re.search(r'<meta property="og:image" content="([^"]+)"', body)
    return match.group(1) if match else ""


# --- page types ---------------------------------------------------------------
@pytest.mark.parametrize(
    "url, text",
    [
        ("/events/", "2027黔货进穗年货节"),
        ("/en/events/", "Qianhuo New Year Fair 2027"),
        ("/culture/", "马尾绣"),
        ("/en/culture/", "Horsetail embroidery"),
        ("/culture/mawei-embroidery/", "三都马尾绣钱包"),
        ("/en/culture/mawei-embroidery/", "Shui horsetail embroidery"),
        ("/tourism/group-inquiry/", "团队人数"),
        ("/en/tourism/group-inquiry/", "Group size"),
        ("/counties/libo/", "世界自然遗产地"),
        ("/en/counties/libo/", "A World Natural Heritage site"),
    ],
)
def test_page_types_render_in_both_languages(client, url, text):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert text in body
    assert '<meta name="description" content="' in body and 'property="og:title"' in body


@pytest.mark.parametrize("url, language", [("/events/qianhuo-new-year-fair-2027/", "zh"), ("/en/events/qianhuo-new-year-fair-2027/", "en")])
def test_event_page_has_event_json_ld_and_og_image(client, url, language):
    body = client.get(url).content.decode()
    (data,) = json_ld_blocks(body)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2027-01-15" and data["endDate"] == "2027-01-17"
    assert data["location"]["@type"] == "Place"
    assert data["name"] == ("2027黔货进穗年货节·广州推介会" if language == "zh" else "Qianhuo New Year Fair 2027 in Guangzhou")
    assert og_image(body).startswith("http://testserver/")
    assert "2027-01-15" in body


def test_event_index_separates_upcoming_and_past(client):
    body = client.get("/events/").content.decode()
    assert body.index("即将举行") < body.index("百里杜鹃花节广州专场推介会") < body.index("往期活动") < body.index("都匀毛尖春茶品鉴会")


def test_route_page_has_tourist_trip_json_ld_related_products_and_departures(client):
    body = client.get("/tourism/libo-xiaoqikong/").content.decode()
    (data,) = json_ld_blocks(body)
    assert data["@type"] == "TouristTrip"
    assert data["offers"]["priceCurrency"] == "CNY"
    stops = data["itinerary"]["itemListElement"]
    assert [item["position"] for item in stops] == list(range(1, len(stops) + 1))
    assert "geo" in stops[0]["item"]
    assert "带回家的味道" in body and "荔波蜜柚" in body
    assert 'id="departures"' in body and "2027-05-01" in body and "预订" in body
    assert 'href="/tourism/group-inquiry/"' in body
    assert og_image(body)
    assert '<meta name="description" content="' in body
    # The English route shows the same departures.
    english = client.get("/en/tourism/libo-xiaoqikong/").content.decode()
    english_route = RoutePage.objects.get(locale__language_code="en", slug="libo-xiaoqikong")
    assert "2027-05-01" in english and json_ld_blocks(english)[0]["name"] == english_route.title


def test_story_page_links_products_and_has_json_ld(client):
    body = client.get("/culture/dafang-lacquerware/").content.decode()
    (data,) = json_ld_blocks(body)
    assert data["@type"] == "Article" and data["about"]["name"] == "大方漆器"
    assert "大方漆器果盘" in body and "/shop/catalogue/" in body


def test_route_page_cost_with_related_products_and_departures(client):
    url = "/tourism/baili-dujuan-huahai/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 35


# --- county pages ---------------------------------------------------------------
def test_every_county_has_a_story_in_both_languages():
    zh, en = Locale.objects.get(language_code="zh-hans"), Locale.objects.get(language_code="en")
    assert len(COUNTY_STORIES) == County.objects.count() == 22
    for county in County.objects.all():
        story = CountyStory.objects.get(county=county, locale=zh)
        translation = story.get_translation(en)
        assert translation.headline and translation.headline != story.headline


def test_county_page_shows_story_routes_and_products(client):
    body = client.get("/counties/libo/").content.decode()
    assert "小七孔景区" in body  # a sight
    assert 'id="county-routes"' in body and "/tourism/libo-xiaoqikong/" in body
    assert "荔波蜜柚" in body
    assert og_image(body).startswith("http://testserver/")
    (data,) = json_ld_blocks(body)
    assert data["@type"] == "TouristDestination" and data["name"] == "荔波县"
    english = client.get("/en/counties/libo/").content.decode()
    assert "Maolan National Nature Reserve" in english and "/en/tourism/libo-xiaoqikong/" in english


def test_county_page_lists_routes_whose_stops_pass_through(client):
    route = RoutePage.objects.get(locale__language_code="zh-hans", slug="libo-xiaoqikong")
    stop_counties = {county for county in route.stop_counties.strip(",").split(",")}
    other = next(slug for slug in stop_counties if slug != route.county.slug) if len(stop_counties) > 1 else None
    if other:
        assert "/tourism/libo-xiaoqikong/" in client.get(f"/counties/{other}/").content.decode()
    assert "/tourism/libo-xiaoqikong/" not in client.get("/counties/weining/").content.decode()


def add_routes_through(county: County, count: int, start: int = 0) -> None:
    index = TourismIndexPage.objects.get(locale__language_code="zh-hans")
    template = RoutePage.objects.get(locale__language_code="zh-hans", slug="libo-xiaoqikong")
    others = list(County.objects.exclude(pk=county.pk))
    for number in range(start, start + count):
        route = RoutePage(
            title=f"途经测试{number}", slug=f"through-{number}", summary="测试", county=others[number % len(others)],
            hero_image=template.hero_image, duration_days=2, price_from=Decimal("999.00"), itinerary=template.itinerary.raw_data,
        )
        index.add_child(instance=route)
        route.save_revision().publish()


def county_queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_county_page_cost_does_not_depend_on_number_of_routes(client):
    libo = County.objects.get(slug="libo")
    add_routes_through(libo, 5)
    before = county_queries(client, "/counties/libo/")
    add_routes_through(libo, 45, start=5)
    after = county_queries(client, "/counties/libo/")
    assert after == before
    body = client.get("/counties/libo/").content.decode()
    assert body.count("途经测试") == 50


# --- bookings -------------------------------------------------------------------
def make_departure(days: int, seats: int = 10) -> Departure:
    route = RoutePage.objects.get(locale__language_code="zh-hans", slug="zhijin-cave")
    when = timezone.localdate() + timedelta(days=days)
    departure = Departure.objects.create(route=route, date=when, price=Decimal("1280.00"), seats=seats)
    sync_departure_product(departure)
    return departure


def book(client, departure: Departure):
    return client.post(reverse("basket:add", kwargs={"pk": departure.product_id}), {"quantity": 1}, follow=True)


def test_departure_is_a_shop_product_with_seats_as_stock():
    departure = make_departure(30, seats=12)
    product = departure.product
    assert product.product_class.name == "旅游团期" and not product.product_class.requires_shipping
    record = product.stockrecords.get()
    assert record.num_in_stock == 12 and record.price == Decimal("1280.00")
    departure.seats = 15
    departure.save()
    assert sync_departure_product(departure).pk == product.pk
    assert product.stockrecords.get().num_in_stock == 15


def test_future_departure_with_seats_goes_into_the_basket(client):
    departure = make_departure(30)
    book(client, departure)
    assert Line.objects.filter(product=departure.product, quantity=1).exists()
    assert departure.date.isoformat() in client.get("/tourism/zhijin-cave/").content.decode()


def test_past_departure_cannot_be_bought(client):
    departure = make_departure(-1)
    response = book(client, departure)
    assert not Line.objects.filter(product=departure.product).exists()
    assert "该团期已于" in response.content.decode()
    # Both strategies refuse it, with the same reason.
    for strategy in (Selector().strategy(), WholesaleStrategy(None, user=None, account=None)):
        permitted, reason = strategy.fetch_for_product(departure.product).availability.is_purchase_permitted(1)
        assert not permitted and "无法预订" in reason
    assert isinstance(Selector().strategy(), RetailStrategy)
    # Not offered on the route page either.
    assert departure.date.isoformat() not in client.get("/tourism/zhijin-cave/").content.decode()


def test_full_departure_cannot_be_bought(client):
    departure = make_departure(20, seats=0)
    response = book(client, departure)
    assert not Line.objects.filter(product=departure.product).exists()
    assert "已满员" in response.content.decode()
    page = client.get("/tourism/zhijin-cave/").content.decode()
    assert "已满" in page and "不可预订" in page


def test_route_page_shows_each_departures_seats_left_in_one_query_however_many_there_are(client):
    url = "/tourism/zhijin-cave/"
    held = make_departure(10, seats=8)
    StockRecord.objects.filter(product=held.product).update(num_allocated=3)  # 3 seats held by payments
    full = make_departure(11, seats=4)
    StockRecord.objects.filter(product=full.product).update(num_allocated=4)
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        body = client.get(url).content.decode()
    assert f'id="departure-{held.pk}-quantity" type="number" name="quantity" value="1" min="1" max="5"' in body
    assert f'id="departure-{full.pk}-quantity"' not in body and "已满" in body
    stock_reads = [q["sql"] for q in two.captured_queries if "partner_stockrecord" in q["sql"]]
    assert len(stock_reads) == 1 and "tourism_departure" in stock_reads[0]  # seats read with the departures

    listed = body.count('class="departure"')
    for days in range(12, 20):
        make_departure(days)
    client.get(url)
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).content.decode().count('class="departure"') == listed + 8
    assert len(more.captured_queries) == len(two.captured_queries)


def test_ordinary_products_are_unaffected_by_the_departure_rule():
    Product = get_model("catalogue", "Product")
    product = Product.objects.browsable().filter(title__startswith="荔波蜜柚").first()
    assert Selector().strategy().fetch_for_product(product).availability.is_available_to_buy


# --- inquiry form -------------------------------------------------------------------
def test_group_inquiry_is_stored_and_emailed_to_staff(client):
    page = GroupInquiryPage.objects.get(locale__language_code="zh-hans", slug="group-inquiry")
    names = {field.label: field.clean_name for field in page.get_form_fields()}
    data = {names["联系人"]: "林先生", names["手机"]: "13800000000", names["团队人数"]: "35", names["意向线路"]: "荔波小七孔"}
    before = FormSubmission.objects.filter(page=page).count()
    response = client.post("/tourism/group-inquiry/", data)
    assert response.status_code == 200
    assert "已收到您的咨询" in response.content.decode()
    assert FormSubmission.objects.filter(page=page).count() == before + 1
    assert json.loads(json.dumps(FormSubmission.objects.filter(page=page).last().get_data(), default=str))[names["联系人"]] == "林先生"
    (message,) = mail.outbox
    assert message.to == ["staff@example.com"] and "林先生" in message.body


def test_group_inquiry_rejects_missing_fields(client):
    page = GroupInquiryPage.objects.get(locale__language_code="zh-hans", slug="group-inquiry")
    response = client.post("/tourism/group-inquiry/", {})
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=page).count() == 0 and not mail.outbox


# --- search and SEO ---------------------------------------------------------------
def test_site_search_finds_routes_pages_and_products_together(client):
    body = client.get("/search/", {"q": "三都"}).content.decode()
    assert "/tourism/sandu-shui-culture/" in body  # a route
    assert "/culture/mawei-embroidery/" in body  # a page
    assert "三都马尾绣钱包" in body  # a product
    assert "/counties/sandu/" in body


def test_site_search_for_libo(client):
    body = client.get("/search/?q=荔波").content.decode()
    assert 'id="search-routes"' in body and "/tourism/libo-xiaoqikong/" in body
    assert 'id="search-products"' in body and "荔波蜜柚" in body


def test_site_search_in_english_stays_in_english(client):
    body = client.get("/en/search/", {"q": "Libo"}).content.decode()
    assert "/en/tourism/libo-xiaoqikong/" in body
    assert "/tourism/libo-xiaoqikong/\"" not in body.replace("/en/tourism/", "")


def test_empty_and_unknown_search(client):
    assert client.get("/search/").status_code == 200
    assert "没有找到相关内容" in client.get("/search/?q=不存在的东西xyz").content.decode()


def test_shop_search_links_to_site_search(client):
    assert "/search/?q=" in client.get("/shop/search/?q=毛尖").content.decode()


def test_sitemap_lists_events_stories_and_counties(client):
    body = client.get("/sitemap.xml").content.decode()
    paths = ["/events/qianhuo-new-year-fair-2027/", "/culture/mawei-embroidery/", "/tourism/libo-xiaoqikong/"]
    for path in [*paths, "/counties/weining/", "/en/counties/weining/"]:
        assert f"{path}</loc>" in body, path
    assert "http://testserver/counties/weining/</loc>" in body


def test_seed_is_idempotent():
    counts = lambda: (EventPage.objects.count(), CulturalStoryPage.objects.count(), CountyStory.objects.count(), Departure.objects.count())  # noqa: E731
    before = counts()
    seed_tourism()
    assert counts() == before == (6, 8, 44, 4)


# --- editors --------------------------------------------------------------------
def test_editors_can_open_the_new_page_types_and_snippets(client, staff_user):
    client.force_login(staff_user)
    for page in [
        EventPage.objects.get(locale__language_code="zh-hans", slug="qianhuo-new-year-fair-2027"),
        CulturalStoryPage.objects.get(locale__language_code="en", slug="mawei-embroidery"),
        GroupInquiryPage.objects.get(locale__language_code="zh-hans", slug="group-inquiry"),
    ]:
        assert client.get(f"/cms-admin/pages/{page.pk}/edit/").status_code == 200
    story = CountyStory.objects.get(county__slug="sandu", locale__language_code="en")
    response = client.get(reverse("wagtailsnippets_tourism_countystory:edit", args=[story.pk]))
    assert response.status_code == 200 and "Home of the Shui people" in response.content.decode()
    assert client.get(reverse("wagtailsnippets_tourism_departure:list")).status_code == 200


def test_editor_creating_a_departure_creates_its_product(client, staff_user):
    client.force_login(staff_user)
    route = RoutePage.objects.get(locale__language_code="zh-hans", slug="pingtang-fast")
    when = timezone.localdate() + timedelta(days=40)
    response = client.post(
        reverse("wagtailsnippets_tourism_departure:add"),
        {"route": route.pk, "date": when.isoformat(), "price": "1580.00", "seats": "18", "note": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    departure = Departure.objects.get(route=route, date=when)
    assert departure.product is not None and departure.product.stockrecords.get().num_in_stock == 18
