"""The anonymous page cache: fast for everyone, personal for no one, and never stale after a change."""

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from core.site_version import bump_site_version

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")
Basket = get_model("basket", "Basket")

TEA = "威宁苦荞茶 300g 罐装"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what would run after commit (the tests' transaction never commits)."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


@pytest.fixture
def tea_record():
    return StockRecord.objects.select_related("product").get(product__title=TEA)


def from_cache(response) -> bool:
    return response["X-Page-Cache"] == "hit"


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", q["sql"], re.IGNORECASE)]


# --- a second visitor gets the first one's rendering, and it is right for them -----------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/en/",
        "/shop/catalogue/",
        "/en/shop/catalogue/",
        "/shop/catalogue/?prefecture=bijie&sort=price-asc",
        "/shop/search/?q=%E6%AF%9B%E5%B0%96",
        "/tourism/",
        "/counties/weining/",
    ],
)
def test_a_public_page_is_rendered_once_for_all_cookie_less_visitors(url):
    first = Client().get(url)
    second = Client().get(url)
    assert first.status_code == second.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert from_cache(second)
    assert second.content == first.content
    assert not first.cookies and not second.cookies  # nothing personal was handed out
    assert "no-cache" in second["Cache-Control"]


def test_a_hit_reads_only_the_site_version_from_the_shared_cache(monkeypatch):
    from core.site_version import VERSION_KEY

    Client().get("/counties/weining/")
    shared, reads = caches["pages"], []
    read = shared.get
    monkeypatch.setattr(shared, "get", lambda key, *args, **kwargs: reads.append(key) or read(key, *args, **kwargs))
    assert from_cache(Client().get("/counties/weining/"))
    assert reads == [VERSION_KEY]  # the page came from this process's copy
    bump_site_version()  # as another app server would, after a change
    assert Client().get("/counties/weining/")["X-Page-Cache"] == "miss"


def test_product_page_is_cached_without_a_csrf_token_or_cookie(tea_record):
    url = tea_record.product.get_absolute_url()
    first = Client().get(url)
    body = first.content.decode()
    assert TEA in body
    assert not first.cookies
    assert not re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', body)
    assert from_cache(Client().get(url))


def test_a_product_page_view_writes_nothing_to_the_database(tea_record):
    from marketplace.renditions import make_product_thumbnails

    # What the upload task does (RENDITIONS_ON_UPLOAD is off in tests), for every picture the page
    # shows: the product's gallery and the cards of its county's other products.
    for image in ProductImage.objects.filter(product__origin_county=tea_record.product.origin_county):
        make_product_thumbnails(image)
    url = tea_record.product.get_absolute_url()
    with CaptureQueriesContext(connection) as rendered:
        assert Client().get(url).status_code == 200
    with CaptureQueriesContext(connection) as cached:
        assert from_cache(Client().get(url))
    assert writes(rendered.captured_queries) == []
    assert cached.captured_queries == []


def test_product_views_are_counted_in_the_cache_and_flushed_by_the_task(tea_record):
    ProductRecord = get_model("analytics", "ProductRecord")
    url = tea_record.product.get_absolute_url()
    before = ProductRecord.objects.filter(product=tea_record.product).values_list("num_views", flat=True).first() or 0
    for _ in range(3):
        Client().get(url)  # one rendering, two answers from the cache
    assert ProductRecord.objects.filter(product=tea_record.product).values_list("num_views", flat=True).first() in (None, before)
    call_command("flush_product_views", verbosity=0)
    assert ProductRecord.objects.get(product=tea_record.product).num_views == before + 3
    call_command("flush_product_views", verbosity=0)
    assert ProductRecord.objects.get(product=tea_record.product).num_views == before + 3


