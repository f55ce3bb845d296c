"""Six months of demo orders, so the impact reports and cooperative dashboards show real figures.

Orders go through Oscar's OrderCreator (ours, which takes stock); they are history, so the
stock they used is put back afterwards. Idempotent: numbers are DEMO-0001 … and exist once.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from partner.strategy import Selector
from regions.models import District

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")

ORDER_COUNT = 80
STATUSES = ["已完成"] * 7 + ["已发货"] * 2 + ["待发货"]


def seed_orders() -> int:
    """Create the demo order history once; returns how many orders were created."""
    if Order.objects.filter(number__startswith="DEMO-").exists():
        return 0
    rng = random.Random(2017)  # the pairing's first year: the same history every time
    users = {user.username: user for user in get_user_model().objects.filter(username__in=["consumer", "buyer"])}
    districts = list(District.objects.all())
    products = list(Product.objects.filter(upc__startswith="QH").select_related("origin_county__paired_district"))
    stock_before = dict(StockRecord.objects.values_list("pk", "num_allocated"))
    now = timezone.now()
    refund_type, _ = PaymentEventType.objects.get_or_create(code="refund", defaults={"name": "退款"})
    for number in range(1, ORDER_COUNT + 1):
        wholesale = number % 5 == 0
        user = users["buyer" if wholesale else "consumer"]
        basket = Basket.objects.create(owner=user)
        basket.strategy = Selector().strategy(user=user)
        for product in rng.sample(products, rng.randint(1, 3)):
            quantity = 20 if wholesale else rng.randint(1, 3)
            if basket.strategy.fetch_for_product(product).availability.is_purchase_permitted(quantity)[0]:
                basket.add_product(product, quantity)
        if not basket.num_lines:
            continue
        # Buyers favour the counties paired with their own district, as the pairing intends.
        first_county = basket.all_lines()[0].product.origin_county
        district = first_county.paired_district if rng.random() < 0.6 else rng.choice(districts)
        order = create_order(number=f"DEMO-{number:04d}", basket=basket, user=user, status=rng.choice(STATUSES))
        placed = now - timedelta(days=rng.randint(1, 180), hours=rng.randint(0, 23))
        Order.objects.filter(pk=order.pk).update(guangzhou_district=district, date_placed=placed)
        if number % 17 == 0:  # an occasional partial refund (a damaged box)
            PaymentEvent.objects.create(order=order, amount=(order.total_incl_tax / 4).quantize(Decimal("0.01")), event_type=refund_type)
    for pk, allocated in stock_before.items():  # history: give the units back to today's stock
        StockRecord.objects.filter(pk=pk).update(num_allocated=allocated)
    return Order.objects.filter(number__startswith="DEMO-").count()
