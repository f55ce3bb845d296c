"""The geography of the East–West pairing: Guangzhou districts, prefectures, counties.

These rows are data, loaded by a migration from the 2017 policy (穗办〔2017〕7号).
Other supported areas (波密, 疏附, 炉霍…) are added as rows in the admin, never in code.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import Localized, english_active


class BilingualNameMixin(Localized, models.Model):
    translated_fields = ("name",)

    name = models.CharField(_("中文名称"), max_length=64, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=64)
    slug = models.SlugField(_("拼音标识"), max_length=64, unique=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the visitor's language."""
        return self.localized("name")


class District(BilingualNameMixin):
    """A district of Guangzhou (广州市), the helping side of a pairing."""

    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("广州市辖区")
        verbose_name_plural = _("广州市辖区")


class Prefecture(BilingualNameMixin):
    """A prefecture-level unit (毕节市, 黔南州, or another supported area's prefecture)."""

    province = models.CharField(_("省份"), max_length=32)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("市（州）")
        verbose_name_plural = _("市（州）")


class County(BilingualNameMixin):
    """A county-level unit receiving help; the unit every sale and report rolls up to."""

    class Programme(models.TextChoices):
        EAST_WEST = "east_west", _("东西部扶贫协作")
        COUNTERPART = "counterpart", _("对口支援")

    short_name = models.CharField(_("简称"), max_length=16, help_text=_("不含“县”“市”等后缀，例如“威宁”"))
    prefecture = models.ForeignKey(Prefecture, on_delete=models.PROTECT, related_name="counties", verbose_name=_("市（州）"))
    paired_district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paired_counties",
        verbose_name=_("结对帮扶的广州市辖区"),
    )
    programme = models.CharField(_("帮扶类型"), max_length=16, choices=Programme.choices, default=Programme.EAST_WEST)
    is_national_poverty_county = models.BooleanField(_("国定贫困县"), default=False)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["prefecture__sort_order", "sort_order", "id"]
        verbose_name = _("县（市、区）")
        verbose_name_plural = _("县（市、区）")

    @property
    def display_short_name(self) -> str:
        return self.name_en if english_active() and self.name_en else self.short_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("regions:county_detail", kwargs={"slug": self.slug})


class ParkPairing(models.Model):
    """An industrial-park pairing (产业园区结对), e.g. 广州开发区 ↔ 都匀经济开发区."""

    guangzhou_park = models.CharField(_("广州园区"), max_length=64)
    partner_park = models.CharField(_("共建园区"), max_length=64)
    prefecture = models.ForeignKey(Prefecture, on_delete=models.PROTECT, related_name="park_pairings", verbose_name=_("市（州）"))

    class Meta:
        verbose_name = _("产业园区结对")
        verbose_name_plural = _("产业园区结对")
        constraints = [models.UniqueConstraint(fields=["guangzhou_park", "partner_park"], name="unique_park_pairing")]

    def __str__(self) -> str:
        return f"{self.guangzhou_park} ↔ {self.partner_park}"