def test_page_hits_reach_the_shared_cache_in_batches_not_one_write_each(tea_record, monkeypatch):
    from catalogue import view_counts

    product_id = tea_record.product_id
    view_counts.write_buffered_views()
    start = view_counts.pending_views([product_id]).get(product_id, 0)
    monkeypatch.setattr(view_counts, "BUFFER_SECONDS", 3600)
    for _ in range(5):
        view_counts.count_product_view(product_id)
    assert view_counts.pending_views([product_id]).get(product_id, 0) == start, "held in the process"
    monkeypatch.setattr(view_counts, "BUFFER_SECONDS", 0)
    view_counts.count_product_view(product_id)
    assert view_counts.pending_views([product_id])[product_id] == start + 6, "written together once the time is up"


# --- never one visitor's page to another ---------------------------------------------------------


def test_a_visitor_with_a_basket_never_gets_nor_leaves_a_shared_page(tea_record):
    url = tea_record.product.get_absolute_url()
    Client().get(url)  # warm
    shopper = Client()
    added = shopper.post(f"/shop/basket/add/{tea_record.product.pk}/", {"quantity": 2})
    assert added.status_code == 302
    page = shopper.get(url)
    assert page.get("X-Page-Cache") != "hit"
    badge = re.search(r'data-visitor="basket-count"[^>]*>(\d*)<', page.content.decode())
    assert badge and badge.group(1) == "2"
    stranger = Client().get(url)
    assert from_cache(stranger)
    assert re.search(r'data-visitor="basket-count" hidden>\s*<', stranger.content.decode())


def test_languages_are_cached_apart():
    zh = Client().get("/shop/catalogue/")
    en = Client().get("/en/shop/catalogue/")
    en_again = Client().get("/en/shop/catalogue/")
    zh_again = Client().get("/shop/catalogue/")
    assert from_cache(en_again) and from_cache(zh_again)
    assert '<html lang="en"' in en_again.content.decode()
    assert '<html lang="zh-Hans"' in zh_again.content.decode()
    assert en.content != zh.content


def test_a_logged_in_wholesale_buyer_sees_tier_prices_never_the_cached_consumer_page(django_user_model, tea_record):
    url = tea_record.product.get_absolute_url()
    Client().get(url)
    assert "¥30.60" not in Client().get(url).content.decode()  # the cached consumer page
    buyer = Client()
    buyer.force_login(django_user_model.objects.get(username="buyer"))
    page = buyer.get(url)
    assert page.get("X-Page-Cache") != "hit"
    assert "¥30.60" in page.content.decode()  # 36.00 × 0.85, the first tier
    # … and the buyer's page did not end up in the cache for the next consumer.
    assert "¥30.60" not in Client().get(url).content.decode()


def test_private_pages_are_never_cached():
    for url in ["/shop/basket/", "/shop/accounts/login/", "/shop/checkout/"]:
        Client().get(url)
        assert Client().get(url).get("X-Page-Cache") is None


# --- changes are visible at once -------------------------------------------------------------


def test_a_price_change_is_visible_at_once(tea_record, committed):
    url = tea_record.product.get_absolute_url()
    Client().get(url)
    assert "¥36.00" in Client().get(url).content.decode()

    def change():
        tea_record.price = Decimal("39.90")
        tea_record.save()

    committed(change)
    page = Client().get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "¥39.90" in page.content.decode()
    assert "¥39.90" in Client().get("/shop/catalogue/?q=%E8%8B%A6%E8%8D%9E").content.decode()


def test_stock_crossing_zero_is_visible_at_once_but_a_sale_above_zero_keeps_the_cache(tea_record, committed):
    url = tea_record.product.get_absolute_url()
    Client().get(url)

    def sell_one():
        tea_record.num_in_stock -= 1
        tea_record.save()

    committed(sell_one)
    assert from_cache(Client().get(url))

    def sell_out():
        tea_record.num_in_stock = tea_record.num_allocated or 0
        tea_record.save()

    committed(sell_out)
    assert Client().get(url)["X-Page-Cache"] == "miss"


