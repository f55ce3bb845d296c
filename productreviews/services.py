"""Who may review what, and what the product page shows.

A review needs a line the reviewer bought and received: delivered (Oscar status 已完成), or
shipped at least ``REVIEWS_AFTER_SHIPPING_DAYS`` days ago (parcels do arrive; buyers do not
always confirm). One review per line; the line's cooperative may reply once, publicly;
staff may hide a review, with a reason the cooperative and buyer can see.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, Case, Count, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from aftersales import delivery
from productreviews.models import ProductReview, ReviewPhoto

Line = get_model("order", "Line")

MAX_PHOTOS = 6
MAX_TEXT = 1000


class ReviewError(Exception):
    """The review (or reply, or hiding) is refused; the message is shown to the person who asked."""


def after_shipping_days() -> int:
    return int(getattr(settings, "REVIEWS_AFTER_SHIPPING_DAYS", 7))


# --- eligibility ------------------------------------------------------------------------
def line_is_reviewable(line, *, now: dt.datetime | None = None) -> bool:
    """Received by now: delivered, or shipped long enough ago."""
    now = now or timezone.now()
    if delivery.is_delivered(line):
        return True
    shipped = delivery.shipped_at(line)
    return shipped is not None and shipped + dt.timedelta(days=after_shipping_days()) <= now


def reviewable_lines(user, product, *, now: dt.datetime | None = None) -> list:
    """The user's received, not yet reviewed lines of this product, oldest first."""
    if not user.is_authenticated:
        return []
    lines = (
        Line.objects.filter(order__user=user, product=product, verified_review__isnull=True)
        .select_related("order", "product")
        .order_by("order__date_placed", "pk")
    )
    return [line for line in lines if line_is_reviewable(line, now=now)]


def _clean(text: str, *, required: bool, empty_message: str) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ReviewError(empty_message)
    if len(text) > MAX_TEXT:
        raise ReviewError(_("最多 %(count)s 个字。") % {"count": MAX_TEXT})
    return text


# --- steps ------------------------------------------------------------------------------
@transaction.atomic
def post_review(*, user, product, rating: int, body: str, photos: list | None = None, now: dt.datetime | None = None) -> ProductReview:
    """The buyer reviews a product they received (their oldest unreviewed line of it)."""
    now = now or timezone.now()
    photos = photos or []
    lines = reviewable_lines(user, product, now=now)
    if not lines:
        if user.is_authenticated and Line.objects.filter(order__user=user, product=product).exists():
            raise ReviewError(_("收到商品后才能评价；每次购买只能评价一次。"))
        raise ReviewError(_("只有购买并收到这件商品的买家才能评价。"))
    if not 1 <= int(rating) <= 5:
        raise ReviewError(_("请选择 1 到 5 星。"))
    body = _clean(body, required=True, empty_message=_("请写几句评价。"))
    if len(photos) > MAX_PHOTOS:
        raise ReviewError(_("最多上传 %(count)s 张照片。") % {"count": MAX_PHOTOS})
    line = lines[0]
    try:
        with transaction.atomic():
            review = ProductReview.objects.create(
                product=product, line=line, partner=line.partner, user=user, rating=int(rating), body=body, created_at=now
            )
    except IntegrityError as error:  # the same line reviewed twice at once (a double click)
        raise ReviewError(_("这次购买已经评价过了。")) from error
    for position, photo in enumerate(photos):
        ReviewPhoto.objects.create(review=review, image=photo, display_order=position)
    return review


@transaction.atomic
def reply(*, review: ProductReview, actor, text: str) -> ProductReview:
    review = ProductReview.objects.select_for_update().get(pk=review.pk)
    if not (review.partner_id and review.partner.users.filter(pk=actor.pk).exists()):
        raise ReviewError(_("只有该商品的合作社可以回复。"))
    if review.reply:
        raise ReviewError(_("每条评价只能回复一次。"))
    review.reply = _clean(text, required=True, empty_message=_("请填写回复内容。"))
    review.replied_by = actor
    review.replied_at = timezone.now()
    review.save(update_fields=["reply", "replied_by", "replied_at"])
    return review


@transaction.atomic
def hide(*, review: ProductReview, actor, reason: str) -> ProductReview:
    if not actor.is_staff:
        raise ReviewError(_("只有平台工作人员可以隐藏评价。"))
    review = ProductReview.objects.select_for_update().get(pk=review.pk)
    review.status = ProductReview.Status.HIDDEN
    review.hidden_reason = _clean(reason, required=True, empty_message=_("隐藏评价时请填写原因。"))[:500]
    review.hidden_by = actor
    review.hidden_at = timezone.now()
    review.save(update_fields=["status", "hidden_reason", "hidden_by", "hidden_at"])
    return review


@transaction.atomic
def restore(*, review: ProductReview, actor) -> ProductReview:
    if not actor.is_staff:
        raise ReviewError(_("只有平台工作人员可以恢复评价。"))
    review = ProductReview.objects.select_for_update().get(pk=review.pk)
    review.status = ProductReview.Status.VISIBLE
    review.save(update_fields=["status"])
    return review


# --- what the product page shows -------------------------------------------------------------
def visible_reviews(product) -> QuerySet:
    """Visible reviews of the product: those with photos first, then newest first."""
    return (
        ProductReview.objects.filter(product=product, status=ProductReview.Status.VISIBLE)
        .annotate(photo_count=Count("photos"))
        .select_related("user")
        .prefetch_related("photos")
        .annotate(without_photos=Case(When(photo_count__gt=0, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("without_photos", "-created_at", "-pk")
    )


def rating_summary(product) -> dict:
    """Average (to one decimal, half-up) and count of the visible reviews; average None when there are none."""
    totals = ProductReview.objects.filter(product=product, status=ProductReview.Status.VISIBLE).aggregate(
        average=Avg("rating"), count=Count("pk")
    )
    average = totals["average"]
    if average is not None:
        average = Decimal(str(average)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return {"average": average, "count": totals["count"]}


def reviews_for_seller(user) -> QuerySet:
    reviews = ProductReview.objects.select_related("product", "line__order", "user", "partner").prefetch_related("photos")
    return reviews if user.is_staff else reviews.filter(partner__users=user)
