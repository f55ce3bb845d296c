"""Browsing, facets, search and the product page, as a Guangzhou shopper uses them."""

import json
import re

import pytest
from django.db import connection
from oscar.core.loading import get_model

from catalogue.search import search_products
from tests.catalogue_helpers import queries_as_the_catalogue_grows

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")


def listed_titles(response) -> list[str]:
    return [product.title for product in response.context["products"]]


def total(response) -> int:
    return response.context["paginator"].count


# --- search -------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["毛尖", "都匀毛尖", "maojian", "duyunmaojian", "dymj", "DYMJ", "mao jian"])
def test_search_finds_duyun_maojian_by_characters_pinyin_and_initials(client, query):
    response = client.get("/shop/search/", {"q": query})
    assert response.status_code == 200
    assert any(title.startswith("都匀毛尖") for title in listed_titles(response)), query


def test_searching_a_county_name_finds_all_of_its_products(client):
    response = client.get("/shop/search/", {"q": "威宁"})
    weining = Product.objects.browsable().filter(origin_county__slug="weining").count()
    assert total(response) == weining >= 6
    assert client.get("/shop/search/", {"q": "weining"}).context["paginator"].count == weining


def test_english_shoppers_can_search_by_category_word(client):
    response = client.get("/en/shop/search/", {"q": "tea"})
    assert total(response) >= 8
    # Teas, and tea sets ("tea" is a word of their English title); never "plateau" or "steamed".
    assert all(p.categories.filter(name="茶叶").exists() or "tea set" in p.title_en for p in response.context["products"])


def test_search_with_no_match_says_what_to_try(client):
    response = client.get("/shop/search/", {"q": "榴莲"})
    assert total(response) == 0
    assert "试试拼音" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram typo tolerance needs PostgreSQL's pg_trgm")
def test_search_forgives_a_typo_on_postgresql():
    assert search_products(Product.objects.all(), "maojain").filter(title__startswith="都匀毛尖").exists()


def test_search_document_follows_category_changes():
    product = Product.objects.get(upc="QH0290")
    assert "cha ye" in product.search_document
    product.categories.clear()
    product.refresh_from_db()
    assert "cha ye" not in product.search_document


# --- facets -------------------------------------------------------------------------------


def test_filter_by_county_combines_counties(client):
    response = client.get("/shop/catalogue/", {"county": ["weining", "dafang"]})
    expected = Product.objects.browsable().filter(origin_county__slug__in=["weining", "dafang"]).count()
    assert total(response) == expected
    assert {p.origin_county.slug for p in response.context["products"]} == {"weining", "dafang"}


def test_filter_by_prefecture_and_poverty_county(client):
    response = client.get("/shop/catalogue/", {"prefecture": "qiannan", "poverty": "1"})
    products = list(response.context["products"])
    assert products
    assert all(p.origin_county.prefecture.slug == "qiannan" and p.origin_county.is_national_poverty_county for p in products)
    expected = Product.objects.browsable().filter(origin_county__prefecture__slug="qiannan", origin_county__is_national_poverty_county=True)
    assert total(response) == expected.count()


def test_filter_by_cold_chain_and_price_range(client):
    response = client.get("/shop/catalogue/", {"storage": "chilled", "price_min": "50", "price_max": "100"})
    products = list(response.context["products"])
    assert products
    for product in products:
        assert product.storage == "chilled"
        assert 50 <= product.stockrecords.all()[0].price <= 100


def test_bad_filter_values_are_ignored_not_errors(client):
    response = client.get("/shop/catalogue/", {"price_min": "abc", "storage": "lava", "sort": "drop table"})
    assert response.status_code == 200
    assert total(response) == Product.objects.browsable().count()


def test_facet_counts_match_results(client):
    response = client.get("/shop/catalogue/", {"prefecture": "bijie"})
    counties = {option.value: option.count for option in response.context["facets"]["county"]}
    assert counties["weining"] == Product.objects.browsable().filter(origin_county__slug="weining").count()
    assert "duyun" not in counties  # Qiannan counties drop out once Bijie is chosen
    prefectures = {option.value: option.count for option in response.context["facets"]["prefecture"]}
    assert prefectures["qiannan"] == Product.objects.browsable().filter(origin_county__prefecture__slug="qiannan").count()


