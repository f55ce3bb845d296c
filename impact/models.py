"""The impact ledger: one row per sold order line, with the assessment's dimensions fixed at sale time.

The assessment (考核) asks what was true when the produce was sold — was the product a
certified 帮扶产品 that day, was it 农畜牧产品 or 特色手工艺产品, did it go into Guangzhou and
to which district, who bought it. Certificates expire, categories move and accounts change
type, so those answers are written down once, when the order is placed
(``impact.ledger.record_order``), and never recomputed. Refunds are not copied here: they are
read from ``payments.RefundLine`` when a report runs, so every figure is net of refunds line
by line as of that moment.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductKind(models.TextChoices):
    AGRICULTURAL = "agri", _("农畜牧产品")
    HANDICRAFT = "handicraft", _("特色手工艺产品")
    # A tourism departure sold in the shop: reported on its own, never as a product of the counties.
    TOURISM = "tourism", _("旅游线路")


# The kinds that make up 销售结对地区产品 (what the assessment counts as products sold).
PRODUCT_KINDS = (ProductKind.AGRICULTURAL, ProductKind.HANDICRAFT)


class Channel(models.TextChoices):
    CONSUMER = "consumer", _("个人消费者")
    WHOLESALE = "wholesale", _("批发采购")
    INSTITUTIONAL = "institutional", _("预算单位食堂")
    TOURISM = "tourism", _("旅游带动")


class CategoryKind(models.Model):
    """Staff's mapping of a category (and everything under it) to 农畜牧产品 or 特色手工艺产品."""

    category = models.OneToOneField("catalogue.Category", on_delete=models.CASCADE, related_name="impact_kind", verbose_name=_("商品分类"))
    kind = models.CharField(
        _("考核口径"),
        max_length=16,
        choices=[(value, label) for value, label in ProductKind.choices if value in PRODUCT_KINDS],
    )

    class Meta:
        verbose_name = _("分类考核口径")
        verbose_name_plural = _("分类考核口径")

    def __str__(self) -> str:
        return f"{self.category} → {self.get_kind_display()}"


class SaleLine(models.Model):
    """One sold order line as the assessment sees it, written when the order was placed."""

    line = models.OneToOneField("order.Line", on_delete=models.CASCADE, related_name="impact_entry", verbose_name=_("订单行"))
    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="impact_entries", verbose_name=_("订单"))
    placed_at = models.DateTimeField(_("下单时间"), db_index=True)
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("商品")
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("合作社")
    )
    county = models.ForeignKey(
        "regions.County", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("产地县")
    )
    # The 2017 list of national poverty counties: reports keep the historical flag.
    poverty_county = models.BooleanField(_("国定贫困县（2017）"), default=False)
    county_paired_district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("产地县的结对区")
    )
    kind = models.CharField(_("考核口径"), max_length=16, choices=ProductKind.choices)
    certified = models.BooleanField(_("认定帮扶产品"), default=False)
    certificate = models.ForeignKey(
        "traceability.Certificate", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("帮扶产品认定")
    )
    households = models.PositiveIntegerField(_("带动农户（户）"), default=0)
    poor_households = models.PositiveIntegerField(_("其中脱贫户（户）"), default=0)
    into_guangzhou = models.BooleanField(_("销往广州"), default=False)
    district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("收货所在广州市辖区")
    )
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    business_account = models.ForeignKey(
        "wholesale.BusinessAccount", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("企业采购账户")
    )
    # "u<id>" for an account, "g<hash>" for a guest's e-mail: counts buyers without keeping addresses.
    buyer = models.CharField(_("购买者"), max_length=40)
    quantity = models.PositiveIntegerField(_("数量"))
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("帮扶销售台账")
        verbose_name_plural = _("帮扶销售台账")
        ordering = ["placed_at", "line_id"]
        indexes = [
            models.Index(fields=["business_account", "placed_at"], name="impact_sale_account_idx"),
            # A report's lines are one kind or two (tourism apart) over a period: the tourism row
            # and a report filtered by kind or over a few months read only their own lines.
            models.Index(fields=["kind", "placed_at"], name="impact_sale_kind_placed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}/{self.line_id} · {self.amount}"
