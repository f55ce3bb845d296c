"""Volume-tier pricing rules, shared by the partner strategy, the basket and the admin.

Quantities are counted in units (what the basket holds); tiers are set in cases.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Tier:
    min_cases: int
    max_cases: int | None
    unit_price: Decimal


def validate_tier_table(tiers: list[Tier]) -> None:
    """A tier table starts at 1 case, has no gaps or overlaps, and only its last tier is open-ended."""
    if not tiers:
        return
    ordered = sorted(tiers, key=lambda tier: tier.min_cases)
    errors = []
    if ordered[0].min_cases != 1:
        errors.append(_("第一档须从 1 箱开始（现为 %(start)s 箱）。") % {"start": ordered[0].min_cases})
    for current, following in zip(ordered, ordered[1:], strict=False):
        if current.max_cases is None:
            errors.append(_("“%(start)s 箱以上”的不封顶档之后不能再有价格档。") % {"start": current.min_cases})
            break
        if following.min_cases <= current.max_cases:
            errors.append(
                _("价格档重叠：%(a)s–%(b)s 箱与从 %(c)s 箱起的档。")
                % {"a": current.min_cases, "b": current.max_cases, "c": following.min_cases}
            )
        elif following.min_cases > current.max_cases + 1:
            errors.append(
                _("价格档有空缺：%(gap_from)s–%(gap_to)s 箱没有价格。")
                % {"gap_from": current.max_cases + 1, "gap_to": following.min_cases - 1}
            )
    for tier in ordered:
        if tier.max_cases is not None and tier.max_cases < tier.min_cases:
            errors.append(_("价格档 %(a)s–%(b)s 箱的起止颠倒了。") % {"a": tier.min_cases, "b": tier.max_cases})
    if errors:
        raise ValidationError(errors)


def cases_for(quantity: int, case_size: int) -> int:
    """Whole cases in `quantity` units (part cases round up for tier lookup)."""
    return max(1, -(-quantity // max(case_size, 1)))


def tier_for(tiers: list[Tier], cases: int) -> Tier | None:
    for tier in sorted(tiers, key=lambda t: t.min_cases):
        if tier.min_cases <= cases and (tier.max_cases is None or cases <= tier.max_cases):
            return tier
    return None


@dataclass(frozen=True)
class NextTier:
    more_cases: int
    unit_price: Decimal
    saving_per_unit: Decimal


def next_tier(tiers: list[Tier], quantity: int, case_size: int) -> NextTier | None:
    """How many more cases reach the next cheaper tier, and what it saves per unit."""
    cases = cases_for(quantity, case_size)
    current = tier_for(tiers, cases)
    if current is None:
        return None
    cheaper = [t for t in sorted(tiers, key=lambda t: t.min_cases) if t.min_cases > cases and t.unit_price < current.unit_price]
    if not cheaper:
        return None
    target = cheaper[0]
    return NextTier(target.min_cases - cases, target.unit_price, current.unit_price - target.unit_price)


def quantity_problem(quantity: int, *, case_size: int, min_quantity: int) -> str:
    """Why a business buyer may not order `quantity` units, or "" when they may."""
    if quantity % case_size:
        return _("该商品按箱销售，每箱 %(size)s 件，请按 %(size)s 的整数倍订购。") % {"size": case_size}
    if quantity < min_quantity:
        return _("起订量为 %(min)s 件（%(cases)s 箱）。") % {"min": min_quantity, "cases": min_quantity // case_size}
    return ""
