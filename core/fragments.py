"""Parts of pages rendered once per site version and language, then shared by every visitor.

A product card, a route's itinerary, a county's story or a product's gallery and facts look the
same to every visitor; rendering them (their queries, image lookups and template work) was most of
a page's cost. Their HTML is kept in the process-local "fragments" cache (no network round trip)
under a key that holds the site version (core.site_version: bumped when public content, a price or
stock changes, and daily), the language, the host and what the part depends on; a new version
makes every old entry unreachable at once.

What may be shared: anything that is the same for every visitor. Never a form's CSRF token (it is
the visitor's own: a fragment that renders one is not stored), messages, the basket or the login
state; prices only when the visitor's pricing strategy says its prices are everyone's (consumers
and anonymous visitors, not approved wholesale buyers).
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import caches
from django.http import HttpRequest
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from core.site_version import site_version

logger = logging.getLogger(__name__)
T = TypeVar("T")

FRAGMENTS_CACHE_ALIAS = "fragments"
#: Older versions' entries are dropped by the cache's culling; an hour bounds a quiet process.
FRAGMENT_SECONDS = 3600
#: The hidden input of Django's {% csrf_token %}: its value belongs to one visitor.
CSRF_FIELD = 'name="csrfmiddlewaretoken"'


def fragment_cache():
    return caches[FRAGMENTS_CACHE_ALIAS]


def shares_prices(request: HttpRequest | None) -> bool:
    """True when this visitor's prices are everyone's (the strategy says so; Oscar's Default does not)."""
    strategy = getattr(request, "strategy", None)
    return bool(getattr(strategy, "prices_shared_by_all_visitors", False))


def fragment_key_prefix(request: HttpRequest | None) -> str:
    """The key prefix of this request's shared fragments, or "" when they cannot be cached now.

    Read once per request and language (a page asks for it per fragment; the version is a cache read).
    An editor's preview (Wagtail sets request.is_preview) renders the draft: nothing shared, either way.
    """
    if getattr(request, "is_preview", False):
        return ""
    language = translation.get_language() or ""
    memo = getattr(request, "_fragment_prefixes", None)
    if memo is not None and language in memo:
        return memo[language]
    version = site_version()
    host = f"{request.scheme}://{request.get_host()}" if request is not None else ""
    prefix = f"fragment:{version}:{language}:{host}" if version else ""
    if request is not None:
        request._fragment_prefixes = {**(memo or {}), language: prefix}
    return prefix


def fragment_key(prefix: str, name: str, *parts: object) -> str:
    """The key of fragment `name` for `parts` under `prefix` (long keys hashed: cache backends cap key length)."""
    key = f"{prefix}:{name}:{':'.join(str(part) for part in parts)}"
    if len(key) > 200:
        key = f"{prefix}:{name}:{hashlib.sha256(key.encode()).hexdigest()}"
    return key


def shared_html(key: str, render: Callable[[], str]) -> SafeString:
    """The cached HTML under `key`, or `render()` stored under it (unless it holds a visitor's CSRF token)."""
    cache = fragment_cache()
    html = cache.get(key)
    if html is None:
        html = render()
        if CSRF_FIELD in html:
            logger.error("shared fragment %s renders a CSRF token: not cached (move the form out of it)", key)
            return mark_safe(html)  # noqa: S308 — a rendered template
        cache.set(key, html, FRAGMENT_SECONDS)
    return mark_safe(html)  # noqa: S308 — a rendered template


def remembered(name: str, parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, kept once per site version: for values the same for every visitor, language and host
    (a listing's ids, say). Never None (a None result is computed again next time)."""
    version = site_version()
    if not version:
        return compute()
    key = fragment_key(f"value:{version}", name, *parts)
    value = fragment_cache().get(key)
    if value is None:
        value = compute()
        fragment_cache().set(key, value, FRAGMENT_SECONDS)
    return value


def shared_many(keys: Iterable[str]) -> dict[str, str]:
    return fragment_cache().get_many(list(keys))


def store_many(rendered: dict[str, str]) -> None:
    fragment_cache().set_many({key: html for key, html in rendered.items() if CSRF_FIELD not in html}, timeout=FRAGMENT_SECONDS)
