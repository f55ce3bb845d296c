"""Demo impact data: the category → 考核口径 mapping, a budget unit with its budget and orders, the ledger.

Idempotent. Runs after the demo orders: those are placed "now" and then moved into the past
(date and Guangzhou district rewritten), so their ledger rows are rewritten to match — demo
history only; real orders keep what was recorded when they were placed.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from impact.ledger import backfill
from impact.models import CategoryKind, ProductKind, SaleLine
from regions.models import District
from wholesale.models import BusinessAccount, InstitutionBudget

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

HANDICRAFT_CATEGORIES = ("民族手工艺·非遗",)
CANTEEN_ORDERS = 6


def canteen_credit_code() -> str:
    from core.validators import credit_code_check_character

    first17 = "12440106MB2C7Q4X8"  # 12…: a public institution (事业单位)
    return first17 + credit_code_check_character(first17)


def seed_category_kinds() -> None:
    for category in Category.objects.filter(depth=1):
        kind = ProductKind.HANDICRAFT if category.name in HANDICRAFT_CATEGORIES else ProductKind.AGRICULTURAL
        CategoryKind.objects.get_or_create(category=category, defaults={"kind": kind})


def seed_institution() -> BusinessAccount:
    """`canteen` is 广州市天河区某小学's canteen: a budget unit with ¥1,000,000 this year, 30 % reserved."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="canteen", defaults={"email": "canteen@example.com", "first_name": "天河区实验小学", "last_name": "食堂"}
    )
    if created:
        if settings.DEBUG:
            from marketplace.management.commands.seed_demo import DEMO_PASSWORD

            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    account, created = BusinessAccount.objects.get_or_create(
        user=user,
        defaults={
            "company_name": "广州市天河区实验小学（食堂）",
            "credit_code": canteen_credit_code(),
            "buyer_type": BusinessAccount.BuyerType.INSTITUTION,
            "contact_name": "王老师",
            "contact_phone": "13900139000",
            "delivery_district": District.objects.get(slug="tianhe"),
            "delivery_address": "天河区体育西路 1 号 学校食堂收货处",
            "status": BusinessAccount.Status.APPROVED,
            "payment_terms_days": 30,
            "credit_limit": Decimal("200000.00"),
        },
    )
    if created:
        account.licence.save("demo-institution-licence.pdf", ContentFile(b"%PDF-1.4\n% demo licence\n"), save=True)
    InstitutionBudget.objects.get_or_create(
        account=account,
        year=timezone.localdate().year,
        defaults={"canteen_food_budget": Decimal("1000000.00"), "reserved_share_percent": Decimal("30")},
    )
    return account


def seed_canteen_orders(account: BusinessAccount) -> None:
    """A few case orders of certified produce this year, so the canteen's progress is not empty."""
    from oscar.test.factories import create_order

    from partner.strategy import Selector

    if Order.objects.filter(number__startswith="DEMO-C").exists():
        return
    user = account.user
    products = list(
        Product.objects.filter(
            upc__startswith="QH",
            product_class__name="农产品",
            certificates__cert_type="poverty_product",
            certificates__status="verified",
        ).distinct()[:6]
    )
    stock_before = dict(StockRecord.objects.values_list("pk", "num_allocated"))
    now = timezone.now()
    for number in range(1, CANTEEN_ORDERS + 1):
        basket = Basket.objects.create(owner=user)
        basket.strategy = Selector().strategy(user=user)
        for product in products[number % len(products) :][:2] if products else []:
            for quantity in (40, 20, 10):
                if basket.strategy.fetch_for_product(product).availability.is_purchase_permitted(quantity)[0]:
                    basket.add_product(product, quantity)
                    break
        if not basket.num_lines:
            continue
        placed = max(now - timedelta(days=12 * number), now.replace(month=1, day=2))
        create_order(
            number=f"DEMO-C{number:03d}",
            basket=basket,
            user=user,
            status="已完成",
            guangzhou_district=account.delivery_district,
            date_placed=placed,
        )
    for pk, allocated in stock_before.items():  # history: give the units back to today's stock
        StockRecord.objects.filter(pk=pk).update(num_allocated=allocated)


def resync_demo_ledger() -> int:
    """Demo orders are placed "now" and then moved into the past: rewrite their rows to match.

    Demo history only, rebuilt on every run from the current mapping and certificates; real
    orders keep what was recorded when they were placed.
    """
    orders = Order.objects.filter(number__startswith="DEMO-")
    SaleLine.objects.filter(order__in=orders).delete()
    return backfill(orders)


def seed_impact(stdout=None) -> None:
    with transaction.atomic():
        seed_category_kinds()
        account = seed_institution()
    seed_canteen_orders(account)
    with transaction.atomic():
        rewritten = resync_demo_ledger()
        written = backfill()  # anything else placed before the ledger existed
    if stdout is not None:
        stdout.write(f"Impact ledger: {SaleLine.objects.count()} lines ({written} new, {rewritten} demo lines re-dated).")
