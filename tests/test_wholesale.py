"""Wholesale buyers: accounts, tier prices only for approved businesses, case packs, quick order."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from core.validators import credit_code_check_character
from tests.test_cooperatives import xlsx_bytes
from wholesale.models import BusinessAccount, PriceTier, WholesaleTerms
from wholesale.pricing import Tier, next_tier, validate_tier_table

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")


@pytest.fixture
def buyer(django_user_model):
    return django_user_model.objects.get(username="buyer")


@pytest.fixture
def tiered_record():
    """威宁苦荞茶 300g: cases of 10, minimum 20, tiers 85% / 78% / 72% of ¥36."""
    record = StockRecord.objects.select_related("product").get(product__title="威宁苦荞茶 300g 罐装")
    assert record.wholesale_terms.case_size == 10
    return record


def valid_credit_code(first17: str = "91440101MA9UQ8J2X") -> str:
    return first17 + credit_code_check_character(first17)


# --- tier tables --------------------------------------------------------------------------


def test_a_contiguous_tier_table_is_accepted():
    validate_tier_table([Tier(1, 9, Decimal("10")), Tier(10, 49, Decimal("9")), Tier(50, None, Decimal("8"))])


@pytest.mark.parametrize(
    ("tiers", "message"),
    [
        ([Tier(1, 9, Decimal("10")), Tier(12, None, Decimal("9"))], "空缺：10–11"),
        ([Tier(1, 10, Decimal("10")), Tier(10, None, Decimal("9"))], "重叠"),
        ([Tier(2, None, Decimal("10"))], "从 1 箱开始"),
        ([Tier(1, None, Decimal("10")), Tier(10, None, Decimal("9"))], "不封顶"),
    ],
)
def test_tier_tables_with_gaps_or_overlaps_are_rejected_with_a_reason(tiers, message):
    with pytest.raises(ValidationError) as error:
        validate_tier_table(tiers)
    assert any(message in text for text in error.value.messages)


def test_next_tier_saving():
    tiers = [Tier(1, 9, Decimal("10")), Tier(10, 49, Decimal("9")), Tier(50, None, Decimal("8"))]
    saving = next_tier(tiers, quantity=70, case_size=10)  # 7 cases
    assert (saving.more_cases, saving.unit_price, saving.saving_per_unit) == (3, Decimal("9"), Decimal("1"))
    assert next_tier(tiers, quantity=600, case_size=10) is None


# --- who sees which price ------------------------------------------------------------------


def test_consumers_never_see_tier_prices(client, consumer_user, tiered_record):
    client.force_login(consumer_user)
    body = client.get(tiered_record.product.get_absolute_url()).content.decode()
    assert "¥36.00" in body
    assert "¥30.60" not in body


def test_approved_buyer_sees_the_first_tier_price(client, buyer, tiered_record):
    client.force_login(buyer)
    body = client.get(tiered_record.product.get_absolute_url()).content.decode()
    assert "¥30.60" in body  # 36.00 × 0.85


def test_a_pending_business_sees_retail_prices(client, buyer, tiered_record):
    BusinessAccount.objects.filter(user=buyer).update(status=BusinessAccount.Status.PENDING)
    client.force_login(buyer)
    assert "¥36.00" in client.get(tiered_record.product.get_absolute_url()).content.decode()


# --- basket rules --------------------------------------------------------------------------


def add(client, record, quantity):
    return client.post(f"/shop/basket/add/{record.product_id}/", {"quantity": quantity}, follow=True)


def basket_of(user):
    return Basket.objects.filter(owner=user, status=Basket.OPEN).first()


def test_quantity_not_a_multiple_of_the_case_is_refused_with_a_clear_message(client, buyer, tiered_record):
    client.force_login(buyer)
    response = add(client, tiered_record, 25)
    assert "每箱 10 件" in response.content.decode()
    basket = basket_of(buyer)
    assert basket is None or basket.num_items == 0


def test_below_the_minimum_is_refused(client, buyer, tiered_record):
    client.force_login(buyer)
    response = add(client, tiered_record, 10)
    assert "起订量为 20 件" in response.content.decode()


def test_line_price_follows_the_volume_tier(client, buyer, tiered_record):
    client.force_login(buyer)
    add(client, tiered_record, 20)
    basket = basket_of(buyer)
    from partner.strategy import Selector

    basket.strategy = Selector().strategy(user=buyer)
    line = basket.all_lines()[0]
    assert line.unit_price_incl_tax == Decimal("30.60")
    line.quantity = 100  # 10 cases: second tier
    assert basket.strategy.fetch_for_line(line).price.incl_tax == Decimal("28.08")


# --- quick order ---------------------------------------------------------------------------


def quick_order(client, **data):
    return client.post("/wholesale/quick-order/", data, follow=True)


def skus(*titles):
    return [StockRecord.objects.get(product__title=title).partner_sku for title in titles]


def test_quick_order_puts_three_skus_in_the_basket_at_tier_prices(client, buyer):
    a, b, c = skus("威宁苦荞茶 300g 罐装", "赫章核桃 1kg", "金沙贡茶 一级 100g")
    response = quick_order(client_logged_in(client, buyer), rows=f"{a} 20\n{b}, 30\n{c}\t40")
    assert response.redirect_chain[-1][0].endswith("/shop/basket/")
    assert "已将 3 种商品加入购物车" in response.content.decode()
    basket = basket_of(buyer)
    assert basket.num_lines == 3
    assert basket.num_items == 90
    body = response.content.decode()
    assert "¥30.60" in body  # 威宁苦荞茶 at the first tier, not the ¥36.00 retail price


def test_quick_order_refuses_more_than_the_stock(client, buyer):
    (c,) = skus("金沙贡茶 一级 100g")
    body = quick_order(client_logged_in(client, buyer), rows=f"{c} 100").content.decode()
    assert basket_of(buyer) is None or basket_of(buyer).num_items == 0
    assert "60" in body


def client_logged_in(client, user):
    client.force_login(user)
    return client


def test_quick_order_with_one_bad_row_adds_nothing_and_reports_each_row(client, buyer):
    (a,) = skus("威宁苦荞茶 300g 罐装")
    response = quick_order(client_logged_in(client, buyer), rows=f"{a} 20\nNOPE-1 5\n{a} 20\n{a}x abc")
    body = response.content.decode()
    assert "找不到商品编号 NOPE-1" in body
    assert "重复出现" in body
    assert basket_of(buyer) is None or basket_of(buyer).num_items == 0


def test_quick_order_rejects_bad_numbers(client, buyer):
    (a,) = skus("威宁苦荞茶 300g 罐装")
    body = quick_order(client_logged_in(client, buyer), rows=f"{a} -3").content.decode()
    assert "不是正整数" in body


def test_quick_order_reads_a_gbk_csv_from_excel(client, buyer):
    a, b = skus("威宁苦荞茶 300g 罐装", "赫章核桃 1kg")
    csv_bytes = f"商品编号,数量\n{a},20\n{b},30\n".encode("gbk")
    upload = SimpleUploadedFile("订单.csv", csv_bytes, content_type="text/csv")
    quick_order(client_logged_in(client, buyer), upload=upload)
    assert basket_of(buyer).num_items == 50


def test_quick_order_reads_excel(client, buyer):
    (a,) = skus("威宁苦荞茶 300g 罐装")
    upload = SimpleUploadedFile("order.xlsx", xlsx_bytes([["SKU", "Quantity"], [a, 40]]))
    quick_order(client_logged_in(client, buyer), upload=upload)
    assert basket_of(buyer).num_items == 40


def test_quick_order_rejects_other_files(client, buyer):
    upload = SimpleUploadedFile("order.exe", b"MZ\x90\x00")
    body = quick_order(client_logged_in(client, buyer), upload=upload).content.decode()
    assert "只支持 CSV 或 Excel" in body


def test_quick_order_is_for_approved_businesses_only(client, consumer_user):
    client.force_login(consumer_user)
    response = client.get("/wholesale/quick-order/")
    assert response.status_code == 302
    assert response.url.endswith("/wholesale/")


# --- accounts ------------------------------------------------------------------------------


def licence():
    return SimpleUploadedFile("licence.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")


def application(**overrides):
    from regions.models import District

    data = {
        "company_name": "海珠区第一中学食堂",
        "credit_code": valid_credit_code(),
        "buyer_type": "canteen",
        "licence": licence(),
        "contact_name": "王老师",
        "contact_phone": "13912345678",
        "delivery_district": District.objects.get(slug="haizhu").pk,
        "delivery_address": "江南大道 1 号",
    }
    data.update(overrides)
    return data


def test_business_applies_and_staff_approve_with_terms(client, staff_user):
    applicant = get_user_model().objects.create_user("haizhu-school", "haizhu-school@example.com", "pw-canteen-123")
    client.force_login(applicant)
    client.post("/wholesale/apply/", application())
    account = BusinessAccount.objects.get(user=applicant)
    assert account.status == BusinessAccount.Status.PENDING

    client.force_login(staff_user)
    assert "海珠区第一中学食堂" in client.get("/dashboard/wholesale/accounts/").content.decode()
    client.post(f"/dashboard/wholesale/accounts/{account.pk}/approve/", {"payment_terms_days": 30, "credit_limit": "20000"})
    account.refresh_from_db()
    assert account.is_approved and account.buys_on_invoice
    assert account.credit_limit == Decimal("20000")
    assert mail.outbox[-1].to == ["haizhu-school@example.com"]


def test_staff_reject_with_a_reason_that_is_emailed(client, staff_user):
    applicant = get_user_model().objects.create_user("stall", "stall@example.com", "pw-stall-123")
    client.force_login(applicant)
    client.post("/wholesale/apply/", application(company_name="江南市场档口", credit_code=valid_credit_code("91440105MA59TLAB1")))
    account = BusinessAccount.objects.get(user=applicant)
    client.force_login(staff_user)
    client.post(f"/dashboard/wholesale/accounts/{account.pk}/reject/", {"reason": "营业执照已过期"})
    account.refresh_from_db()
    assert account.status == BusinessAccount.Status.REJECTED
    assert "营业执照已过期" in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("credit_code", "91440101MA9UQ8J2X0", "校验位"),
        ("contact_phone", "12345", "手机号"),
        ("licence", SimpleUploadedFile("licence.exe", b"MZ"), "不支持的文件类型"),
    ],
)
def test_bad_applications_are_refused_and_nothing_is_saved(client, consumer_user, field, value, message):
    client.force_login(consumer_user)
    response = client.post("/wholesale/apply/", application(**{field: value}))
    assert message in response.content.decode()
    assert not BusinessAccount.objects.filter(user=consumer_user).exists()


def test_only_staff_reach_the_account_review(client, buyer):
    client.force_login(buyer)
    assert client.get("/dashboard/wholesale/accounts/").status_code == 302


def test_demo_has_an_approved_supermarket_with_terms_and_twenty_tiered_products():
    account = BusinessAccount.objects.get(user__username="buyer")
    assert account.buyer_type == "supermarket" and account.buys_on_invoice
    assert WholesaleTerms.objects.count() >= 20
    assert PriceTier.objects.values("stockrecord").distinct().count() >= 20


def test_staff_tier_table_with_a_gap_is_refused_in_the_admin(client, staff_user, tiered_record):
    client.force_login(staff_user)
    url = f"/django-admin/partner/stockrecord/{tiered_record.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None and not hasattr(value, "pk")}
    data.update({"product": tiered_record.product_id, "partner": tiered_record.partner_id, "price_currency": "CNY"})
    data.update(
        {
            "wholesale_terms-TOTAL_FORMS": "1",
            "wholesale_terms-INITIAL_FORMS": "1",
            "wholesale_terms-MIN_NUM_FORMS": "0",
            "wholesale_terms-MAX_NUM_FORMS": "1",
            "wholesale_terms-0-id": tiered_record.wholesale_terms.pk,
            "wholesale_terms-0-stockrecord": tiered_record.pk,
            "wholesale_terms-0-case_size": "10",
            "wholesale_terms-0-min_order_quantity": "20",
        }
    )
    tiers = list(tiered_record.price_tiers.all())
    data.update(
        {
            "price_tiers-TOTAL_FORMS": str(len(tiers)),
            "price_tiers-INITIAL_FORMS": str(len(tiers)),
            "price_tiers-MIN_NUM_FORMS": "0",
            "price_tiers-MAX_NUM_FORMS": "1000",
        }
    )
    for index, tier in enumerate(tiers):
        data.update(
            {
                f"price_tiers-{index}-id": tier.pk,
                f"price_tiers-{index}-stockrecord": tiered_record.pk,
                f"price_tiers-{index}-min_cases": tier.min_cases,
                f"price_tiers-{index}-max_cases": tier.max_cases or "",
                f"price_tiers-{index}-unit_price": tier.unit_price,
            }
        )
    data["price_tiers-1-min_cases"] = "12"  # 10–11 cases left without a price
    response = client.post(url, data)
    assert response.status_code == 200
    assert "价格档有空缺：10–11 箱没有价格" in response.content.decode()
    assert sorted(t.min_cases for t in tiered_record.price_tiers.all()) == [1, 10, 50]


def test_tier_prices_cost_no_query_per_product_on_listings(client, buyer, consumer_user):
    """A buyer's catalogue page reads case packs and tiers in bulk, not once per product card."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for user in (consumer_user, buyer):
        client.force_login(user)
        client.get("/shop/catalogue/")  # thumbnails rendered once
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/shop/catalogue/")
        counts[user.username] = len(queries.captured_queries)
    assert len(response.context["products"]) == 24
    # The consumer's cards come from the shared card cache (their ids only); the buyer's are loaded
    # fresh with their card prefetch (5 queries in all): nowhere near one query per card.
    assert counts["buyer"] - counts["consumer"] <= 6


def test_a_tier_reads_in_the_one_money_format():
    assert str(PriceTier(min_cases=10, max_cases=None, unit_price=Decimal("1280"))) == "10–+: ¥1,280.00"
    assert str(PriceTier(min_cases=1, max_cases=9, unit_price=Decimal("35.5"))) == "1–9: ¥35.50"