def test_stock_taken_by_a_queryset_update_bumps_only_when_it_crosses_zero(tea_record, committed):
    from marketplace.invalidation import stock_moved

    url = tea_record.product.get_absolute_url()
    Client().get(url)
    net = tea_record.num_in_stock - (tea_record.num_allocated or 0)
    StockRecord.objects.filter(pk=tea_record.pk).update(num_allocated=(tea_record.num_allocated or 0) + net - 1)
    committed(lambda: stock_moved(tea_record.pk, -(net - 1)))
    assert from_cache(Client().get(url))
    StockRecord.objects.filter(pk=tea_record.pk).update(num_allocated=tea_record.num_in_stock)
    committed(lambda: stock_moved(tea_record.pk, -1))
    assert Client().get(url)["X-Page-Cache"] == "miss"


def test_checkout_holds_and_releases_drop_the_page_when_stock_crosses_zero(tea_record, committed):
    """The checkout's hold (stripe_payments.stock.take) and its release are queryset updates: no post_save."""
    from stripe_payments import stock

    url = tea_record.product.get_absolute_url()
    net = tea_record.num_in_stock - (tea_record.num_allocated or 0)
    committed(lambda: stock.take(tea_record.pk, net - 1))
    Client().get(url)
    assert from_cache(Client().get(url)), "one unit left: the page still says in stock"
    committed(lambda: stock.take(tea_record.pk, 1))
    sold_out = Client().get(url)
    assert sold_out["X-Page-Cache"] == "miss", "the last unit held: the page is rendered again"
    assert from_cache(Client().get(url))
    committed(lambda: stock.give_back(tea_record.pk, 1))
    assert Client().get(url)["X-Page-Cache"] == "miss", "released: back on sale at once"


def test_publishing_a_page_is_visible_at_once(committed):
    from wagtail.models import Page

    tourism = Page.objects.get(url_path__endswith="/tourism/", depth=3, locale__language_code="zh-hans").specific
    Client().get("/tourism/")
    assert from_cache(Client().get("/tourism/"))

    def publish():
        tourism.title = "贵州文旅新线路"
        tourism.save_revision().publish()

    committed(publish)
    page = Client().get("/tourism/")
    assert page["X-Page-Cache"] == "miss"
    assert "贵州文旅新线路" in page.content.decode()


def test_a_certificate_expiring_overnight_changes_the_cache_key(time_machine):
    import datetime as dt

    time_machine.move_to(dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    Client().get("/shop/catalogue/")
    assert from_cache(Client().get("/shop/catalogue/"))
    time_machine.move_to(dt.datetime(2026, 6, 2, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert Client().get("/shop/catalogue/")["X-Page-Cache"] == "miss"


# --- forms on cached pages -------------------------------------------------------------------


def test_the_visitor_endpoint_gives_basket_count_account_and_token_and_writes_nothing(tea_record):
    shopper = Client()
    shopper.post(f"/shop/basket/add/{tea_record.product.pk}/", {"quantity": 1})
    with CaptureQueriesContext(connection) as queries:
        data = shopper.get("/visitor.json?lang=en").json()
    assert writes(queries.captured_queries) == []
    assert data["basket_count"] == 1
    assert data["authenticated"] is False
    assert data["account"] == {"url": "/en/shop/accounts/login/", "label": "Log in / Register"}
    assert len(data["csrf_token"]) == 64
    assert Client().get("/visitor.json").json()["basket_count"] == 0


def test_without_javascript_a_cached_form_still_works_after_one_confirmation(tea_record):
    url = tea_record.product.get_absolute_url()
    Client().get(url)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url)
    assert from_cache(page)
    form_action = f"/shop/basket/add/{tea_record.product.pk}/"
    assert f'action="{form_action}"' in page.content.decode()

    confirm = visitor.post(form_action, {"quantity": "2"}, HTTP_REFERER="http://testserver" + url)
    assert confirm.status_code == 403
    body = confirm.content.decode()
    assert "请确认操作" in body
    assert 'name="quantity" value="2"' in body
    assert visitor.get("/visitor.json").json()["basket_count"] == 0  # nothing done before the visitor confirms

    # The browser re-sends every hidden field of the confirmation page, from that page's URL.
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body))
    done = visitor.post(form_action, fields, HTTP_REFERER="http://testserver" + form_action)
    assert done.status_code == 302
    assert done["Location"] in (url, "http://testserver" + url)  # back on the product page, not a GET of the POST-only URL
    assert visitor.get("/visitor.json").json()["basket_count"] == 2


