"""Template helpers for tourism pages: schema.org JSON-LD."""

import json
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict[str, Any] | None) -> SafeString:
    """<script type="application/ld+json"> with the data, safe inside HTML."""
    if not data:
        return mark_safe("")
    text = json.dumps({k: v for k, v in data.items() if v not in (None, "")}, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
