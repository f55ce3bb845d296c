"""Template side of `core.i18n`: translated data and English month names.

    {% load localized %}
    {{ category|localized:"name" }}             the name in the visitor's language
    {{ partner|chinese_beside:"name" }}         on /en/: <span lang="zh-Hans">…</span> after the English
    {{ product.harvest_month_list|month_names }} "3月、4月" / "March, April"
"""

from django import template
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import i18n

register = template.Library()


@register.filter
def localized(obj, field: str) -> str:
    return i18n.localized(obj, field)


@register.filter
def chinese_beside(obj, field: str) -> str:
    """The Chinese source, marked as Chinese, when the English site shows an English text instead.

    Shoppers bring the Chinese name to a market stall or a tea shop; it is marked
    `lang="zh-Hans"` so that browsers (and screen readers) treat it as Chinese.
    """
    if obj is None or not i18n.english_active():
        return ""
    source = getattr(obj, field, "") or ""
    if not source or i18n.localized(obj, field) == source:
        return ""
    return format_html(' <span lang="zh-Hans" class="zh-name">{}</span>', source)


@register.filter
def form_rows(form) -> list[list]:
    """`{% for row in form|form_rows %}`: Chinese and English of one text share a row."""
    return i18n.form_rows(form)


@register.filter
def month_names(months) -> str:
    """Months 1–12 as the visitor reads them: 3月、4月 in Chinese, "March, April" in English."""
    months = [int(month) for month in months or [] if 1 <= int(month) <= 12]
    if i18n.english_active():
        return ", ".join(str(MONTHS[month]) for month in months)
    return "、".join(_("%(month)s月") % {"month": month} for month in months)


# Selling units are a short vocabulary (the field's help text lists them), so they are
# translated like interface words rather than stored twice; anything else shows as typed.
# (Spelled gettext_lazy, not an alias: makemessages only extracts the names it knows.)
UNIT_LABELS = {
    "份": gettext_lazy("份"),
    "箱": gettext_lazy("箱"),
    "件": gettext_lazy("件"),
    "袋": gettext_lazy("袋"),
    "盒": gettext_lazy("盒"),
    "瓶": gettext_lazy("瓶"),
    "罐": gettext_lazy("罐"),
    "只": gettext_lazy("只"),
    "斤": gettext_lazy("斤"),
    "公斤": gettext_lazy("公斤"),
    "人": gettext_lazy("人"),
}


@register.filter
def unit_label(unit: str) -> str:
    """A product's selling unit (份, 箱, 件…) in the visitor's language."""
    label = UNIT_LABELS.get((unit or "").strip())
    return str(label) if label is not None else unit


@register.filter
def line_title(line) -> str:
    """An order or basket line's title for the reader: on /en/ the product's English title with the
    Chinese title (the order's record) in brackets — "Duyun Maojian, first grade, 250 g (都匀毛尖 一级 250g)"."""
    chinese = getattr(line, "title", "") or ""
    product = getattr(line, "product", None)
    if not i18n.english_active() or product is None:
        return chinese
    english = product.get_title()
    if not english or english == chinese:
        return chinese or english
    return f"{english} ({chinese})" if chinese else english


@register.filter
def line_seller(line) -> str:
    """The cooperative of an order line in the reader's language (the stored name if it is gone)."""
    partner = getattr(line, "partner", None)
    return i18n.localized(partner, "name") if partner is not None else getattr(line, "partner_name", "")


@register.filter
def line_title_html(line) -> str:
    """On a page: the English title with the Chinese order title beside it, marked lang="zh-Hans"."""
    chinese = getattr(line, "title", "") or ""
    product = getattr(line, "product", None)
    if not i18n.english_active() or product is None:
        return chinese
    english = product.get_title()
    if not english or english == chinese:
        return chinese or english
    return format_html('{} <span lang="zh-Hans" class="zh-name">{}</span>', english, chinese)
