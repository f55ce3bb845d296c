"""County cooperatives: applications to sell, public profiles, packages, monthly statements, payouts, reminders."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import Localized
from core.private_files import private_storage
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
    business_licence = models.FileField(
        _("营业执照"), upload_to=licence_upload_to, storage=private_storage, validators=[validate_document]
    )
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
    file = models.FileField(_("资质证书"), upload_to=licence_upload_to, storage=private_storage, validators=[validate_document])

    class Meta:
        verbose_name = _("资质证书")
        verbose_name_plural = _("资质证书")

    def __str__(self) -> str:
        return self.file.name


class CooperativeProfile(Localized, models.Model):
    """The public face of a cooperative (one per Oscar partner)."""

    translated_fields = ("story",)

    partner = models.OneToOneField("partner.Partner", on_delete=models.CASCADE, related_name="profile", verbose_name=_("合作社"))
    story = models.TextField(_("合作社故事"), blank=True)
    story_en = models.TextField(_("英文合作社故事"), blank=True)
    households_supported = models.PositiveIntegerField(_("带动建档立卡贫困户数"), default=0)
    # Where the monthly payout goes (the payout batch staff export for the bank).
    bank_name = models.CharField(_("开户行"), max_length=128, blank=True)
    bank_account_name = models.CharField(_("账户名称"), max_length=128, blank=True)
    bank_account = models.CharField(_("银行账号"), max_length=40, blank=True)
    # Licences whose expiry the seller centre reminds of (90, 30 and 7 days ahead).
    business_licence_valid_until = models.DateField(_("营业执照有效期至"), null=True, blank=True, help_text=_("长期有效请留空"))
    food_licence_number = models.CharField(_("食品生产经营许可证编号"), max_length=32, blank=True)
    food_licence_valid_until = models.DateField(_("食品生产经营许可证有效期至"), null=True, blank=True)

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


class Carrier(models.TextChoices):
    """The express companies cooperatives ship with (a list, so the buyer's page can name them consistently)."""

    SF = "sf", _("顺丰速运")
    JD = "jd", _("京东物流")
    ZTO = "zto", _("中通快递")
    YTO = "yto", _("圆通速递")
    YUNDA = "yunda", _("韵达快递")
    EMS = "ems", _("邮政EMS")
    JT = "jt", _("极兔速递")


class Package(models.Model):
    """One box a cooperative sends for one order: some of its lines, one carrier, one tracking number."""

    class Status(models.TextChoices):
        PACKED = "packed", _("已打包")
        SHIPPED = "shipped", _("已发货")

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="packages", verbose_name=_("订单"))
    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, related_name="packages", verbose_name=_("合作社"))
    lines = models.ManyToManyField("order.Line", through="PackageLine", related_name="packages", verbose_name=_("订单行"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PACKED)
    carrier = models.CharField(_("快递公司"), max_length=16, choices=Carrier.choices, blank=True)
    tracking_number = models.CharField(_("运单号"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("打包时间"), default=timezone.now)
    shipped_at = models.DateTimeField(_("发货时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    shipped_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["order_id", "pk"]
        verbose_name = _("包裹")
        verbose_name_plural = _("包裹")
        constraints = [
            models.UniqueConstraint(
                fields=["carrier", "tracking_number"], condition=~models.Q(tracking_number=""), name="unique_tracking_number_per_carrier"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order.number} #{self.pk}"

    @property
    def is_shipped(self) -> bool:
        return self.status == self.Status.SHIPPED


class PackageLine(models.Model):
    """A whole order line in a package: a line goes into one package only."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="package_lines", verbose_name=_("包裹"))
    line = models.OneToOneField("order.Line", on_delete=models.CASCADE, related_name="package_line", verbose_name=_("订单行"))

    class Meta:
        verbose_name = _("包裹中的订单行")
        verbose_name_plural = _("包裹中的订单行")

    def __str__(self) -> str:
        return f"{self.package_id}: {self.line_id}"


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
    deductions = models.DecimalField(
        _("扣减（已结算订单的退款）"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    fee_percent = models.DecimalField(_("平台服务费率（%）"), max_digits=5, decimal_places=2)
    fee = models.DecimalField(_("平台服务费"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    payable = models.DecimalField(_("应付金额"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    paid_at = models.DateTimeField(_("付款时间"), null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    payout_batch = models.ForeignKey(
        "PayoutBatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="statements", verbose_name=_("付款批次")
    )

    class Meta:
        ordering = ["-period", "partner__name"]
        verbose_name = _("月度结算单")
        verbose_name_plural = _("月度结算单")
        constraints = [models.UniqueConstraint(fields=["partner", "period"], name="unique_statement_per_partner_month")]

    def __str__(self) -> str:
        return f"{self.partner} {self.period:%Y-%m}"


class StatementLine(models.Model):
    """One order line behind a statement, net of its refunds (kept, so a paid statement never changes)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="lines", verbose_name=_("结算单"))
    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="statement_lines", verbose_name=_("订单行"))
    order_number = models.CharField(_("订单号"), max_length=128)
    date_placed = models.DateTimeField(_("下单时间"))
    sku = models.CharField(_("SKU"), max_length=128, blank=True)
    title = models.CharField(_("商品"), max_length=255)
    quantity = models.PositiveIntegerField(_("数量"))
    refunded_quantity = models.PositiveIntegerField(_("退款数量"), default=0)
    gross = models.DecimalField(_("销售额"), max_digits=12, decimal_places=2)
    refunded = models.DecimalField(_("退款"), max_digits=12, decimal_places=2, default=Decimal("0.00"))

    class Meta:
        ordering = ["date_placed", "pk"]
        verbose_name = _("结算明细")
        verbose_name_plural = _("结算明细")
        constraints = [models.UniqueConstraint(fields=["statement", "line"], name="unique_statement_line")]

    def __str__(self) -> str:
        return f"{self.order_number} {self.title}"

    @property
    def net(self) -> Decimal:
        return self.gross - self.refunded


class StatementRefund(models.Model):
    """A refunded order line settled on a statement — as a refund of its own sale, or as a deduction
    when the sale's statement had already been paid. Each refund line is settled exactly once."""

    class Kind(models.TextChoices):
        REFUND = "refund", _("退款")
        DEDUCTION = "deduction", _("扣减")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="refund_entries", verbose_name=_("结算单"))
    refund_line = models.OneToOneField(
        "payments.RefundLine", on_delete=models.PROTECT, related_name="statement_entry", verbose_name=_("退款明细")
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    amount = models.DecimalField(_("金额"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("结算退款")
        verbose_name_plural = _("结算退款")

    def __str__(self) -> str:
        return f"{self.statement} {self.get_kind_display()} {self.amount}"


class PayoutBatch(models.Model):
    """The open statements staff pay in one bank run: exported as a file, then marked paid."""

    class Status(models.TextChoices):
        EXPORTED = "exported", _("待付款")
        PAID = "paid", _("已付款")

    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.EXPORTED)
    total = models.DecimalField(_("合计"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    paid_at = models.DateTimeField(_("付款时间"), null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("付款批次")
        verbose_name_plural = _("付款批次")

    def __str__(self) -> str:
        return f"{self.pk} {self.created_at:%Y-%m-%d}"


class ExpiryReminder(models.Model):
    """One reminder sent: a certificate or licence, for one expiry date, at one threshold (90/30/7 days).

    The unique constraint is what makes "each reminder goes out exactly once" hold, even when
    the beat task and the management command run at the same time.
    """

    partner = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="expiry_reminders", verbose_name=_("合作社"))
    subject_key = models.CharField(_("对象"), max_length=64, help_text=_("例如 certificate:12、licence:business"))
    title = models.CharField(_("名称"), max_length=255)
    valid_until = models.DateField(_("有效期至"))
    days = models.PositiveSmallIntegerField(_("提前天数"))
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)

    class Meta:
        ordering = ["valid_until", "pk"]
        verbose_name = _("到期提醒")
        verbose_name_plural = _("到期提醒")
        constraints = [
            models.UniqueConstraint(fields=["partner", "subject_key", "valid_until", "days"], name="unique_expiry_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.valid_until} ({self.days})"


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
