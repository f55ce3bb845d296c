"""Template helpers shared by CMS and shop templates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from core.fragments import FRAGMENT_SECONDS, fragment_cache, fragment_key, fragment_key_prefix

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language that keeps the visitor on the same page.

    Wagtail pages link to their own translations (slugs may differ per language);
    every other URL is translated by Django's i18n_patterns.
    """
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    # The same for every visitor of this URL in this site version (a page's translations' URLs);
    # URLs with a query string are not kept (any query would take a cache entry).
    prefix = "" if request.META.get("QUERY_STRING") else fragment_key_prefix(request)
    key = fragment_key(prefix, "language-links", getattr(page, "pk", ""), request.path) if prefix else ""
    links = fragment_cache().get(key) if key else None
    if links is None:
        links = _language_links(request, page)
        if key:
            fragment_cache().set(key, links, FRAGMENT_SECONDS)
    return links


def _language_links(request, page) -> list[dict]:
    current = get_language()
    translations = {}
    if page is not None and hasattr(page, "get_translations"):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation.get_url(request)
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code) or translate_url(request.path, code)
        if query and code not in translations:
            url = f"{url}?{query}"
        links.append({"code": code, "name": name, "url": url, "active": code == current})
    return links
