"""Forked Oscar partner: a partner is a county cooperative (合作社)."""

from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord

from core.i18n import Localized


class Partner(Localized, AbstractPartner):
    translated_fields = ("name",)

    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperatives",
        verbose_name=_("所在县"),
    )


class StockRecord(AbstractStockRecord):
    """A SKU names exactly one seller on the whole platform (Oscar only makes it unique per partner).

    Quick orders, quotes and saved lists resolve a typed SKU; if two cooperatives could hold the
    same one, a squatter's ¥1 copy could win. Case is ignored, so "wn-001" cannot shadow "WN-001".
    """

    class Meta(AbstractStockRecord.Meta):
        constraints = [
            models.UniqueConstraint(
                Upper("partner_sku"),
                name="partner_sku_unique_on_the_platform",
                violation_error_message=_("该 SKU 已在平台上使用（SKU 全平台唯一，不区分大小写），请换一个。"),
            )
        ]


from oscar.apps.partner.models import *  # noqa: E402,F403
