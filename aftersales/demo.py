"""Demo after-sale claims in every state, and verified reviews with photos on the popular products.

Called from seed_demo after the demo orders are shipped (cooperatives/demo.py). Idempotent:
nothing is added once demo claims exist. Claims are made through the services (so approved ones
really refund through payments.refunds and show in statements and impact figures), then dated
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

Line = get_model("order", "Line")

#: (status, reason, note, the cooperative's answer, days ago)
CLAIMS = [
    ("open", "damaged", "快递外箱被压扁，3 个洋芋摔裂了，照片已上传。", "", 0),
    ("more_photos", "short_weight", "标称 5 kg，到手称只有 4.3 kg。", "请拍一张带电子秤读数的照片，连同外箱面单。", 1),
    ("escalated", "spoiled", "冷藏的竹荪到货时冰袋全化了，有异味。", "", 3),
    ("approved", "damaged", "有两个蜜柚磕破了皮。", "抱歉！按破损的两个退款，其余请放心食用。", 6),
    ("declined", "other", "颜色比图片深一点。", "天麻晒干后颜色会略深，属于正常现象，品质没有问题。", 9),
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


def _candidate_lines(user) -> list:
    """The user's shipped demo lines, newest first, one per order."""
    lines = (
        Line.objects.filter(order__user=user, order__number__startswith="DEMO-", order__status__in=("已发货", "已完成"))
        .select_related("order", "partner", "product")
        .order_by("-order__date_placed", "pk")
    )
    seen, chosen = set(), []
    for line in lines:
        if line.order_id not in seen and line.partner_id:
            seen.add(line.order_id)
            chosen.append(line)
    return chosen


def seed_claims() -> int:
    if Claim.objects.filter(order__number__startswith="DEMO-").exists():
        return 0
    User = get_user_model()
    buyer = User.objects.filter(username="consumer").first()
    staff = User.objects.filter(username="staff").first()
    if buyer is None or staff is None:
        return 0
    lines = _candidate_lines(buyer)[: len(CLAIMS)]
    now = timezone.now()
    created = 0
    for line, (status, reason, note, answer, days_ago) in zip(lines, CLAIMS, strict=False):
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


def seed_aftersales() -> None:
    """Claims in every state and verified reviews (productreviews/demo.py)."""
    from productreviews.demo import seed_reviews

    seed_claims()
    seed_reviews()
