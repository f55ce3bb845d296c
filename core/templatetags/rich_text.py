"""``{% load rich_text %}{{ product.description|clean_html }}``: the one way to render rich text.

Never ``|safe`` on text a non-staff user can write. The value was cleaned on save already;
cleaning again on output is cheap and protects rows written before the sanitiser existed.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.sanitize import clean_html as _clean_html

register = template.Library()


@register.filter(name="clean_html")
def clean_html(value) -> SafeString:
    return mark_safe(_clean_html(value))  # noqa: S308 - the output of the allow-list sanitiser
