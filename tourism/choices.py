"""The fixed vocabularies routes are described and filtered by."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    ECOLOGY = "ecology", _("生态山水")
    ETHNIC = "ethnic", _("民族文化")
    TEA = "tea", _("茶旅")
    SCIENCE = "science", _("科普研学")
    RED = "red", _("红色")


class Season(models.TextChoices):
    SPRING = "spring", _("春")
    SUMMER = "summer", _("夏")
    AUTUMN = "autumn", _("秋")
    WINTER = "winter", _("冬")


class Duration(models.TextChoices):
    SHORT = "1-2", _("1–2天")
    MEDIUM = "3-4", _("3–4天")
    LONG = "5+", _("5天及以上")


DURATION_FILTERS: dict[str, Q] = {
    Duration.SHORT: Q(duration_days__lte=2),
    Duration.MEDIUM: Q(duration_days__gte=3, duration_days__lte=4),
    Duration.LONG: Q(duration_days__gte=5),
}


def split_seasons(value: str | None) -> list[str]:
    """'spring,autumn' → ['spring', 'autumn'], in calendar order, unknown codes dropped."""
    codes = {code.strip() for code in (value or "").split(",")}
    return [code for code in Season.values if code in codes]


def join_seasons(codes: list[str]) -> str:
    return ",".join(split_seasons(",".join(codes)))


def season_filter(code: str) -> Q:
    """Routes whose comma-separated `seasons` contains exactly this code."""
    return Q(seasons=code) | Q(seasons__startswith=f"{code},") | Q(seasons__endswith=f",{code}") | Q(seasons__contains=f",{code},")
