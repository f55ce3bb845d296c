"""Demo after-sale claims in every state, and verified reviews with photos on the popular products.

Called from seed_demo after the demo orders are shipped (cooperatives/demo.py). Idempotent:
nothing is added once demo claims exist. Claims are made through the services (so approved ones
really refund through stripe_payments.refunds and show in statements and impact figures), then dated
back, as history would be.
"""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image, ImageDraw

from aftersales import services
from aftersales.models import Claim, ClaimEvent

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

#: (status, reason, note, the cooperative's answer, days ago)
CLAIMS = [
    ("open", "damaged", "快递外箱被压扁，有 2 件破损，照片已上传。", "", 0),
    ("more_photos", "short_weight", "到手称重比标称少了约 0.7 kg。", "请拍一张带电子秤读数的照片，连同外箱面单。", 1),
    ("escalated", "spoiled", "到货时有异味，有一部分已经变质。", "", 3),
    ("approved", "damaged", "有两件在路上磕破了。", "抱歉！按破损的两件退款，其余请放心食用。", 6),
    ("declined", "other", "颜色比图片深一点。", "自然晾晒的产品颜色会有深浅差异，属于正常现象，品质没有问题。", 9),
]


def _parcel_photo(label: str) -> ContentFile:
    image = Image.new("RGB", (640, 480), (196, 160, 112))
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 90, 560, 400), outline=(120, 84, 40), width=8)
    draw.line((80, 90, 560, 400), fill=(150, 110, 60), width=5)
    draw.text((100, 420), label, fill=(60, 40, 20))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"{label}.jpg")


def demo_order(number: str, user, product, *, quantity: int, shipped_days_ago: float, delivered: bool = False):
    """An order of the consumer's that a cooperative shipped (in a package) a while ago; history, so the
    units are given back to today's stock. Returns the existing order when it is already there."""
    from oscar.test.factories import create_order

    from cooperatives.models import Carrier, Package, PackageLine
    from partner.strategy import Selector

    existing = Order.objects.filter(number=number).first()
    if existing is not None:
        return existing
    record = product.stockrecords.first()
    allocated = record.num_allocated
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    basket.add_product(product, quantity)
    order = create_order(number=number, basket=basket, user=user, status="待发货")
    shipped = timezone.now() - timedelta(days=shipped_days_ago)
    Order.objects.filter(pk=order.pk).update(date_placed=shipped - timedelta(hours=20))
    package = Package.objects.create(
        order=order,
        partner=record.partner,
        status=Package.Status.SHIPPED,
        carrier=Carrier.SF,
        tracking_number=f"SF{order.pk:012d}",
        created_at=shipped - timedelta(hours=3),
        shipped_at=shipped,
    )
    for line in order.lines.all():
        PackageLine.objects.create(package=package, line=line)
    status = "已完成" if delivered else "已发货"
    order.lines.update(status=status)
    Order.objects.filter(pk=order.pk).update(status=status)
    if delivered:
        OrderStatusChange.objects.create(order=order, old_status="已发货", new_status="已完成")
        OrderStatusChange.objects.filter(order=order).update(date_created=shipped + timedelta(days=1))
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=allocated)
    return Order.objects.get(pk=order.pk)


def _products() -> list:
    """Ambient products of different cooperatives, in a stable order."""
    chosen, partners = [], set()
    for product in Product.objects.filter(is_public=True, storage="ambient", stockrecords__num_in_stock__gt=20).order_by("pk"):
        record = product.stockrecords.first()
        if record.partner_id not in partners:
            partners.add(record.partner_id)
            chosen.append(product)
    return chosen


def seed_claims() -> int:
    if Claim.objects.filter(order__number__startswith="DEMO-AS").exists():
        return 0
    User = get_user_model()
    buyer = User.objects.filter(username="consumer").first()
    staff = User.objects.filter(username="staff").first()
    if buyer is None or staff is None:
        return 0
    now = timezone.now()
    created = 0
    # 威宁 (the walk-through's cooperative) gets the open claim; the other states go to other cooperatives.
    products = sorted(_products(), key=lambda product: product.stockrecords.first().partner.code != "coop-weining")
    for number, (product, (status, reason, note, answer, days_ago)) in enumerate(zip(products, CLAIMS, strict=False), 11):
        order = demo_order(f"DEMO-AS{number}", buyer, product, quantity=3, shipped_days_ago=days_ago + 1)
        line = order.lines.get()
        filed_at = now - timedelta(days=days_ago, hours=2)
        cooperative = line.partner.users.first() or staff
        try:
            _make_claim(line, buyer, cooperative, status, reason, note, answer, filed_at)
        except services.ClaimError:  # e.g. the line was refunded in full by the fulfilment demo
            continue
        created += 1
    return created


@transaction.atomic
def _make_claim(line, buyer, cooperative, status, reason, note, answer, filed_at) -> None:
    claim = Claim.objects.create(
        line=line,
        order=line.order,
        partner=line.partner,
        user=buyer,
        reason=reason,
        quantity=min(2, line.quantity),
        note=note,
        response_due_at=filed_at + timedelta(hours=services.response_hours()),
        created_at=filed_at,
    )
    claim.photos.create(image=_parcel_photo(f"claim-{line.order.number}"), uploaded_at=filed_at)
    ClaimEvent.objects.create(claim=claim, kind="filed", role="buyer", actor=buyer, message=note, created_at=filed_at)
    if status == "more_photos":
        services.request_more_photos(claim=claim, actor=cooperative, message=answer)
    elif status == "escalated":
        services.escalate_overdue(now=claim.response_due_at + timedelta(minutes=1))
    elif status == "approved":
        amount = min(services.full_refund_for(claim), Decimal("25.00"))
        services.approve(claim=claim, actor=cooperative, amount=amount, note=answer)
    elif status == "declined":
        services.decline(claim=claim, actor=cooperative, reason=answer)
    # The answers happened a few hours after filing, not today.
    claim.events.exclude(kind__in=("filed", "escalated")).update(created_at=filed_at + timedelta(hours=5))
    Claim.objects.filter(pk=claim.pk, decided_at__isnull=False).update(decided_at=filed_at + timedelta(hours=5))


def seed_walkthrough_orders() -> None:
    """For the demo walk-through (and the browser tests): the consumer's 威宁 order shipped yesterday, ready
    for a claim (DEMO-AS01), and one delivered three days ago, ready for a review (DEMO-AS02)."""
    buyer = get_user_model().objects.filter(username="consumer").first()
    products = [product for product in _products() if product.stockrecords.first().partner.code == "coop-weining"]
    if buyer is None or not products:
        return
    demo_order("DEMO-AS01", buyer, products[0], quantity=3, shipped_days_ago=1)
    demo_order("DEMO-AS02", buyer, products[0], quantity=1, shipped_days_ago=4, delivered=True)


def seed_aftersales() -> None:
    """Claims in every state, verified reviews (productreviews/demo.py) and the walk-through orders."""
    from productreviews.demo import seed_reviews

    seed_claims()
    seed_reviews()
    seed_walkthrough_orders()
