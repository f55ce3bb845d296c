"""Product search that works for Chinese shoppers: characters, full pinyin and pinyin initials.

Each product carries a `search_document` (built on save) such as
"都匀毛尖 明前特级 du yun mao jian duyunmaojian dymj 都匀 duyun 黔南 茶叶 Duyun Maojian".
The database then answers substring queries: 毛尖, maojian, dymj, 都匀. On PostgreSQL a
trigram index keeps that fast and similarity() forgives typos.
"""

import re

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.html import strip_tags
from pypinyin import Style, lazy_pinyin

import core.slugs  # noqa: F401 — loads the local place-name readings into pypinyin

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN_WORD = re.compile(r"[a-z0-9'’\-.]+")
ENGLISH_SEPARATOR = "|"
TRIGRAM_SIMILARITY_THRESHOLD = 0.2


def pinyin_forms(text: str) -> list[str]:
    """Full pinyin (spaced and joined) and initials for every run of Chinese characters."""
    forms = []
    for run in _HAN.findall(text):
        syllables = lazy_pinyin(run, style=Style.NORMAL)
        forms += [" ".join(syllables), "".join(syllables), "".join(s[0] for s in syllables if s)]
    return forms


def build_search_document(product) -> str:
    """Everything a shopper might type to find this product, lower-cased.

    Two parts, split by ENGLISH_SEPARATOR: Chinese text with county names and pinyin (matched
    as substrings: 毛尖, maojian, dymj), then the English title, description and category
    names (matched at word starts, so "tea" finds tea but not "plateau").
    """
    parts = [product.title or ""]
    county = getattr(product, "origin_county", None)
    if county is not None:
        parts += [county.name, county.short_name, county.name_en, county.prefecture.name, county.prefecture.name_en]
    english = [product.title_en or "", strip_tags(product.description_en or "")]
    if product.pk:
        for category in product.categories.all():
            parts.append(category.name)
            english.append(category.name_en)
    chinese = " ".join(part for part in parts if part).replace(ENGLISH_SEPARATOR, " ")
    source = " ".join([chinese, *pinyin_forms(chinese)])
    english_text = " ".join(part for part in english if part).replace(ENGLISH_SEPARATOR, " ")
    return f"{source} {ENGLISH_SEPARATOR} {english_text}".replace("\n", " ").lower() if english_text else source.lower()


def normalise_query(query: str) -> str:
    return " ".join(query.lower().split())


def word_condition(word: str) -> Q:
    """Chinese characters anywhere; a Latin word anywhere in the pinyin part or at an English word start.

    One regular expression per word, so the query count stays one whatever the language (pg_trgm's
    GIN index serves regular expressions as it serves LIKE).
    """
    if not _LATIN_WORD.fullmatch(word):
        return Q(search_document__contains=word)
    escaped = re.escape(word)
    return Q(search_document__regex=rf"^[^{re.escape(ENGLISH_SEPARATOR)}]*{escaped}|(^|[^a-z0-9]){escaped}")


def search_products(queryset: QuerySet, query: str) -> QuerySet:
    """Filter `queryset` to products matching `query`; every word must match."""
    query = normalise_query(query)
    if not query:
        return queryset.none()
    from catalogue import search_index

    if search_index.enabled():
        return queryset.filter(pk__in=search_index.search_ids(query))
    matches = queryset
    for word in query.replace(ENGLISH_SEPARATOR, " ").split():
        matches = matches.filter(word_condition(word))
    if connection.vendor == "postgresql" and not matches.exists():
        # Typo tolerance: closest products by trigram word similarity.
        from django.contrib.postgres.search import TrigramWordSimilarity

        return (
            queryset.annotate(similarity=TrigramWordSimilarity(query, "search_document"))
            .filter(similarity__gte=TRIGRAM_SIMILARITY_THRESHOLD)
            .order_by("-similarity")
        )
    return matches
