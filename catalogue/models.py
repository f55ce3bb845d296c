"""Forked Oscar catalogue: produce knows where it comes from and how it must travel."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractAttributeOption,
    AbstractCategory,
    AbstractOption,
    AbstractProduct,
    AbstractProductAttribute,
)

from core.i18n import Localized, english_active


def validate_harvest_months(value: str) -> None:
    """Harvest months are stored as '3,4,5': numbers 1–12, comma-separated."""
    if not value:
        return
    try:
        months = [int(part) for part in value.split(",")]
    except ValueError:
        raise ValidationError(_("采收月份请填写1–12的数字，用英文逗号分隔，例如 3,4,5")) from None
    if any(month < 1 or month > 12 for month in months):
        raise ValidationError(_("采收月份只能是1–12。"))


class Product(Localized, AbstractProduct):
    translated_fields = ("title", "description")

    class Storage(models.TextChoices):
        AMBIENT = "ambient", _("常温")
        CHILLED = "chilled", _("冷藏")
        FROZEN = "frozen", _("冷冻")

    title_en = models.CharField(
        _("英文名称"),
        max_length=255,
        blank=True,
        help_text=_("保留等级、规格和数量，例如：Duyun Maojian, pre-Qingming special grade, 100 g"),
    )
    description_en = models.TextField(_("英文描述"), blank=True)
    origin_county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("产地县"),
    )
    net_weight_grams = models.PositiveIntegerField(_("净含量（克）"), null=True, blank=True)
    unit = models.CharField(_("销售单位"), max_length=16, blank=True, help_text=_("例如：袋、盒、箱、件"))
    storage = models.CharField(_("储存方式"), max_length=16, choices=Storage.choices, default=Storage.AMBIENT)
    shelf_life_days = models.PositiveIntegerField(_("保质期（天）"), null=True, blank=True)
    harvest_months = models.CharField(
        _("采收月份"), max_length=40, blank=True, validators=[validate_harvest_months], help_text=_("例如 3,4,5")
    )
    is_geographical_indication = models.BooleanField(_("地理标志产品"), default=False)
    # The product's code on 832平台 (the national platform for produce of poverty-relief areas), so a
    # budget unit can file its purchases from us against its reserved share.
    code_832 = models.CharField(
        _("832平台商品编码"), max_length=40, blank=True, help_text=_("在“832平台”上架的商品编码，预算单位报送采购时使用")
    )
    search_document = models.TextField(
        _("搜索文本"), blank=True, editable=False, help_text=_("名称、拼音、拼音首字母、产地，保存时自动生成")
    )

    @property
    def needs_cold_chain(self) -> bool:
        return self.storage != self.Storage.AMBIENT

    def get_title(self) -> str:
        """Oscar's title (a child falls back to its parent's), in the visitor's language.

        Oscar's templates, basket lines and messages all call this, so /en/ shows the English
        title wherever Oscar shows a title. Orders store the Chinese title (`order/utils.py`).
        """
        if english_active():
            english = self.title_en or (self.parent.title_en if not self.title and self.parent_id else "")
            if english:
                return english
        return super().get_title()

    def get_chinese_title(self) -> str:
        """The source title whatever the visitor's language (for orders, labels, reports)."""
        return self.title or (self.parent.title if self.parent_id else "")

    @property
    def display_title(self) -> str:
        """The title in the visitor's language (English when one is given)."""
        return self.get_title()

    @property
    def title_lang(self) -> str:
        """"zh-Hans" where the English site falls back to the Chinese title (a product with no
        English yet), so that the fallback is marked as Chinese for browsers and screen readers."""
        if english_active() and self.display_title == self.get_chinese_title():
            return "zh-Hans"
        return ""

    def harvest_month_list(self) -> list[int]:
        return [int(part) for part in self.harvest_months.split(",") if part]

    def save(self, *args, **kwargs):
        from catalogue.search import build_search_document

        self.search_document = build_search_document(self)
        super().save(*args, **kwargs)


class Category(Localized, AbstractCategory):
    translated_fields = ("name", "description")

    name_en = models.CharField(_("英文名称"), max_length=255, blank=True)
    description_en = models.TextField(_("英文描述"), blank=True)

    @property
    def display_name(self) -> str:
        return self.localized("name")


class ProductAttribute(Localized, AbstractProductAttribute):
    translated_fields = ("name",)

    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)


class AttributeOption(Localized, AbstractAttributeOption):
    """A value of a choice attribute, e.g. a grade (特级, 一级)."""

    translated_fields = ("option",)

    option_en = models.CharField(_("英文选项"), max_length=255, blank=True)


class Option(Localized, AbstractOption):
    translated_fields = ("name",)

    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)


from oscar.apps.catalogue.models import *  # noqa: E402,F403 — Oscar's fork pattern: the rest stay vanilla
