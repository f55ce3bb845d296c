"""The English site shows an English catalogue (#15): products, categories, cooperatives,
certificate issuers and batch places in English, Chinese only where no English exists yet.

Chinese is the source (`title`, `name`…); English sits beside it (`title_en`, `name_en`…),
read through one accessor (core.i18n.localized / the `localized` template filter).
"""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from oscar.core.loading import get_class, get_model

from cooperatives import importing
from cooperatives.models import CooperativeProfile
from core import i18n
from tests.checkout_helpers import our_orders, pay, place_order_in_english, two_cooperatives_products
from tourism.models import Departure
from traceability.models import Certificate, HarvestBatch

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("run_on_commit")]
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


def demo_product(upc: str):
    return Product.objects.get(upc=upc)


def duyun_maojian():
    return Product.objects.get(title="都匀毛尖 明前特级 100g")


# --- one mechanism: English beside the Chinese source ---------------------------------------


def test_english_shows_where_given_and_chinese_only_where_no_english_exists():
    product = duyun_maojian()
    with translation.override("en"):
        assert product.get_title() == "Duyun Maojian, pre-Qingming special grade, 100 g"
        assert product.localized("description").startswith("<p>One of China's ten famous teas")
        product.title_en = ""
        assert product.get_title() == "都匀毛尖 明前特级 100g"  # falls back to the source
    with translation.override("zh-hans"):
        assert duyun_maojian().get_title() == "都匀毛尖 明前特级 100g"


def test_writing_on_the_english_site_never_replaces_the_chinese_source():
    """What django-modeltranslation would do (README): here `title` means Chinese in every language."""
    with translation.override("en"):
        product = Product.objects.create(title="测试刺梨干", title_en="Dried cili", product_class=duyun_maojian().product_class)
        assert Product.objects.filter(title="测试刺梨干").exists()
    product.refresh_from_db()
    assert (product.title, product.title_en) == ("测试刺梨干", "Dried cili")


def test_every_translated_kind_of_text_is_registered():
    labels = {model._meta.label for model in i18n.translated_models()}
    assert {
        "catalogue.Product",
        "catalogue.Category",
        "catalogue.ProductAttribute",
        "catalogue.AttributeOption",
        "catalogue.Option",
        "partner.Partner",
        "cooperatives.CooperativeProfile",
        "traceability.Certificate",
        "traceability.HarvestBatch",
        "tourism.Departure",
        "regions.County",
        "regions.Prefecture",
        "regions.District",
    } <= labels


# --- demo data ------------------------------------------------------------------------------


def test_demo_data_ships_english_for_every_product_category_cooperative_issuer_and_place():
    assert not i18n.untranslated(Product).filter(upc__startswith="QH").exists()
    assert not i18n.untranslated(Category).exists()
    assert not i18n.untranslated(Partner).exists()
    assert not i18n.untranslated(CooperativeProfile).exists()
    assert not i18n.untranslated(Certificate).exists()
    assert not i18n.untranslated(HarvestBatch).exists()
    assert Certificate.objects.exists() and HarvestBatch.objects.exists()
    assert not Product.objects.filter(departure__isnull=False, title_en="").exists()


@pytest.mark.parametrize(
    "chinese, english",
    [
        ("都匀毛尖 明前特级 100g", "Duyun Maojian, pre-Qingming special grade, 100 g"),
        ("龙里刺梨原汁 250ml×24瓶", "Longli Cili juice, 250 ml × 24 bottles"),
        ("长顺绿壳鸡蛋 90枚 整箱", "Changshun green-shell eggs, case of 90 eggs"),
        ("金海湖蓝莓 125g×4盒", "Jinhaihu blueberries, 125 g × 4 punnets"),
    ],
)
def test_english_titles_keep_grade_pack_size_and_count(chinese, english):
    assert Product.objects.get(title=chinese).title_en == english


def test_departures_are_titled_from_the_english_route_with_an_english_date():
    departure = Departure.objects.select_related("product").order_by("date").first()
    assert departure.product.title_en.endswith(f"departing {departure.date.day} {departure.date:%B %Y}")
    assert "出发" not in departure.product.title_en


# --- what lacks English: command and dashboard -----------------------------------------------


def test_untranslated_command_lists_what_lacks_english_and_fails(capsys):
    product = duyun_maojian()
    Product.objects.filter(pk=product.pk).update(description_en="")
    with pytest.raises(SystemExit) as exit_info:
        call_command("untranslated", model=["catalogue.Product"])
    assert exit_info.value.code == 1
    output = capsys.readouterr().out
    assert f"#{product.pk} 都匀毛尖 明前特级 100g — description" in output
    assert "catalogue.Product (商品): 1" in output


