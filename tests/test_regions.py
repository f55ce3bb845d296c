"""The regions backbone must match the 2017 pairing table (穗办〔2017〕7号) row for row."""

import pytest
from django.urls import reverse

from regions.models import County, District, ParkPairing, Prefecture

pytestmark = pytest.mark.django_db

# Transcribed independently from the seed policy's "两地区县结对帮扶安排" table.
SEED_PAIRINGS = {
    "荔湾区": ("毕节市", ["七星关区", "金沙县"]),
    "天河区": ("毕节市", ["大方县", "纳雍县"]),
    "花都区": ("毕节市", ["黔西县", "织金县"]),
    "番禺区": ("毕节市", ["威宁彝族回族苗族自治县", "赫章县"]),
    "增城区": ("毕节市", ["百里杜鹃管委会", "金海湖新区"]),
    "越秀区": ("黔南布依族苗族自治州", ["长顺县", "罗甸县"]),
    "海珠区": ("黔南布依族苗族自治州", ["福泉市", "瓮安县"]),
    "白云区": ("黔南布依族苗族自治州", ["平塘县", "荔波县"]),
    "黄埔区": ("黔南布依族苗族自治州", ["都匀市", "独山县", "三都水族自治县"]),
    "南沙区": ("黔南布依族苗族自治州", ["贵定县", "龙里县", "惠水县"]),
}
POVERTY_COUNTIES = {"大方县", "纳雍县", "织金县", "威宁彝族回族苗族自治县", "赫章县",
                    "独山县", "罗甸县", "荔波县", "长顺县", "三都水族自治县", "平塘县"}
SLUGS = {
    "七星关区": "qixingguan", "金沙县": "jinsha", "大方县": "dafang", "纳雍县": "nayong", "黔西县": "qianxi",
    "织金县": "zhijin", "威宁彝族回族苗族自治县": "weining", "赫章县": "hezhang", "百里杜鹃管委会": "baili-dujuan",
    "金海湖新区": "jinhaihu", "长顺县": "changshun", "罗甸县": "luodian", "福泉市": "fuquan", "瓮安县": "wengan",
    "平塘县": "pingtang", "荔波县": "libo", "都匀市": "duyun", "独山县": "dushan", "三都水族自治县": "sandu",
    "贵定县": "guiding", "龙里县": "longli", "惠水县": "huishui",
}


@pytest.mark.parametrize("district_name", SEED_PAIRINGS)
def test_each_district_is_paired_with_exactly_the_counties_of_the_seed_table(district_name):
    prefecture_name, county_names = SEED_PAIRINGS[district_name]
    district = District.objects.get(name=district_name)
    counties = County.objects.filter(paired_district=district)
    assert sorted(c.name for c in counties) == sorted(county_names)
    assert {c.prefecture.name for c in counties} == {prefecture_name}


def test_twenty_two_counties_ten_in_bijie_twelve_in_qiannan():
    assert County.objects.count() == 22
    assert County.objects.filter(prefecture__slug="bijie").count() == 10
    assert County.objects.filter(prefecture__slug="qiannan").count() == 12


def test_the_eleven_national_poverty_counties_are_flagged_and_no_others():
    flagged = set(County.objects.filter(is_national_poverty_county=True).values_list("name", flat=True))
    assert flagged == POVERTY_COUNTIES


def test_county_slugs_are_short_pinyin_names():
    assert dict(County.objects.values_list("name", "slug")) == SLUGS


def test_conghua_is_a_guangzhou_district_without_a_pairing():
    assert District.objects.count() == 11
    assert not County.objects.filter(paired_district__slug="conghua").exists()
    assert District.objects.filter(paired_counties__isnull=False).distinct().count() == 10


def test_every_county_has_coordinates_in_guizhou():
    for county in County.objects.all():
        assert 24 < county.latitude < 28.5, county.name
        assert 103.5 < county.longitude < 109.5, county.name


def test_the_two_industrial_park_pairings():
    pairs = {(p.guangzhou_park, p.prefecture.slug) for p in ParkPairing.objects.select_related("prefecture")}
    assert pairs == {("广州开发区", "qiannan"), ("南沙开发区", "bijie")}


def test_another_supported_area_is_added_as_data_and_gets_a_county_page(client):
    """波密县 (对口支援, not a district pairing) needs rows, not code."""
    nyingchi = Prefecture.objects.create(name="林芝市", name_en="Nyingchi", slug="nyingchi", province="西藏自治区")
    bomi = County.objects.create(
        name="波密县", short_name="波密", name_en="Bomi", slug="bomi", prefecture=nyingchi,
        programme=County.Programme.COUNTERPART, latitude="29.858800", longitude="95.768200",
    )
    response = client.get(reverse("regions:county_detail", kwargs={"slug": "bomi"}))
    assert response.status_code == 200
    assert "波密县" in response.content.decode()
    assert "对口支援" in response.content.decode()
    assert bomi in County.objects.filter(programme="counterpart")


def test_county_page_shows_its_pairing_and_products(client):
    response = client.get("/counties/weining/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "番禺区对口帮扶·威宁" in body
    assert "国定贫困县" not in body  # shoppers get the pairing story; reports keep the 2017 flag
    assert "威宁洋芋" in body


def test_unknown_county_is_a_friendly_404(client):
    response = client.get("/counties/atlantis/")
    assert response.status_code == 404
    assert "没有找到这个页面" in response.content.decode()


def test_county_index_lists_all_counties_by_prefecture(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get("/counties/")
    body = response.content.decode()
    for slug in SLUGS.values():
        assert f"/counties/{slug}/" in body
