"""County cooperatives: applications to sell, public profiles, line fulfilment, monthly statements."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.uploads import validate_document
from core.validators import mainland_mobile_validator, validate_credit_code


def licence_upload_to(instance: models.Model, filename: str) -> str:
    """Random names: licences and certificates are personal data and must not be guessable under MEDIA_URL."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cooperatives/private/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class CooperativeApplication(models.Model):
    """A cooperative's application to sell; staff approve (→ partner + account) or reject it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("已驳回")

    name = models.CharField(_("合作社名称"), max_length=128)
    county = models.ForeignKey(
        "regions.County", on_delete=models.PROTECT, related_name="cooperative_applications", verbose_name=_("所在县")
    )
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, validators=[validate_credit_code])
    legal_representative = models.CharField(_("法定代表人"), max_length=32)
    phone = models.CharField(_("联系手机"), max_length=11, validators=[mainland_mobile_validator])
    email = models.EmailField(_("联系邮箱"), help_text=_("审核结果和登录链接将发送到此邮箱。"))
    address = models.CharField(_("地址"), max_length=255)
    poor_households = models.PositiveIntegerField(_("带动建档立卡贫困户数"))
    business_licence = models.FileField(_("营业执照"), upload_to=licence_upload_to, validators=[validate_document])
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    rejection_reason = models.TextField(_("驳回原因"), blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("审核人")
    )
    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.SET_NULL, null=True, blank=True, related_name="application", verbose_name=_("合作社（商户）")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("入驻申请")
        verbose_name_plural = _("入驻申请")

    def __str__(self) -> str:
        return f"{self.name}（{self.get_status_display()}）"


class ApplicationDocument(models.Model):
    """An optional certificate (绿色食品、有机、地理标志…) attached to an application."""

    application = models.ForeignKey(CooperativeApplication, on_delete=models.CASCADE, related_name="documents", verbose_name=_("入驻申请"))
    file = models.FileField(_("资质证书"), upload_to=licence_upload_to, validators=[validate_document])

    class Meta:
        verbose_name = _("资质证书")
        verbose_name_plural = _("资质证书")

    def __str__(self) -> str:
        return self.file.name


class CooperativeProfile(models.Model):
    """The public face of a cooperative (one per Oscar partner)."""

    partner = models.OneToOneField("partner.Partner", on_delete=models.CASCADE, related_name="profile", verbose_name=_("合作社"))
    story = models.TextField(_("合作社故事"), blank=True)
    households_supported = models.PositiveIntegerField(_("带动建档立卡贫困户数"), default=0)

    class Meta:
        verbose_name = _("合作社简介")
        verbose_name_plural = _("合作社简介")

    def __str__(self) -> str:
        return str(self.partner)

    def get_absolute_url(self) -> str:
        return reverse("cooperatives:profile", kwargs={"code": self.partner.code})


class CooperativePhoto(models.Model):
    profile = models.ForeignKey(CooperativeProfile, on_delete=models.CASCADE, related_name="photos", verbose_name=_("合作社简介"))
    image = models.ImageField(_("照片"), upload_to="cooperatives/photos/")
    caption = models.CharField(_("说明"), max_length=128, blank=True)
    display_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = _("合作社照片")
        verbose_name_plural = _("合作社照片")

    def __str__(self) -> str:
        return self.caption or self.image.name


class LineFulfilment(models.Model):
    """How far a cooperative has got with one order line (Oscar's order app stays untouched)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待处理")
        PACKED = "packed", _("已打包")
        SHIPPED = "shipped", _("已发货")

    line = models.OneToOneField("order.Line", on_delete=models.CASCADE, related_name="fulfilment", verbose_name=_("订单行"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    carrier = models.CharField(_("快递公司"), max_length=64, blank=True)
    tracking_number = models.CharField(_("运单号"), max_length=64, blank=True)
    packed_at = models.DateTimeField(_("打包时间"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("发货时间"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("订单行发货")
        verbose_name_plural = _("订单行发货")

    def __str__(self) -> str:
        return f"{self.line_id}: {self.get_status_display()}"


class Statement(models.Model):
    """A cooperative's monthly settlement: what it sold, refunds, the platform fee, what it is owed."""

    class Status(models.TextChoices):
        OPEN = "open", _("待付款")
        PAID = "paid", _("已付款")

    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, related_name="statements", verbose_name=_("合作社"))
    period = models.DateField(_("结算月份"), help_text=_("该月的第一天"))
    lines_count = models.PositiveIntegerField(_("销售行数"), default=0)
    items_count = models.PositiveIntegerField(_("销售件数"), default=0)
    gross = models.DecimalField(_("销售额"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    refunds = models.DecimalField(_("退款"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    fee_percent = models.DecimalField(_("平台服务费率（%）"), max_digits=5, decimal_places=2)
    fee = models.DecimalField(_("平台服务费"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    payable = models.DecimalField(_("应付金额"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    paid_at = models.DateTimeField(_("付款时间"), null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-period", "partner__name"]
        verbose_name = _("月度结算单")
        verbose_name_plural = _("月度结算单")
        constraints = [models.UniqueConstraint(fields=["partner", "period"], name="unique_statement_per_partner_month")]

    def __str__(self) -> str:
        return f"{self.partner} {self.period:%Y-%m}"


class ProductImport(models.Model):
    """One uploaded CSV/Excel file: previewed (dry run) first, then applied all-or-nothing."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("待确认")
        APPLIED = "applied", _("已导入")

    partner = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="product_imports", verbose_name=_("合作社"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("上传人"))
    filename = models.CharField(_("文件名"), max_length=255)
    rows = models.JSONField(_("数据行"), default=list)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.PREVIEW)
    created_count = models.PositiveIntegerField(_("新建"), default=0)
    updated_count = models.PositiveIntegerField(_("更新"), default=0)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    applied_at = models.DateTimeField(_("导入时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("商品批量导入")
        verbose_name_plural = _("商品批量导入")

    def __str__(self) -> str:
        return self.filename

    @property
    def error_rows(self) -> list[dict]:
        return [row for row in self.rows if row.get("errors")]