def test_a_cross_site_post_gets_no_confirmation_page(tea_record):
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post(
        f"/shop/basket/add/{tea_record.product.pk}/", {"quantity": "1"}, HTTP_ORIGIN="https://evil.example", HTTP_HOST="testserver"
    )
    assert response.status_code == 403
    assert "请确认操作" not in response.content.decode()


# --- cost does not grow with the catalogue ---------------------------------------------------


def test_uncached_page_cost_is_constant_from_76_to_more_products(settings):
    settings.PAGE_CACHE_SECONDS = 0
    urls = ["/shop/catalogue/", "/shop/catalogue/?prefecture=bijie&sort=price-asc", "/shop/catalogue/?page=2", "/", "/counties/weining/"]
    client = Client()

    def cost() -> dict[str, int]:
        counts = {}
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts[url] = len(queries.captured_queries)
        return counts

    small = cost()
    call_command("seed_demo", products=300, verbosity=0)  # once for all pages: the slow part of this test
    assert cost() == small


def test_bumping_the_site_version_empties_the_cache():
    Client().get("/")
    assert from_cache(Client().get("/"))
    bump_site_version()
    assert Client().get("/")["X-Page-Cache"] == "miss"


# --- product cards shared between visitors (catalogue/cards.py) ------------------------------


def _tea_card(page_html: str) -> str:
    start = page_html.index(TEA)
    return page_html[start : page_html.index("</article>", start)]


def test_a_wholesale_buyer_never_gets_a_consumers_shared_product_card(django_user_model, consumer_user, tea_record):
    listing = f"/shop/catalogue/?q={TEA[:4]}"
    consumer = Client()
    consumer.force_login(consumer_user)  # logged in: no page cache, the cards are what is shared
    consumer.get(listing)
    with CaptureQueriesContext(connection) as queries:
        again = consumer.get(listing).content.decode()
    assert "¥36.00" in _tea_card(again)
    assert not [q for q in queries if "catalogue_productimage" in q["sql"]]  # the card came from the card cache

    buyer = Client()
    buyer.force_login(django_user_model.objects.get(username="buyer"))
    assert "¥30.60" in _tea_card(buyer.get(listing).content.decode())  # the buyer's tier price, rendered for them
    assert "¥36.00" in _tea_card(consumer.get(listing).content.decode())  # and it never reached the consumer


def test_a_shared_product_card_shows_a_price_change_at_once(consumer_user, tea_record, committed):
    listing = f"/shop/catalogue/?q={TEA[:4]}"
    consumer = Client()
    consumer.force_login(consumer_user)
    assert "¥36.00" in _tea_card(consumer.get(listing).content.decode())

    def change():
        tea_record.price = Decimal("39.90")
        tea_record.save()

    committed(change)
    assert "¥39.90" in _tea_card(consumer.get(listing).content.decode())


def test_a_sorted_filtered_listing_is_remembered_and_follows_a_price_change_at_once(consumer_user, tea_record, committed):
    listing = "/shop/catalogue/?prefecture=bijie&sort=price-asc"
    consumer = Client()
    consumer.force_login(consumer_user)  # logged in: no page cache, the listing's ids are what is remembered

    def titles() -> list[str]:
        return re.findall(r'class="card-tile__title"[^>]*><a [^>]*>([^<]+)</a>', consumer.get(listing).content.decode())

    first = titles()
    assert first and first[0] != TEA
    with CaptureQueriesContext(connection) as queries:
        assert titles() == first
    page_ids = 'SELECT "catalogue_product"."id" AS "pk" FROM "catalogue_product"'
    assert not [q for q in queries if q["sql"].startswith(page_ids)], "the page's ids are remembered"

    def cheapest():
        tea_record.price = Decimal("0.10")
        tea_record.save()

    committed(cheapest)
    assert titles()[0] == TEA


