"""Quality traceability: certificates held by cooperatives and harvest batches behind a QR code.

A buyer in Guangzhou scans the code on a box and sees where and when the produce was
harvested, by which cooperative, and which certificates were in force. Certificates belong
to the cooperative (one green-food certificate covers many products), not to a product.
"""

import re
import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import Localized
from core.private_files import RandomName, private_storage
from core.uploads import validate_document

# 无公害农产品: the national certification stopped at the end of 2018 (replaced by 合格证).
POLLUTION_FREE_LAST_DAY = date(2018, 12, 31)
# re.ASCII: \d would otherwise accept full-width and other Unicode digits.
NUMBER_FORMATS = {
    "green_food": (re.compile(r"GF\d{12}", re.ASCII), _("绿色食品证书编号格式应为 GF 加 12 位数字，例如 GF520100123456。")),
    "organic": (re.compile(r"\d{17}", re.ASCII), _("有机产品认证证书编号应为 17 位数字。")),
}

# No 0/o, 1/l/i: codes are sometimes typed in from a printed label.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 12  # 31**12 ≈ 2**59: not guessable, not enumerable


def generate_trace_code() -> str:
    """A random code from the CSPRNG, so trace pages cannot be found by counting."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Certificate(Localized, models.Model):
    """A certificate a cooperative holds, optionally listing the products it covers."""

    translated_fields = ("issuing_body",)

    class CertType(models.TextChoices):
        GREEN_FOOD = "green_food", _("绿色食品")
        ORGANIC = "organic", _("有机产品")
        GEO_INDICATION = "geo_indication", _("农产品地理标志")
        COMPLIANCE = "compliance", _("承诺达标合格证")
        POVERTY_PRODUCT = "poverty_product", _("扶贫/消费帮扶产品认定")
        POLLUTION_FREE = "pollution_free", _("无公害农产品")

    class BenefitMode(models.TextChoices):
        WAGES = "wages", _("务工就业收入")
        LAND_ASSETS = "land_assets", _("土地流转、资产收益")
        DIVIDENDS = "dividends", _("经营分红收入")
        PURCHASE = "purchase", _("收购农户产品")

    class Status(models.TextChoices):
        PENDING = "pending", _("待核验")
        VERIFIED = "verified", _("已核验")
        REJECTED = "rejected", _("已驳回")
        EXPIRED = "expired", _("已过期")

    cooperative = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("合作社")
    )
    products = models.ManyToManyField(
        "catalogue.Product", blank=True, related_name="certificates", verbose_name=_("覆盖的商品")
    )
    cert_type = models.CharField(_("证书类型"), max_length=32, choices=CertType.choices)
    number = models.CharField(_("证书编号"), max_length=64)
    issuing_body = models.CharField(_("发证机构"), max_length=128)
    issuing_body_en = models.CharField(_("发证机构（英文）"), max_length=128, blank=True)
    valid_from = models.DateField(_("有效期起"))
    valid_until = models.DateField(_("有效期至"))
    # 帮扶产品认定 only: how the certified product benefits households (带贫方式) and how many.
    catalogue_batch = models.CharField(
        _("认定目录批次"), max_length=64, blank=True, help_text=_("例如：广东省消费帮扶产品目录 2024 年第 2 批")
    )
    benefit_modes = models.JSONField(_("带贫方式"), default=list, blank=True)
    households_involved = models.PositiveIntegerField(_("带动农户（户）"), null=True, blank=True)
    poor_households = models.PositiveIntegerField(_("其中脱贫户（户）"), null=True, blank=True)
    document = models.FileField(
        _("证书扫描件"),
        upload_to=RandomName("traceability/certificates"),
        storage=private_storage,
        validators=[validate_document],
        help_text=_("JPG、PNG、WebP 图片或 PDF，不超过 10 MB。"),
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("核验人"),
    )
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["cooperative_id", "cert_type", "-valid_until"]
        verbose_name = _("认证证书")
        verbose_name_plural = _("认证证书")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "cert_type", "number"], name="unique_certificate_number"),
            models.CheckConstraint(condition=Q(valid_until__gte=F("valid_from")), name="certificate_valid_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_cert_type_display()} {self.number}"

    def clean(self) -> None:
        """Rules a form can check before the database does: validity range, legacy types, number formats."""
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = ValidationError(_("有效期至不能早于有效期起。"), code="invalid_range")
        if (
            self.cert_type == self.CertType.POLLUTION_FREE
            and self.valid_from
            and self.valid_from > POLLUTION_FREE_LAST_DAY
        ):
            errors["valid_from"] = ValidationError(
                _("无公害农产品认证已于 2018 年底停止，2019 年起颁发的证书无效；请改用承诺达标合格证或绿色食品等认证。"),
                code="legacy_certificate",
            )
        if self.number:
            self.number = self.number.strip().upper()
        number_format = NUMBER_FORMATS.get(self.cert_type)
        if number_format and self.number and not number_format[0].fullmatch(self.number):
            errors["number"] = ValidationError(number_format[1], code="invalid_number")
        if self.cert_type == self.CertType.POVERTY_PRODUCT:
            errors.update(self._poverty_product_errors())
        if errors:
            raise ValidationError(errors)

    def _poverty_product_errors(self) -> dict[str, ValidationError]:
        """A 帮扶产品认定 must say which catalogue it is in and how many households it benefits, and how."""
        errors: dict[str, ValidationError] = {}
        if not (self.catalogue_batch or "").strip():
            errors["catalogue_batch"] = ValidationError(_("请填写认定目录批次。"), code="required")
        modes = self.benefit_modes if isinstance(self.benefit_modes, list) else []
        if not modes:
            errors["benefit_modes"] = ValidationError(_("请至少选择一种带贫方式。"), code="required")
        elif any(mode not in self.BenefitMode.values for mode in modes):
            errors["benefit_modes"] = ValidationError(_("带贫方式不在可选范围内。"), code="invalid_choice")
        if self.households_involved is None:
            errors["households_involved"] = ValidationError(_("请填写带动农户数。"), code="required")
        if self.poor_households is None:
            errors["poor_households"] = ValidationError(_("请填写其中脱贫户数（没有请填 0）。"), code="required")
        elif self.households_involved is not None and self.poor_households > self.households_involved:
            errors["poor_households"] = ValidationError(_("脱贫户数不能多于带动农户数。"), code="too_many")
        return errors

    @property
    def benefit_mode_labels(self) -> list[str]:
        labels = dict(self.BenefitMode.choices)
        return [str(labels[mode]) for mode in self.benefit_modes or [] if mode in labels]

    def is_in_force(self, on: date | None = None) -> bool:
        """The same rule as selectors.certificates_in_force, for an object already loaded."""
        on = on or timezone.localdate()
        return self.status == self.Status.VERIFIED and self.valid_from <= on <= self.valid_until


class HarvestBatch(Localized, models.Model):
    """One harvest of one product by one cooperative: what the QR code on the box points to."""

    translated_fields = ("township_village",)

    code = models.CharField(_("追溯码"), max_length=16, unique=True, editable=False)
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="harvest_batches", verbose_name=_("商品")
    )
    cooperative = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="harvest_batches", verbose_name=_("合作社")
    )
    county = models.ForeignKey(
        "regions.County", on_delete=models.PROTECT, related_name="harvest_batches", verbose_name=_("产地县")
    )
    township_village = models.CharField(_("乡镇/村"), max_length=128)
    township_village_en = models.CharField(_("乡镇/村（英文）"), max_length=128, blank=True)
    harvest_date = models.DateField(_("采收日期"))
    quantity = models.DecimalField(
        _("数量"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("单位"), max_length=16, default="公斤")
    inspection_report = models.FileField(
        _("检测报告"),
        upload_to="traceability/reports/%Y/%m/",
        blank=True,
        validators=[validate_document],
        help_text=_("JPG、PNG、WebP 图片或 PDF，不超过 10 MB。"),
    )
    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="batches",
        verbose_name=_("认证证书"),
    )
    scan_count = models.PositiveIntegerField(_("扫码次数"), default=0, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-harvest_date", "-id"]
        verbose_name = _("采收批次")
        verbose_name_plural = _("采收批次")

    def __str__(self) -> str:
        return f"{self.code} · {self.product}"

    def clean(self) -> None:
        """A batch may only cite its own cooperative's certificate, and cannot be harvested in the future."""
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.certificate_id and self.cooperative_id and self.certificate.cooperative_id != self.cooperative_id:
            errors["certificate"] = ValidationError(_("只能选择本合作社的证书。"), code="foreign_certificate")
        if self.harvest_date and self.harvest_date > timezone.localdate():
            errors["harvest_date"] = ValidationError(_("采收日期不能晚于今天。"), code="future_harvest")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        if not self.code:
            self.code = self._unique_code()
        super().save(*args, **kwargs)

    @classmethod
    def _unique_code(cls) -> str:
        # A collision is ~2**-59 per pair; the loop only guards against the astronomically unlucky case.
        while True:
            code = generate_trace_code()
            if not cls.objects.filter(code=code).exists():
                return code

    def get_absolute_url(self) -> str:
        return reverse("traceability:batch_detail", kwargs={"code": self.code})