def test_category_page_keeps_filters_in_the_url(client):
    tea = get_model("catalogue", "Category").objects.get(name="茶叶")
    response = client.get(tea.get_absolute_url(), {"county": "duyun"})
    assert all("毛尖" in title for title in listed_titles(response))
    assert total(response) == 2


def test_sorting_by_price(client):
    response = client.get("/shop/catalogue/", {"sort": "price-asc"})
    prices = [p.min_price for p in response.context["products"]]
    assert prices == sorted(prices)


def test_listing_cost_is_constant_whatever_the_catalogue_size(client):
    small, large, response = queries_as_the_catalogue_grows(client, "/shop/catalogue/?prefecture=bijie&sort=price-asc")
    assert total(response) > 100
    assert large == small


def test_search_cost_is_constant_whatever_the_catalogue_size(client):
    small, large, _response = queries_as_the_catalogue_grows(client, "/shop/search/?q=maojian")
    assert large == small


# --- product page -------------------------------------------------------------------------


def test_product_page_shows_origin_pairing_and_produce_facts(client):
    product = Product.objects.get(title="大方天麻 干片 250g")
    body = client.get(product.get_absolute_url()).content.decode()
    assert "天河区对口帮扶·大方" in body
    assert "国定贫困县" not in body  # shoppers get the pairing story; reports keep the 2017 flag
    assert "地理标志产品" in body
    assert "大方县天麻与漆器产业农民专业合作社" in body
    assert "¥128.00" in body
    assert "常温" in body


def test_product_page_has_product_json_ld_and_webp_srcset(client):
    product = Product.objects.get(title="都匀毛尖 明前特级 100g")
    body = client.get(product.get_absolute_url()).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Product"
    assert data["offers"]["priceCurrency"] == "CNY"
    assert data["offers"]["price"] == "168.00"
    assert "srcset=" in body and ".webp" in body


def test_cold_product_says_it_ships_cold_chain(client):
    product = Product.objects.get(title="长顺绿壳鸡蛋 30枚")
    assert product.needs_cold_chain
    assert "冷链配送" in client.get(product.get_absolute_url()).content.decode()


def test_english_product_page_uses_the_english_name(client):
    product = Product.objects.get(title="都匀毛尖 明前特级 100g")
    body = client.get("/en" + product.get_absolute_url()).content.decode()
    assert "Duyun Maojian" in body


def test_harvest_months_are_validated():
    from django.core.exceptions import ValidationError

    from catalogue.models import validate_harvest_months

    validate_harvest_months("3,4,5")
    for bad in ["13", "March", "0,1"]:
        with pytest.raises(ValidationError):
            validate_harvest_months(bad)


# --- certificates and batches ---------------------------------------------------------------


def test_certification_facet_lists_only_certificates_in_force(client):
    from traceability.selectors import certificates_in_force

    response = client.get("/shop/catalogue/", {"cert": "green_food"})
    in_force = Product.objects.filter(certificates__in=certificates_in_force().filter(cert_type="green_food")).distinct()
    assert total(response) == in_force.count() > 0
    assert {p.pk for p in response.context["products"]} <= set(in_force.values_list("pk", flat=True))


def test_expired_certificates_drop_the_badge_without_anyone_acting(client):
    from datetime import timedelta

    from django.utils import timezone

    from traceability.models import Certificate

    certificate = Certificate.objects.filter(status="verified", products__isnull=False).first()
    product = certificate.products.first()
    Certificate.objects.filter(products=product).exclude(pk=certificate.pk).delete()
    listed = client.get("/shop/catalogue/", {"cert": certificate.cert_type, "county": product.origin_county.slug})
    assert product in listed.context["products"]
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    listed = client.get("/shop/catalogue/", {"cert": certificate.cert_type, "county": product.origin_county.slug})
    assert product not in listed.context["products"]
    assert certificate.number not in client.get(product.get_absolute_url()).content.decode()


def test_product_page_links_the_current_batch_trace_page(client):
    product = Product.objects.get(title="威宁洋芋 5kg")
    body = client.get(product.get_absolute_url()).content.decode()
    batch = product.harvest_batches.order_by("-harvest_date").first()
    assert f"/trace/{batch.code}/" in body
    trace = client.get(f"/trace/{batch.code}/")
    assert trace.status_code == 200 and "威宁洋芋" in trace.content.decode()