def test_shared_product_cards_are_kept_per_language(consumer_user, tea_record):
    consumer = Client()
    consumer.force_login(consumer_user)
    consumer.get("/shop/catalogue/")
    assert "产地：" in consumer.get("/shop/catalogue/").content.decode()
    english = consumer.get("/en/shop/catalogue/").content.decode()
    assert "Origin: " in english and "产地：" not in english  # English cards, not the Chinese ones cached first


def test_a_county_page_follows_its_county_and_products_at_once(consumer_user, tea_record, committed):
    from regions.models import County

    visitor = Client()
    visitor.force_login(consumer_user)  # logged in: no page cache, the county and its product ids are remembered
    assert visitor.get("/counties/no-such-county/").status_code == 404
    assert visitor.get("/counties/no-such-county/").status_code == 404  # a 404 is never remembered as a county
    assert TEA in visitor.get("/counties/weining/").content.decode()
    county = County.objects.get(slug="weining")

    def rename():
        county.name = "威宁测试自治县"
        county.save()

    def withdraw():
        tea_record.product.is_public = False
        tea_record.product.save()

    committed(rename)
    assert "威宁测试自治县" in visitor.get("/counties/weining/").content.decode()
    committed(withdraw)
    assert TEA not in visitor.get("/counties/weining/").content.decode()


# --- shared fragments: the same parts of a page rendered once per version (core.fragments) -----


def test_a_shared_fragment_never_keeps_a_visitors_csrf_token(rf):
    from django.middleware.csrf import get_token
    from django.template import engines

    source = '{% load fragments %}{% shared_fragment "form" %}<form>{% csrf_token %}</form>{% end_shared_fragment %}'
    template = engines["django"].from_string(source)
    tokens = []
    for _ in range(2):
        request = rf.get("/")
        get_token(request)
        html = template.render({}, request)
        tokens.append(re.search(r'value="([^"]+)"', html).group(1))
    assert tokens[0] != tokens[1]  # each visitor got a token of their own, none from the cache
    assert not caches["fragments"]._cache  # and nothing was stored


def test_a_logged_in_visitor_sees_a_route_edit_at_once(consumer_user, committed):
    from tourism.models import RoutePage

    route = RoutePage.objects.get(slug="libo-xiaoqikong", locale__language_code="zh-hans")
    visitor = Client()
    visitor.force_login(consumer_user)  # never served from the page cache: the fragments are what is shared
    visitor.get(route.url)
    with CaptureQueriesContext(connection) as queries:
        assert route.summary in visitor.get(route.url).content.decode()
    assert not [q for q in queries if "regions_county" in q["sql"]]  # the itinerary came from the fragment

    def edit():
        route.summary = "小七孔新路线：古桥、水上森林与卧龙潭"
        route.save_revision().publish()

    committed(edit)
    assert "小七孔新路线" in visitor.get(route.url).content.decode()


def test_product_page_shares_its_description_but_renders_the_buy_box_per_visitor(settings, consumer_user, tea_record, committed):
    settings.PAGE_CACHE_SECONDS = 0  # rendered for each visitor: the fragments are what is shared
    url = tea_record.product.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(consumer_user)
    first.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = second.get(url).content.decode()
    assert not [q for q in queries if "catalogue_productimage" in q["sql"] or "traceability_certificate" in q["sql"]]
    assert "¥36.00" in page
    # The buy box's token is the second visitor's own: their add to basket goes through.
    token = re.search(r'id="add_to_basket_form".*?name="csrfmiddlewaretoken" value="([^"]+)"', page, re.S).group(1)
    added = second.post(f"/shop/basket/add/{tea_record.product.pk}/", {"quantity": 1, "csrfmiddlewaretoken": token})
    assert added.status_code == 302

    def edit():
        product = tea_record.product
        product.description = "<p>高山苦荞，新季焙制。</p>"
        product.save()

    committed(edit)
    assert "新季焙制" in first.get(url).content.decode()


