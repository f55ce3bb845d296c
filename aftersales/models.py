"""After-sale claims (售后申请) on order lines, their photos and their log.

A claim belongs to one order line, hence to one cooperative (the line's partner), which is
what every cooperative-side query filters on. Money never moves here: an approved claim
calls stripe_payments.refunds.refund_order and keeps the Refund it got back.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def claim_photo_upload_to(instance: models.Model, filename: str) -> str:
    """Random names: claim photos show a buyer's home and parcel; they are served only through an access-checked view."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"aftersales/private/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension[:5]}"


class Claim(models.Model):
    class Reason(models.TextChoices):
        DAMAGED = "damaged", _("破损")
        SPOILED = "spoiled", _("变质／解冻")
        SHORT_WEIGHT = "short_weight", _("缺斤少两")
        WRONG_ITEM = "wrong_item", _("发错货")
        NOT_RECEIVED = "not_received", _("未收到货")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        OPEN = "open", _("待合作社处理")
        MORE_PHOTOS = "more_photos", _("待补充照片")
        ESCALATED = "escalated", _("平台介入处理中")
        APPROVED = "approved", _("已同意退款")
        DECLINED = "declined", _("已拒绝")

    #: Statuses in which someone still has to act; a line has at most one such claim.
    ACTIVE = (Status.OPEN, Status.MORE_PHOTOS, Status.ESCALATED)

    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="claims", verbose_name=_("订单行"))
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="claims", verbose_name=_("订单"))
    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, null=True, related_name="claims", verbose_name=_("合作社"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claims", verbose_name=_("买家"))
    reason = models.CharField(_("售后原因"), max_length=16, choices=Reason.choices)
    quantity = models.PositiveIntegerField(_("数量"))
    note = models.TextField(_("问题描述"), max_length=1000, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True)
    language = models.CharField(_("买家语言"), max_length=10, default="zh-hans")
    response_due_at = models.DateTimeField(_("处理期限"), help_text=_("此时仍未处理的申请将转平台客服"))
    refund_amount = models.DecimalField(_("退款金额"), max_digits=12, decimal_places=2, null=True, blank=True)
    goods_returned = models.BooleanField(_("货物已退回"), default=False)
    refund = models.ForeignKey(
        "payments.Refund", on_delete=models.PROTECT, null=True, blank=True, related_name="claims", verbose_name=_("退款")
    )
    decision_note = models.TextField(_("处理说明"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("处理人")
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("售后申请")
        verbose_name_plural = _("售后申请")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="claim_quantity_positive"),
            models.UniqueConstraint(
                fields=["line"], condition=models.Q(status__in=["open", "more_photos", "escalated"]), name="one_active_claim_per_line"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order.number} · {self.line.title} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("aftersales:claim-detail", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class ClaimPhoto(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="photos", verbose_name=_("售后申请"))
    image = models.ImageField(_("照片"), upload_to=claim_photo_upload_to)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("售后照片")
        verbose_name_plural = _("售后照片")

    def __str__(self) -> str:
        return self.image.name

    def get_absolute_url(self) -> str:
        return reverse("aftersales:claim-photo", kwargs={"pk": self.pk})


class ClaimEvent(models.Model):
    """One step of a claim, as the buyer, the cooperative and staff read it on the claim."""

    class Kind(models.TextChoices):
        FILED = "filed", _("提交售后申请")
        PHOTOS_ADDED = "photos_added", _("买家补充了照片")
        MORE_PHOTOS = "more_photos", _("合作社请买家补充照片")
        APPROVED = "approved", _("同意退款")
        DECLINED = "declined", _("拒绝申请")
        ESCALATED = "escalated", _("超时未处理，已转平台客服")

    class Role(models.TextChoices):
        BUYER = "buyer", _("买家")
        COOPERATIVE = "cooperative", _("合作社")
        STAFF = "staff", _("平台客服")
        SYSTEM = "system", _("系统")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events", verbose_name=_("售后申请"))
    kind = models.CharField(_("事项"), max_length=16, choices=Kind.choices)
    role = models.CharField(_("操作方"), max_length=16, choices=Role.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    message = models.TextField(_("说明"), blank=True)
    amount = models.DecimalField(_("金额"), max_digits=12, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("售后记录")
        verbose_name_plural = _("售后记录")

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.get_kind_display()}"
