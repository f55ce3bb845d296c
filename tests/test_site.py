"""The site as a visitor meets it: languages, the shared frame, health, SEO basics."""

from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from tests.catalogue_helpers import queries_as_the_catalogue_grows

pytestmark = pytest.mark.django_db


def test_home_is_chinese_at_root(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans"' in body
    assert "毕节·黔南好物，直达广州" in body
    assert "当季好物" in body  # featured products from the shop
    assert "走进结对县" in body


def test_home_is_english_under_en(client):
    response = client.get("/en/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in body
    assert "Bijie &amp; Qiannan produce, straight to Guangzhou" in body
    assert "Shop" in body


def test_home_features_products_routes_and_counties(client):
    body = client.get("/").content.decode()
    assert "/shop/catalogue/" in body
    assert "/tourism/" in body and "百里杜鹃" in body
    assert "/counties/dafang/" in body
    # The pairing story table lists every paired district.
    for district in ["荔湾区", "天河区", "花都区", "番禺区", "增城区", "越秀区", "海珠区", "白云区", "黄埔区", "南沙区"]:
        assert district in body


def test_home_page_cost_does_not_depend_on_catalogue_size(client, django_assert_max_num_queries):
    client.get("/")  # first view renders thumbnails and renditions once
    with django_assert_max_num_queries(30):
        assert client.get("/").status_code == 200
    call_command("seed_demo", products=100, verbosity=0)
    client.get("/")
    with django_assert_max_num_queries(30):
        assert client.get("/").status_code == 200


def test_catalogue_page_cost_does_not_depend_on_catalogue_size(client):
    small, large, response = queries_as_the_catalogue_grows(client, "/shop/catalogue/")
    assert response.context["paginator"].count > 200
    assert large == small


@pytest.mark.parametrize("path", ["/", "/shop/catalogue/", "/tourism/", "/counties/", "/shop/basket/"])
def test_every_page_shares_the_site_header_and_footer(client, path):
    body = client.get(path).content.decode()
    assert 'class="site-header"' in body
    assert 'class="site-footer"' in body
    for label in ["首页", "农产品商城", "文旅线路", "县域", "批发采购", "购物车"]:
        assert label in body
    assert "googleapis" not in body  # no CDN


def test_language_switcher_keeps_the_visitor_on_the_same_shop_page(client):
    body = client.get("/shop/catalogue/?page=1").content.decode()
    assert 'href="/en/shop/catalogue/?page=1"' in body
    english = client.get("/en/shop/catalogue/").content.decode()
    assert 'href="/shop/catalogue/"' in english


def test_language_switcher_on_a_wagtail_page_links_its_translation(client):
    body = client.get("/tourism/libo-xiaoqikong/").content.decode()
    assert 'href="/en/tourism/libo-xiaoqikong/"' in body
    english = client.get("/en/tourism/libo-xiaoqikong/")
    assert english.status_code == 200
    assert "Libo Xiaoqikong" in english.content.decode()


def test_oscar_uses_its_chinese_translations(client):
    body = client.get("/shop/basket/").content.decode()
    assert "购物车" in body
    assert "Your basket is empty" not in body


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch("marketplace.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_healthz_is_503_when_the_cache_is_down(client):
    with mock.patch("marketplace.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def test_robots_and_sitemap(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /dashboard/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert "/tourism/libo-xiaoqikong/" in sitemap.content.decode()


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "没有找到这个页面" in response.content.decode()


def test_admin_entrances(client):
    assert client.get("/cms-admin/").url.startswith("/cms-admin/login/")
    assert client.get("/cms-admin/login/").status_code == 200
    assert client.get("/dashboard/login/").status_code == 200
    assert client.get("/django-admin/").status_code == 302


def test_staff_reach_the_dashboard_and_cms(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/cms-admin/").status_code == 200


def test_cooperative_reaches_the_dashboard_but_a_consumer_does_not(client, cooperative_user, consumer_user):
    client.force_login(cooperative_user)
    response = client.get("/dashboard/")  # a cooperative is sent to its own seller centre
    assert response.status_code == 302 and response["Location"].endswith("/dashboard/cooperative/")
    assert client.get("/dashboard/cooperative/").status_code == 200
    client.force_login(consumer_user)
    response = client.get("/dashboard/")
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_migrate_points_the_sites_row_at_site_url_so_mail_links_work(settings):
    # Oscar's password-reset and alert mails link to this row's domain; Django leaves "example.com".
    from django.contrib.sites.models import Site

    from marketplace.apps import sync_site

    site = Site.objects.get(pk=settings.SITE_ID)
    assert site.domain != "example.com" and site.name == "黔货进穗"
    settings.SITE_URL = "https://shop.qianhuo.example"
    sync_site()
    site.refresh_from_db()
    assert site.domain == "shop.qianhuo.example"
