"""Shop basics on the demo catalogue: readable slugs, CNY prices, pages that list products."""

import pytest
from oscar.core.loading import get_model

from core.slugs import pinyin_slugify

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


def test_pinyin_slugs_for_chinese_names():
    assert pinyin_slugify("都匀毛尖 明前特级 100g") == "du-yun-mao-jian-ming-qian-te-ji-100g"
    assert pinyin_slugify("Libo 蜜柚") == "libo-mi-you"


def test_products_and_categories_get_pinyin_slugs():
    product = Product.objects.get(title="都匀毛尖 明前特级 100g")
    assert product.slug == "du-yun-mao-jian-ming-qian-te-ji-100g"
    assert product.get_absolute_url().startswith("/shop/catalogue/du-yun-mao-jian")
    assert Category.objects.get(name="茶叶").slug == "cha-ye"


def test_catalogue_lists_demo_products_with_yuan_prices(client):
    body = client.get("/shop/catalogue/").content.decode()
    assert "¥" in body
    assert "/shop/catalogue/" in body
    assert Product.objects.filter(title__in=[t for t in ["威宁洋芋 5kg"]]).exists()


def test_product_page_renders_in_the_site_frame(client):
    product = Product.objects.get(title="威宁洋芋 5kg")
    response = client.get(product.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "威宁洋芋 5kg" in body
    assert "¥39.90" in body
    assert 'class="site-header"' in body


@pytest.mark.parametrize(
    ("name", "slug"),
    [("长顺绿壳鸡蛋", "chang-shun-lv-ke-ji-dan"), ("三都马尾绣钱包", "san-du-ma-wei-xiu-qian-bao"), ("都匀", "du-yun")],
)
def test_local_place_names_are_read_the_local_way(name, slug):
    assert pinyin_slugify(name) == slug


def test_prices_show_yuan_sign_in_english_too(client):
    body = client.get("/en/shop/catalogue/").content.decode()
    assert "¥" in body
    assert "CN¥" not in body
