"""Verified reviews: one per delivered order line, written by the buyer of that line.

Oscar's own review app (``reviews``) lets anyone review anything and is hidden
(``OSCAR_HIDDEN_FEATURES``); these are the only reviews a shopper sees.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def review_photo_upload_to(instance: models.Model, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"reviews/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension[:5]}"


class ProductReview(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("公开")
        HIDDEN = "hidden", _("已隐藏")

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="verified_reviews", verbose_name=_("商品")
    )
    line = models.OneToOneField("order.Line", on_delete=models.PROTECT, related_name="verified_review", verbose_name=_("订单行"))
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, null=True, related_name="verified_reviews", verbose_name=_("合作社")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verified_reviews", verbose_name=_("买家"))
    rating = models.PositiveSmallIntegerField(_("评分"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    body = models.TextField(_("评价内容"), max_length=1000)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.VISIBLE, db_index=True)
    hidden_reason = models.CharField(_("隐藏原因"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    hidden_at = models.DateTimeField(_("隐藏时间"), null=True, blank=True)
    reply = models.TextField(_("合作社回复"), max_length=1000, blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("评价时间"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("商品评价")
        verbose_name_plural = _("商品评价")
        constraints = [models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5")]
        indexes = [models.Index(fields=["product", "status", "-created_at"], name="review_product_visible_idx")]

    def __str__(self) -> str:
        return f"{self.product_id} · {self.rating}★"

    @property
    def author_display(self) -> str:
        """A public, masked name: never the buyer's email or full name."""
        name = (self.user.get_full_name() or self.user.username or "").strip()
        return f"{name[:1]}**" if name else "**"


class ReviewPhoto(models.Model):
    review = models.ForeignKey(ProductReview, on_delete=models.CASCADE, related_name="photos", verbose_name=_("商品评价"))
    image = models.ImageField(_("照片"), upload_to=review_photo_upload_to)
    display_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("评价照片")
        verbose_name_plural = _("评价照片")

    def __str__(self) -> str:
        return self.image.name
