"""Forked Oscar order: an order remembers the buyer's Guangzhou district.

The impact report (考核) rolls sales up by the paired Guangzhou district, so the
district is a foreign key to regions.District rather than free text on the address.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractOrder


class Order(AbstractOrder):
    guangzhou_district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("收货所在广州市辖区"),
    )


from oscar.apps.order.models import *  # noqa: E402,F403 — Oscar's fork pattern: the rest stay vanilla
