"""``{% load money %}{{ amount|cny }}`` renders ``¥2,280.00``: one money format on every page, email and PDF."""

from django import template

from core.money import format_cny

register = template.Library()


@register.filter
def cny(amount) -> str:
    try:
        return format_cny(amount)
    except (ArithmeticError, ValueError, TypeError):
        return ""
