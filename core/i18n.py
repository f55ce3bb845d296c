"""Translatable data, one explicit pattern: Chinese is the source, `<field>_en` holds the English.

Why not django-modeltranslation: a spike against Oscar 4.2's forked models (README, "Translated
catalogue data") showed that it makes the meaning of `product.title` depend on the language of
the request — writing `title` under `/en/` fills only `title_en` and leaves the Chinese source
empty, and `Product.objects.filter(title=…)` silently becomes a filter on `title_en`. Here the
Chinese field keeps meaning Chinese everywhere (forms, imports, orders, reports), and reading in
the visitor's language is one explicit call:

    product.localized("description")          # Python
    {{ category|localized:"name" }}            # templates ({% load localized %})

A model takes part by mixing in `Localized` and naming its translated fields in
`translated_fields`; each must have a sibling `<field>_en`. `translated_models()` lists them for
the `untranslated` command, the dashboard's "lacks English" report, imports and exports.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model, Q, QuerySet
from django.utils.translation import get_language

ENGLISH_SUFFIX = "_en"


def english_active() -> bool:
    """True while the visitor reads the English site (`/en/…`)."""
    return (get_language() or "").lower().startswith("en")


def english_field(field: str) -> str:
    return f"{field}{ENGLISH_SUFFIX}"


def localized(obj, field: str) -> str:
    """`obj.<field>` in the active language: English where given, else the Chinese source."""
    if obj is None:
        return ""
    source = getattr(obj, field, "") or ""
    if english_active():
        english = getattr(obj, english_field(field), "") or ""
        if english.strip():
            return english
    return source


class Localized:
    """Mixin for models with translated fields (plain Python: adds no columns, no migrations)."""

    translated_fields: tuple[str, ...] = ()

    def localized(self, field: str) -> str:
        return localized(self, field)

    def missing_english(self) -> list[str]:
        """Translated fields whose Chinese source is filled in but whose English is empty."""
        return [
            field
            for field in self.translated_fields
            if (getattr(self, field, "") or "").strip() and not (getattr(self, english_field(field), "") or "").strip()
        ]


def translated_models() -> list[type[Model]]:
    """Every installed model that declares `translated_fields`, in app order."""
    return [model for model in apps.get_models() if getattr(model, "translated_fields", ())]


def untranslated_filter(model: type[Model]) -> Q:
    """Rows with a Chinese text in some translated field and no English beside it."""
    condition = Q(pk__in=[])
    for field in model.translated_fields:
        english = english_field(field)
        has_source = ~Q(**{field: ""}) & Q(**{f"{field}__isnull": False})
        lacks_english = Q(**{english: ""}) | Q(**{f"{english}__isnull": True})
        condition |= has_source & lacks_english
    return condition


def untranslated(model: type[Model]) -> QuerySet:
    return model._default_manager.filter(untranslated_filter(model)).order_by("pk")


@dataclass(frozen=True)
class MissingTranslation:
    model: type[Model]
    obj: Model
    fields: tuple[str, ...]

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)


def missing_translations(models: Iterable[type[Model]] | None = None) -> Iterator[MissingTranslation]:
    """Each object that lacks English somewhere, with the fields that lack it."""
    for model in models if models is not None else translated_models():
        for obj in untranslated(model).iterator():
            yield MissingTranslation(model=model, obj=obj, fields=tuple(obj.missing_english()))


def untranslated_counts() -> list[tuple[type[Model], int, int]]:
    """(model, rows lacking English, all rows) per translated model: two COUNT queries each."""
    return [(model, untranslated(model).count(), model._default_manager.count()) for model in translated_models()]


def bilingual_fields(model: type[Model], fields: Iterable[str]) -> list[str]:
    """A form's field list with each translated field followed by its English sibling.

    `fields = bilingual_fields(Product, ["title", "upc", "description"])` gives
    `["title", "title_en", "upc", "description", "description_en"]`: editors see the
    Chinese source and its English side by side (the pair shares the CSS class `bilingual`).
    """
    translated = set(getattr(model, "translated_fields", ()))
    result: list[str] = []
    for field in fields:
        result.append(field)
        if field in translated and english_field(field) not in fields:
            result.append(english_field(field))
    return result


class BilingualFormMixin:
    """For ModelForms of `Localized` models: marks each Chinese/English pair, which
    `templates/includes/form_fields.html` lays out side by side (stacked on a phone), and tells
    the editor which language each box is for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for field in getattr(model, "translated_fields", ()):
            english = english_field(field)
            if field in self.fields and english in self.fields:
                for name, language in ((field, "zh-Hans"), (english, "en")):
                    widget = self.fields[name].widget
                    widget.attrs["lang"] = language
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} bilingual bilingual--{language.lower()}".strip()
                if not self.fields[english].help_text:
                    from django.utils.translation import gettext

                    self.fields[english].help_text = gettext("英文留空时，英文网站显示中文。")


def form_rows(form) -> list[list]:
    """A form's visible fields as rows: a translated field and its English sibling share a row
    (`[title, title_en]`), every other field has its own (`[unit]`)."""
    fields = list(form.visible_fields())
    by_name = {bound.name: bound for bound in fields}
    rows: list[list] = []
    paired: set[str] = set()
    for bound in fields:
        if bound.name in paired:
            continue
        english = by_name.get(english_field(bound.name))
        if english is not None and not bound.name.endswith(ENGLISH_SUFFIX):
            rows.append([bound, english])
            paired.add(english.name)
        else:
            rows.append([bound])
    return rows