def test_wagtail_routing_is_remembered_and_follows_a_slug_change_or_unpublishing_at_once(consumer_user, committed):
    from tourism.models import RoutePage

    route = RoutePage.objects.get(slug="libo-xiaoqikong", locale__language_code="zh-hans")
    old_url = route.url
    visitor = Client()
    visitor.force_login(consumer_user)
    visitor.get(old_url)
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(old_url).status_code == 200
    assert not [q for q in queries if "wagtailcore_site" in q["sql"]]  # the Site came from the cache
    assert len([q for q in queries if 'FROM "wagtailcore_page"' in q["sql"]]) <= 2  # not one walk per level

    def rename():
        route.slug = "libo-small-seven-arches"
        route.save_revision().publish()

    committed(rename)
    new_url = RoutePage.objects.get(pk=route.pk).url
    moved = visitor.get(old_url)  # not the remembered page: Wagtail's redirect to the new slug
    assert moved.status_code == 301 and moved["Location"] == new_url
    assert visitor.get(new_url).status_code == 200
    assert visitor.get(f"{new_url}geojson/").status_code == 200  # a routable page's sub-path

    committed(lambda: RoutePage.objects.get(pk=route.pk).unpublish())
    assert visitor.get(new_url).status_code == 404


def test_an_editors_preview_shows_the_draft_and_never_leaks_it_to_visitors(consumer_user):
    from tourism.models import RoutePage

    route = RoutePage.objects.get(slug="libo-xiaoqikong", locale__language_code="zh-hans")
    site_url = urlsplit(route.full_url)  # the preview is rendered for the page's own host, as visitors see it
    visitor = Client(HTTP_HOST=site_url.netloc, secure=site_url.scheme == "https")
    visitor.force_login(consumer_user)
    draft = RoutePage.objects.get(pk=route.pk)
    draft.summary = "草稿：小七孔冬季夜游，尚未发布"
    draft_lead = f'<p class="lead">{draft.summary}</p>'  # the hero: a shared fragment for visitors

    assert draft_lead in draft.make_preview_request().content.decode()  # previewed first, before any visitor
    page = visitor.get(route.url).content.decode()
    assert f'<p class="lead">{route.summary}</p>' in page and "尚未发布" not in page
    assert draft_lead in draft.make_preview_request().content.decode()  # not the visitors' live fragment


def test_a_view_restriction_added_or_removed_applies_at_once(settings, committed):
    from wagtail.models import PageViewRestriction

    from tourism.models import RoutePage

    settings.PAGE_CACHE_SECONDS = 0  # what is remembered here is the routing's, not the page cache's
    route = RoutePage.objects.get(slug="libo-xiaoqikong", locale__language_code="zh-hans")
    visitor = Client()
    assert visitor.get(route.url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(route.url).status_code == 200
    # Neither Wagtail's restriction lookup nor its read of the ancestors it checks.
    assert not [q for q in queries if "wagtailcore_pageviewrestriction" in q["sql"] or '"wagtailcore_page"."path" IN' in q["sql"]]

    parent = route.get_parent()  # a restriction on an ancestor covers the route
    restriction = PageViewRestriction(page=parent, restriction_type=PageViewRestriction.LOGIN)
    committed(restriction.save)
    refused = visitor.get(route.url)
    assert refused.status_code == 302 and refused["Location"].startswith("/shop/accounts/login/?next=")

    committed(restriction.delete)
    assert visitor.get(route.url).status_code == 200


def test_a_previewed_home_page_draft_never_becomes_the_home_page_visitors_get(consumer_user):
    from cms.models import HomePage

    home = HomePage.objects.get(locale__language_code="zh-hans")
    visitor = Client(HTTP_HOST=urlsplit(home.full_url).netloc)
    visitor.force_login(consumer_user)
    draft = HomePage.objects.get(pk=home.pk)
    draft.hero_title = "草稿：首页新标题，尚未发布"
    assert draft.localized is draft  # a draft asks for its own language first in this version
    assert "尚未发布" in draft.make_preview_request().content.decode()
    page = visitor.get("/").content.decode()
    assert home.hero_title in page and "尚未发布" not in page
