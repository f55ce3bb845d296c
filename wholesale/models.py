"""Wholesale buyers (supermarkets, canteens, market stalls): accounts, case packs and volume tiers."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import format_cny, quantize_fen
from core.private_files import RandomName, private_storage
from core.uploads import validate_document
from core.validators import mainland_mobile_validator, validate_credit_code


class BusinessAccount(models.Model):
    """A company buying on terms. Only an approved account sees tier prices."""

    class BuyerType(models.TextChoices):
        SUPERMARKET = "supermarket", _("超市")
        CANTEEN = "canteen", _("单位食堂")
        # 预算单位: its canteen purchases count against the reserved share (财库〔2021〕19号).
        INSTITUTION = "institution", _("机关、学校、医院食堂（预算单位）")
        WHOLESALE_MARKET = "market", _("批发市场商户")
        RESTAURANT = "restaurant", _("餐饮企业")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("未通过")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="business_account", verbose_name=_("账户"))
    company_name = models.CharField(_("企业名称"), max_length=120)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code])
    buyer_type = models.CharField(_("采购商类型"), max_length=16, choices=BuyerType.choices)
    licence = models.FileField(
        _("营业执照"), upload_to=RandomName("wholesale/licences"), storage=private_storage, validators=[validate_document]
    )
    contact_name = models.CharField(_("联系人"), max_length=40)
    contact_phone = models.CharField(_("联系电话"), max_length=11, validators=[mainland_mobile_validator])
    delivery_district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, related_name="business_accounts", verbose_name=_("收货所在区")
    )
    delivery_address = models.CharField(_("收货地址"), max_length=200)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.TextField(_("未通过原因"), blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(_("账期（天）"), default=0, help_text=_("0 表示不赊账，须在线支付"))
    credit_limit = models.DecimalField(
        _("信用额度（元）"), max_digits=12, decimal_places=2, default=Decimal("0.00"), validators=[MinValueValidator(Decimal("0"))]
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("审核人")
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("企业采购账户")
        verbose_name_plural = _("企业采购账户")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.company_name

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def buys_on_invoice(self) -> bool:
        return self.is_approved and self.payment_terms_days > 0 and self.credit_limit > 0

    @property
    def is_institution(self) -> bool:
        return self.buyer_type == self.BuyerType.INSTITUTION


# Guangdong from 2025: at least 30 % of a budget unit's canteen food purchases from the paired areas.
DEFAULT_RESERVED_SHARE = Decimal("30")


class InstitutionBudget(models.Model):
    """A budget unit's canteen food budget for one year and the share reserved for the paired counties."""

    account = models.ForeignKey(BusinessAccount, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("企业采购账户"))
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2017), MaxValueValidator(2100)])
    canteen_food_budget = models.DecimalField(
        _("食堂食材采购预算（元）"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    reserved_share_percent = models.DecimalField(
        _("预留份额（%）"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_RESERVED_SHARE,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("广东省自 2025 年起不低于 30%"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    MAX_BUDGET = Decimal("999999999999.99")  # what max_digits=14 can hold

    class Meta:
        verbose_name = _("食堂采购预算")
        verbose_name_plural = _("食堂采购预算")
        ordering = ["account_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["account", "year"], name="one_budget_per_institution_year"),
            models.CheckConstraint(condition=models.Q(canteen_food_budget__gte=0), name="budget_not_negative"),
            models.CheckConstraint(
                condition=models.Q(reserved_share_percent__gte=0, reserved_share_percent__lte=100), name="reserved_share_is_a_percentage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} · {self.year}"

    @property
    def target(self) -> Decimal:
        """The amount to buy from the paired counties this year: budget × share, rounded once to the fen."""
        return quantize_fen(self.canteen_food_budget * self.reserved_share_percent / Decimal("100"))


class WholesaleTerms(models.Model):
    """How a stock record sells to businesses: by the case, from a minimum quantity."""

    stockrecord = models.OneToOneField(
        "partner.StockRecord", on_delete=models.CASCADE, related_name="wholesale_terms", verbose_name=_("库存记录")
    )
    case_size = models.PositiveIntegerField(_("每箱件数"), default=1, validators=[MinValueValidator(1)])
    min_order_quantity = models.PositiveIntegerField(
        _("起订量（件）"), default=1, validators=[MinValueValidator(1)], help_text=_("须为每箱件数的整数倍")
    )

    class Meta:
        verbose_name = _("批发条款")
        verbose_name_plural = _("批发条款")

    def __str__(self) -> str:
        return f"{self.stockrecord.partner_sku}: {self.case_size}/case"


class PriceTier(models.Model):
    """Unit price for business buyers ordering between min_cases and max_cases cases (inclusive)."""

    stockrecord = models.ForeignKey("partner.StockRecord", on_delete=models.CASCADE, related_name="price_tiers", verbose_name=_("库存记录"))
    min_cases = models.PositiveIntegerField(_("起（箱）"), validators=[MinValueValidator(1)])
    max_cases = models.PositiveIntegerField(_("止（箱）"), null=True, blank=True, help_text=_("留空表示不封顶"))
    unit_price = models.DecimalField(
        _("批发单价（元/件）"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )

    class Meta:
        verbose_name = _("阶梯价")
        verbose_name_plural = _("阶梯价")
        ordering = ["stockrecord", "min_cases"]
        constraints = [
            models.UniqueConstraint(fields=["stockrecord", "min_cases"], name="unique_tier_start"),
            models.CheckConstraint(
                condition=models.Q(max_cases__isnull=True) | models.Q(max_cases__gte=models.F("min_cases")),
                name="tier_range_not_reversed",
            ),
        ]

    def __str__(self) -> str:
        upper = self.max_cases or "+"
        return f"{self.min_cases}–{upper}: {format_cny(self.unit_price)}"


class QuoteRequest(models.Model):
    """A buyer's request for prices on a list of products, answered by platform staff."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("待报价")
        QUOTED = "quoted", _("已报价")
        ACCEPTED = "accepted", _("已接受")
        ORDERED = "ordered", _("已下单")
        EXPIRED = "expired", _("已过期")

    account = models.ForeignKey(BusinessAccount, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("企业采购账户"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    delivery_date = models.DateField(_("期望送达日期"))
    note = models.TextField(_("备注"), blank=True)
    valid_until = models.DateField(_("报价有效期至"), null=True, blank=True)
    quoted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("报价人")
    )
    quoted_at = models.DateTimeField(_("报价时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("接受时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("询价时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("询价单")
        verbose_name_plural = _("询价单")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"RFQ-{self.pk:05d}"

    @property
    def reference(self) -> str:
        return str(self)


class QuoteLine(models.Model):
    quote = models.ForeignKey(QuoteRequest, on_delete=models.CASCADE, related_name="lines", verbose_name=_("询价单"))
    stockrecord = models.ForeignKey("partner.StockRecord", on_delete=models.PROTECT, related_name="+", verbose_name=_("库存记录"))
    quantity = models.PositiveIntegerField(_("数量（件）"), validators=[MinValueValidator(1)])
    unit_price = models.DecimalField(
        _("报价单价（元/件）"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )

    class Meta:
        verbose_name = _("询价明细")
        verbose_name_plural = _("询价明细")
        constraints = [models.UniqueConstraint(fields=["quote", "stockrecord"], name="one_line_per_sku_per_quote")]

    def __str__(self) -> str:
        return f"{self.quote} · {self.stockrecord_id} × {self.quantity}"


class OrderTemplate(models.Model):
    """A saved list a buyer re-orders often, e.g. the canteen's weekly vegetables."""

    account = models.ForeignKey(BusinessAccount, on_delete=models.CASCADE, related_name="order_templates", verbose_name=_("企业采购账户"))
    name = models.CharField(_("名称"), max_length=60)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("常用采购清单")
        verbose_name_plural = _("常用采购清单")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["account", "name"], name="unique_template_name_per_account")]

    def __str__(self) -> str:
        return self.name


class OrderTemplateLine(models.Model):
    template = models.ForeignKey(OrderTemplate, on_delete=models.CASCADE, related_name="lines", verbose_name=_("清单"))
    stockrecord = models.ForeignKey("partner.StockRecord", on_delete=models.CASCADE, related_name="+", verbose_name=_("库存记录"))
    quantity = models.PositiveIntegerField(_("数量（件）"), validators=[MinValueValidator(1)])

    def __str__(self) -> str:
        return f"{self.template} · {self.stockrecord_id} × {self.quantity}"


class Invoice(models.Model):
    """An order bought on credit terms: paid later by bank transfer against the PDF invoice."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("待付款")
        PAID = "paid", _("已付款")

    account = models.ForeignKey(BusinessAccount, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("企业采购账户"))
    order = models.OneToOneField("order.Order", on_delete=models.PROTECT, related_name="invoice", verbose_name=_("订单"))
    po_number = models.CharField(_("采购单号"), max_length=40)
    requested_delivery_date = models.DateField(_("要求送达日期"))
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    due_date = models.DateField(_("付款截止日"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.ISSUED)
    issued_at = models.DateTimeField(_("开具时间"), auto_now_add=True)
    paid_at = models.DateTimeField(_("付款时间"), null=True, blank=True)
    marked_paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("确认人")
    )
    # The language the buyer checked out in: the invoice email is written in it.
    language = models.CharField(_("语言"), max_length=16, default="zh-hans")

    class Meta:
        verbose_name = _("发票（账期订单）")
        verbose_name_plural = _("发票（账期订单）")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"INV-{self.order.number}"

    @property
    def number(self) -> str:
        return str(self)
