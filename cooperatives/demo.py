"""Demo fulfilment for the six months of demo orders (called from seed_demo after the orders exist).

So the seller centre and the buyer's tracking page show real life: every demo order gets a
Guangzhou receiver; orders older than two weeks were shipped in packages and most are 已完成;
a handful are awaiting shipment this week (one of them 威宁's, with two lines, for the demo
walk-through); one is partly shipped (部分发货); one was refunded in full through the one refund
service. Idempotent: nothing is done once demo packages exist.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from cooperatives.models import Carrier, Package, PackageLine

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
StockRecord = get_model("partner", "StockRecord")

RECEIVERS = [
    ("陈小姐", "13926012345", "天河区", "天河路385号太古汇一座1203"),
    ("林先生", "13802234567", "越秀区", "中山五路219号2栋801"),
    ("黄女士", "13512345678", "海珠区", "新港中路397号5楼"),
    ("李先生", "18620001234", "番禺区", "市桥街光明北路288号"),
    ("周经理", "13798765432", "白云区", "机场路1718号江南果菜批发市场A区12档"),
    ("吴阿姨", "13660123456", "荔湾区", "芳村大道中45号3座502"),
]
TRACKING_FORMATS = {
    Carrier.SF: ("SF", 12),
    Carrier.JD: ("JDVA", 11),
    Carrier.ZTO: ("7", 13),
    Carrier.YTO: ("YT", 13),
    Carrier.YUNDA: ("43", 11),
    Carrier.EMS: ("11", 11),
    Carrier.JT: ("JT", 13),
}
AWAITING_THIS_WEEK = 5


def _tracking(rng: random.Random, carrier: str) -> str:
    prefix, digits = TRACKING_FORMATS[carrier]
    return prefix + "".join(rng.choice("0123456789") for _ in range(digits))


def _receiver(order, rng: random.Random) -> None:
    if order.shipping_address_id and order.shipping_address.line1:
        return
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="CN", defaults={"name": "中国", "printable_name": "中国", "is_shipping_country": True}
    )
    name, phone, district, street = rng.choice(RECEIVERS)
    address = ShippingAddress.objects.create(
        last_name=name,
        phone_number=f"+86{phone}",
        state="广东省",
        line4="广州市",
        line3=district,
        line1=street,
        postcode="510000",
        country=country,
    )
    Order.objects.filter(pk=order.pk).update(shipping_address=address)


def _ship(order, lines, *, when, rng: random.Random) -> None:
    by_partner: dict[int, list] = {}
    for line in lines:
        if line.partner_id:
            by_partner.setdefault(line.partner_id, []).append(line)
    for partner_id, partner_lines in by_partner.items():
        carrier = rng.choice(Carrier.values)
        package = Package.objects.create(
            order=order,
            partner_id=partner_id,
            status=Package.Status.SHIPPED,
            carrier=carrier,
            tracking_number=_tracking(rng, carrier),
            created_at=when - timedelta(hours=3),
            shipped_at=when,
        )
        PackageLine.objects.bulk_create([PackageLine(package=package, line=line) for line in partner_lines])
    Line.objects.filter(pk__in=[line.pk for line in lines]).update(status="已发货")


def _walkthrough_order(now) -> None:
    """威宁's two-line order from the consumer, placed yesterday: the seller centre's first job."""
    from django.contrib.auth import get_user_model
    from oscar.test.factories import create_order

    from partner.strategy import Selector

    if Order.objects.filter(number="DEMO-0090").exists():
        return
    Basket = get_model("basket", "Basket")
    user = get_user_model().objects.get(username="consumer")
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    records = StockRecord.objects.filter(partner__code="coop-weining", product__is_public=True).select_related("product").order_by("pk")[:2]
    for record in records:
        basket.add_product(record.product, 1)
    if basket.num_lines < 2:
        return
    order = create_order(number="DEMO-0090", basket=basket, user=user, status="待发货")
    Order.objects.filter(pk=order.pk).update(date_placed=now - timedelta(hours=26))
    for record in records:  # history, not a live sale: give the units back
        StockRecord.objects.filter(pk=record.pk).update(num_allocated=record.num_allocated)


@transaction.atomic
def seed_fulfilment() -> int:
    """Give the demo orders their packages and states; returns the number of packages made."""
    if Package.objects.filter(order__number__startswith="DEMO-").exists():
        return 0
    rng = random.Random(2026)
    now = timezone.now()
    _walkthrough_order(now)
    orders = list(Order.objects.filter(number__startswith="DEMO-").select_related("shipping_address").order_by("date_placed", "pk"))
    if not orders:
        return 0
    for order in orders:
        _receiver(order, rng)

    recent = [order for order in orders if order.number != "DEMO-0090"][-AWAITING_THIS_WEEK:]
    for index, order in enumerate(recent):  # this week's work: placed in the last six days, nothing shipped yet
        Order.objects.filter(pk=order.pk).update(date_placed=now - timedelta(days=index + 1, hours=rng.randint(1, 20)), status="待发货")
        order.lines.update(status="待发货")
    awaiting = {order.pk for order in recent} | {order.pk for order in orders if order.number == "DEMO-0090"}
    older = [order for order in orders if order.number != "DEMO-0090" and order.pk not in awaiting]
    in_transit = {order.pk for order in older[-6:]}
    for index, order in enumerate(older[-6:]):  # shipped last week, still on the road
        order.date_placed = now - timedelta(days=7 + index, hours=rng.randint(1, 20))
        Order.objects.filter(pk=order.pk).update(date_placed=order.date_placed)

    partly = next((order for order in recent if order.lines.values("partner").distinct().count() >= 2 or order.lines.count() >= 2), None)
    for order in orders:
        if order.pk in awaiting:
            continue
        lines = list(order.lines.all())
        _ship(order, lines, when=order.date_placed + timedelta(hours=rng.randint(18, 40)), rng=rng)
        delivered = order.pk not in in_transit
        Order.objects.filter(pk=order.pk).update(status="已完成" if delivered else "已发货")
        if delivered:
            order.lines.update(status="已完成")
    if partly is not None:
        lines = list(partly.lines.order_by("partner_id", "pk"))
        first_partner = lines[0].partner_id
        shipped = (
            [line for line in lines if line.partner_id == first_partner] if len({line.partner_id for line in lines}) > 1 else lines[:1]
        )
        _ship(partly, shipped, when=now - timedelta(hours=6), rng=rng)
        Order.objects.filter(pk=partly.pk).update(status="部分发货")
    _refund_one(orders, awaiting)
    _documents_and_banks()
    return Package.objects.filter(order__number__startswith="DEMO-").count()


def _documents_and_banks() -> None:
    """威宁's food licence runs out in 25 days (its 30-day reminder already sent), and every
    cooperative has the bank account its payouts go to."""
    from cooperatives.models import CooperativeProfile, ExpiryReminder

    today = timezone.localdate()
    for index, profile in enumerate(CooperativeProfile.objects.select_related("partner").order_by("pk")):
        profile.bank_name = profile.bank_name or "贵州省农村信用社"
        profile.bank_account_name = profile.bank_account_name or profile.partner.name
        profile.bank_account = profile.bank_account or f"62248800{index:03d}{profile.partner_id:08d}"
        if profile.partner.code == "coop-weining":
            profile.food_licence_number = "SC11152052700123"
            profile.food_licence_valid_until = today + timedelta(days=25)
            profile.business_licence_valid_until = today + timedelta(days=80)
        profile.save()
        if profile.partner.code == "coop-weining":
            ExpiryReminder.objects.get_or_create(
                partner=profile.partner,
                subject_key="licence:food",
                valid_until=profile.food_licence_valid_until,
                days=30,
                defaults={"title": f"食品生产经营许可证 {profile.food_licence_number}"},
            )


def _refund_one(orders, awaiting: set[int]) -> None:
    """One completed order refunded in full (the fruit arrived spoiled), through the one refund service."""
    from stripe_payments.refunds import RefundError, refund_order

    candidates = [order for order in orders if order.pk not in awaiting and (timezone.now() - order.date_placed).days > 40]
    for order in candidates[:5]:
        order.refresh_from_db()
        try:
            refund_order(order=order, key=f"demo-refund-{order.number}", reason="到货腐烂，整单退款", source="staff")
        except RefundError:
            continue
        Order.objects.filter(pk=order.pk).update(status="已退款")
        return
