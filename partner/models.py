"""Forked Oscar partner: a partner is a county cooperative (合作社)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner


class Partner(AbstractPartner):
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperatives",
        verbose_name=_("所在县"),
    )


from oscar.apps.partner.models import *  # noqa: E402,F403
