"""Demo wholesale: the `buyer` user is an approved supermarket on net-30 terms; tier prices on produce."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from oscar.core.loading import get_model

from regions.models import District
from wholesale.models import BusinessAccount, PriceTier, WholesaleTerms

StockRecord = get_model("partner", "StockRecord")


def demo_credit_code() -> str:
    from core.validators import credit_code_check_character

    first17 = "91440106MA5CQW3K2"
    return first17 + credit_code_check_character(first17)


def seed_wholesale() -> None:
    buyer = get_user_model().objects.get(username="buyer")
    account, created = BusinessAccount.objects.get_or_create(
        user=buyer,
        defaults={
            "company_name": "天河生鲜超市有限公司",
            "credit_code": demo_credit_code(),
            "buyer_type": BusinessAccount.BuyerType.SUPERMARKET,
            "contact_name": "李经理",
            "contact_phone": "13800138000",
            "delivery_district": District.objects.get(slug="tianhe"),
            "delivery_address": "天河路 100 号 生鲜超市收货区",
            "status": BusinessAccount.Status.APPROVED,
            "payment_terms_days": 30,
            "credit_limit": Decimal("50000.00"),
        },
    )
    if created:
        account.licence.save("demo-licence.pdf", ContentFile(b"%PDF-1.4\n% demo licence\n"), save=True)

    # Volume tiers on every produce stock record: cases of 10 (or 1 for big packs).
    records = StockRecord.objects.filter(partner_sku__startswith="QH", product__product_class__name="农产品").select_related("product")
    for record in records:
        case_size = 1 if (record.product.net_weight_grams or 0) >= 5000 else 10
        WholesaleTerms.objects.update_or_create(stockrecord=record, defaults={"case_size": case_size, "min_order_quantity": case_size * 2})
        base = record.price
        tiers = [(1, 9, base * Decimal("0.85")), (10, 49, base * Decimal("0.78")), (50, None, base * Decimal("0.72"))]
        for min_cases, max_cases, price in tiers:
            PriceTier.objects.update_or_create(
                stockrecord=record,
                min_cases=min_cases,
                defaults={"max_cases": max_cases, "unit_price": price.quantize(Decimal("0.01"))},
            )