def test_untranslated_command_passes_when_everything_has_english(capsys):
    call_command("untranslated", model=["catalogue.Category", "partner.Partner"])
    assert "全部有英文" in capsys.readouterr().out


def test_staff_see_which_texts_lack_english_with_a_link_to_edit_them(client, staff_user):
    category = Category.objects.get(name="茶叶")
    Category.objects.filter(pk=category.pk).update(name_en="")
    client.force_login(staff_user)
    response = client.get("/dashboard/translations/", {"model": "catalogue.category"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "茶叶" in body and f"/dashboard/catalogue/categories/{category.pk}/update/" in body
    summary = {row["label"]: row["missing"] for row in response.context["summary"]}
    assert summary["catalogue.category"] == 1 and summary["partner.partner"] == 0


def test_translation_report_is_staff_only(client, cooperative_user):
    client.force_login(cooperative_user)
    assert client.get("/dashboard/translations/").status_code in (302, 403)


# --- editors ----------------------------------------------------------------------------------


def test_staff_product_form_puts_each_english_field_beside_its_chinese_one(client, staff_user):
    client.force_login(staff_user)
    product = duyun_maojian()
    body = client.get(f"/dashboard/catalogue/products/{product.pk}/").content.decode()
    assert body.index('id="id_title"') < body.index('id="id_title_en"') < body.index('id="id_upc"')
    assert body.index('id="id_description"') < body.index('id="id_description_en"')
    assert 'lang="en"' in body and "Duyun Maojian, pre-Qingming special grade, 100 g" in body


def test_staff_product_form_saves_both_languages():
    ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
    product = duyun_maojian()
    data = {
        "title": product.title,
        "title_en": "Duyun Maojian, pre-Qingming special grade, 100 g tin",
        "upc": product.upc,
        "description": product.description,
        "description_en": "<p>Curled leaves, <script>x</script>white down.</p>",
        "is_public": "on",
        "is_discountable": "on",
        "structure": product.structure,
        "slug": product.slug,
        "origin_county": product.origin_county_id,
    }
    form = ProductForm(product.product_class, data=data, instance=product)
    assert form.is_valid(), form.errors
    form.save()
    product.refresh_from_db()
    assert product.title == "都匀毛尖 明前特级 100g"
    assert product.title_en.endswith("100 g tin")
    assert "<script>" not in product.description_en  # sanitised like the Chinese description


def test_bilingual_field_list_for_other_editors():
    assert i18n.bilingual_fields(Product, ["title", "upc", "description"]) == ["title", "title_en", "upc", "description", "description_en"]


def test_import_and_export_carry_the_english_columns():
    partner = Partner.objects.get(code="coop-weining")
    raw = (
        "SKU,商品名称,英文名称,单价,库存,描述,英文描述\n"
        "WN-EN-1,威宁荞麦面 1kg,Weining buckwheat noodles, 1 kg,25.00,40,高原荞麦,Highland buckwheat\n"
    ).encode()
    # A comma inside the English name needs CSV quoting, as Excel writes it:
    raw = raw.replace(b"Weining buckwheat noodles, 1 kg", b'"Weining buckwheat noodles, 1 kg"')
    rows = importing.validate(importing.parse("new.csv", raw), partner)
    assert [row.errors for row in rows] == [[]]
    importing.apply(rows, partner)
    product = StockRecord.objects.get(partner_sku="WN-EN-1").product
    assert (product.title, product.title_en) == ("威宁荞麦面 1kg", "Weining buckwheat noodles, 1 kg")
    assert "Highland buckwheat" in product.description_en
    exported = importing.export_rows(partner)
    assert exported[0] == ["SKU", "商品名称", "英文名称", "单价", "库存", "描述", "英文描述"]
    row = next(row for row in exported if row[0] == "WN-EN-1")
    assert row[2] == "Weining buckwheat noodles, 1 kg" and row[6] == "Highland buckwheat"


def test_import_keeps_english_when_the_column_is_left_out():
    partner = Partner.objects.get(code="coop-weining")
    record = StockRecord.objects.filter(partner=partner, product__upc__startswith="QH").select_related("product").first()
    english = record.product.title_en
    rows = importing.validate(importing.parse("p.csv", f"SKU,单价,库存\n{record.partner_sku},30.00,9\n".encode()), partner)
    importing.apply(rows, partner)
    record.product.refresh_from_db()
    assert record.product.title_en == english


# --- search in English --------------------------------------------------------------------


def english_search(client, query: str) -> list:
    response = client.get("/en/shop/search/", {"q": query})
    assert response.status_code == 200
    return list(response.context["products"])


@pytest.mark.parametrize(
    "query, expected",
    [
        ("tea", "Duyun Maojian"),
        ("walnut", "Hezhang walnuts"),
        ("wild rose", "Longli Cili juice"),
        ("Honey", "Baili Dujuan wildflower honey"),
    ],
)
def test_english_words_find_products_by_english_title_and_description(client, query, expected):
    titles = [product.title_en for product in english_search(client, query)]
    assert any(title.startswith(expected) for title in titles), titles


def test_english_words_match_whole_word_starts_not_the_middle_of_words(client):
    titles = [product.title_en for product in english_search(client, "tea")]
    assert not any(title.startswith("Weining ham") for title in titles)  # its description says "plateau"


def test_english_category_names_are_searchable_and_follow_edits(client):
    fungi = Category.objects.get(name="菌菇山珍")
    fungi.name_en = "Mushrooms and woodland treasures"
    fungi.save()
    assert {product.pk for product in english_search(client, "woodland")} == set(fungi.product_set.values_list("pk", flat=True))


def test_pinyin_search_still_finds_products_without_english(client):
    product = duyun_maojian()
    Product.objects.filter(pk=product.pk).update(title_en="", description_en="")
    product.refresh_from_db()
    product.save()  # rebuild its search document without English
    titles = [p.title for p in client.get("/shop/search/", {"q": "maojian"}).context["products"]]
    assert "都匀毛尖 明前特级 100g" in titles


def test_english_search_costs_as_many_queries_as_chinese_search(client):
    client.get("/en/shop/search/?q=tea")
    client.get("/shop/search/?q=茶叶")
    with CaptureQueriesContext(connection) as english:
        client.get("/en/shop/search/?q=tea")
    with CaptureQueriesContext(connection) as chinese:
        client.get("/shop/search/?q=茶叶")
    assert len(english.captured_queries) == len(chinese.captured_queries)


# --- formatting -----------------------------------------------------------------------------


def test_harvest_months_read_as_month_names_in_english_and_unchanged_in_chinese(client):
    url = duyun_maojian().get_absolute_url()  # reversed in Chinese: no /en/ prefix
    english = client.get(f"/en{url}").content.decode()
    assert "March, April" in english and "Month 3" not in english
    chinese = client.get(url).content.decode()
    assert "3月、4月" in chinese


def test_product_page_in_english_shows_english_data_and_the_chinese_name_marked(client):
    product = duyun_maojian()
    body = client.get(f"/en{product.get_absolute_url()}").content.decode()
    assert "Duyun Maojian Tea Farmers&#x27; Cooperative" in body or "Duyun Maojian Tea Farmers' Cooperative" in body
    assert '<span lang="zh-Hans" class="zh-name">都匀毛尖 明前特级 100g</span>' in body
    assert "/ pack" in body  # the selling unit 份
    assert "都匀市毛尖茶产销农民专业合作社" not in body


# --- emails -----------------------------------------------------------------------------------


def test_english_buyer_gets_english_titles_with_the_chinese_in_brackets(client, outbox):
    products = two_cooperatives_products()
    response = place_order_in_english(client, products)
    pay(client, response["Location"])
    outbox.flush()
    order = our_orders().get()
    # The order keeps the Chinese titles (cooperatives, statements and reports read them) …
    assert sorted(line.title for line in order.lines.all()) == sorted(product.title for product in products)
    # … and the English buyer's mail names the English title with the Chinese in brackets.
    body = mail.outbox[-1].body
    for product in products:
        assert f"{product.title_en} ({product.title})" in body
        partner = StockRecord.objects.get(product=product).partner
        assert partner.name_en in body and partner.name not in body
    assert "&#x27;" not in body and "&amp;" not in body


def test_a_product_without_english_shows_its_chinese_title_marked_as_chinese(client):
    """A cooperative's new product may have no English yet: /en/ falls back to the Chinese title
    and marks it lang="zh-Hans" (card and page), as it marks Chinese names beside English ones."""
    product = duyun_maojian()
    url = product.get_absolute_url()  # reversed in Chinese: no /en/ prefix
    assert '<h1 class="page-title">Duyun Maojian' in client.get(f"/en{url}").content.decode()
    product.title_en = ""
    product.save()
    assert '<h1 class="page-title" lang="zh-Hans">都匀毛尖 明前特级 100g' in client.get(f"/en{url}").content.decode()
    listing = client.get("/en/shop/search/?q=都匀毛尖").content.decode()
    assert 'class="card-tile__title" lang="zh-Hans"><a' in listing
    assert '<h1 class="page-title">都匀毛尖 明前特级 100g' in client.get(url).content.decode()  # the Chinese site: no marking
