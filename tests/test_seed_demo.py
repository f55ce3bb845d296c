"""seed_demo builds a believable shop, is idempotent, and keeps demo passwords off production."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from oscar.core.loading import get_model

from regions.models import County
from tourism.models import RoutePage

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")


def test_every_county_has_a_cooperative_with_products():
    for county in County.objects.all():
        assert Partner.objects.filter(county=county).exists(), county.name
        assert Product.objects.filter(origin_county=county).exists(), county.name


def test_at_least_sixty_products_with_stock_yuan_prices_and_images():
    products = Product.objects.filter(upc__startswith="QH")
    assert products.count() >= 60
    for product in products.prefetch_related("stockrecords", "images"):
        record = product.stockrecords.all()[0]
        assert record.price_currency == "CNY"
        assert isinstance(record.price, Decimal) and record.price > 0
        assert record.num_in_stock > 0
        assert product.images.all(), product.title


def test_category_tree_covers_produce_and_handicrafts():
    names = set(Category.objects.values_list("name", flat=True))
    assert {"蔬菜", "水果", "茶叶", "粮油米面", "菌菇山珍", "禽蛋肉", "特产加工品", "民族手工艺·非遗"} <= names


def test_one_demo_user_of_each_kind():
    User = get_user_model()
    assert User.objects.get(username="staff").is_staff
    assert User.objects.get(username="coop-weining").partners.filter(county__slug="weining").exists()
    assert User.objects.get(username="buyer").groups.filter(name="批发采购商").exists()
    consumer = User.objects.get(username="consumer")
    assert not consumer.is_staff


def test_demo_passwords_are_unusable_when_debug_is_off():
    # Test settings run with DEBUG off, as production does.
    assert not get_user_model().objects.get(username="staff").has_usable_password()


def test_demo_passwords_work_when_debug_is_on(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    assert get_user_model().objects.get(username="consumer").check_password("qianhuo-demo-2026")


def test_seed_demo_is_idempotent():
    before = (Product.objects.count(), StockRecord.objects.count(), Partner.objects.count(), RoutePage.objects.count())
    call_command("seed_demo", verbosity=0)
    after = (Product.objects.count(), StockRecord.objects.count(), Partner.objects.count(), RoutePage.objects.count())
    assert before == after


def test_products_option_builds_a_larger_catalogue():
    call_command("seed_demo", products=30, verbosity=0)
    assert Product.objects.filter(upc__startswith="BENCH").count() == 30
    bench = Product.objects.filter(upc__startswith="BENCH").prefetch_related("stockrecords").first()
    assert bench.stockrecords.all()[0].num_in_stock == 100


def test_routes_exist_in_both_languages():
    assert RoutePage.objects.filter(locale__language_code="zh-hans").count() == 6
    assert RoutePage.objects.filter(locale__language_code="en").count() == 6
