"""Product search that works for Chinese shoppers: characters, full pinyin and pinyin initials.

Each product carries a `search_document` (built on save) such as
"都匀毛尖 明前特级 du yun mao jian duyunmaojian dymj 都匀 duyun 黔南 茶叶 Duyun Maojian".
The database then answers substring queries: 毛尖, maojian, dymj, 都匀. On PostgreSQL a
trigram index keeps that fast and similarity() forgives typos.
"""

import re

from django.db import connection
from django.db.models import QuerySet
from django.utils.html import strip_tags
from pypinyin import Style, lazy_pinyin

import marketplace.slugs  # noqa: F401 — loads the local place-name readings into pypinyin

_HAN = re.compile(r"[\u4e00-\u9fff]+")
TRIGRAM_SIMILARITY_THRESHOLD = 0.2


def pinyin_forms(text: str) -> list[str]:
    """Full pinyin (spaced and joined) and initials for every run of Chinese characters."""
    forms = []
    for run in _HAN.findall(text):
        syllables = lazy_pinyin(run, style=Style.NORMAL)
        forms += [" ".join(syllables), "".join(syllables), "".join(s[0] for s in syllables if s)]
    return forms


def build_search_document(product) -> str:
    """Everything a shopper might type to find this product, lower-cased."""
    # English title and description too (core.i18n's `_en` fields), so /en/ shoppers find
    # products by "tea", "walnut" or "wild rose" with the same single query.
    parts = [product.title or "", product.title_en or "", strip_tags(product.description_en or "")]
    county = getattr(product, "origin_county", None)
    if county is not None:
        parts += [county.name, county.short_name, county.name_en, county.prefecture.name, county.prefecture.name_en]
    if product.pk:
        for category in product.categories.all():
            parts += [category.name, category.name_en]
    chinese = " ".join(part for part in parts if part)
    return " ".join([chinese, *pinyin_forms(chinese)]).lower()


def normalise_query(query: str) -> str:
    return " ".join(query.lower().split())


def search_products(queryset: QuerySet, query: str) -> QuerySet:
    """Filter `queryset` to products matching `query`; every word must match."""
    query = normalise_query(query)
    if not query:
        return queryset.none()
    from catalogue import search_index

    if search_index.enabled():
        return queryset.filter(pk__in=search_index.search_ids(query))
    matches = queryset
    for word in query.split(" "):
        matches = matches.filter(search_document__contains=word)
    if connection.vendor == "postgresql" and not matches.exists():
        # Typo tolerance: closest products by trigram word similarity.
        from django.contrib.postgres.search import TrigramWordSimilarity

        return (
            queryset.annotate(similarity=TrigramWordSimilarity(query, "search_document"))
            .filter(similarity__gte=TRIGRAM_SIMILARITY_THRESHOLD)
            .order_by("-similarity")
        )
    return matches
