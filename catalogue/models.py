"""Forked Oscar catalogue: products know the county they come from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct


class Product(AbstractProduct):
    origin_county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("产地县"),
    )


from oscar.apps.catalogue.models import *  # noqa: E402,F403 — Oscar's fork pattern: the rest stay vanilla
