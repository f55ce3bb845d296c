"""The anonymous page cache: one rendering of a public page serves every cookie-less visitor.

Which requests: GET/HEAD of the public pages in `PAGE_CACHE_PATHS` (Wagtail pages, the shop's
catalogue, categories and products, counties, impact), in both languages, from a visitor who
carries none of the cookies a page could depend on (session = login, open basket, messages,
recently viewed). Such a visitor is anonymous with an empty basket, so the page rendered for
one of them is right for all of them. Anyone with a session — a logged-in buyer with wholesale
prices, a cooperative, staff — or a basket is never served from here and their pages are never
stored.

Which responses are stored: 200s that set no cookie at all and do not say private/no-store.
Forms on cached pages carry no CSRF token (marketplace.visitor renders the token empty for these
requests, so the page sets no csrftoken cookie); static/js/visitor.js fetches one from the
visitor endpoint, and without JavaScript the CSRF failure view asks the visitor to confirm once.

Invalidation: every key holds the *site version* — a counter bumped by the signals in
marketplace.invalidation (a page published, a price changed, stock crossing zero, any product,
county, certificate or tourism content saved) — and the local date, because certificates start
and expire by the day. Bumping the counter makes every stored page unreachable at once; old
entries age out by their timeout.

The version and the pages live in the "pages" cache: Redis when REDIS_URL is set (shared by every
app server), otherwise a file-based cache shared by the worker processes of one machine. Each
process also keeps copies of the pages it served last ("page-copies", in memory), under the same
versioned keys: a hit reads only the version from the shared cache.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from catalogue.view_counts import VIEW_COUNT_ATTR, count_product_view
from core.site_version import page_cache, site_version

logger = logging.getLogger(__name__)

# Request attribute read by marketplace.visitor: the page is being rendered for the cache.
CACHEABLE_ATTR = "page_cache_candidate"


def _bare_path(path: str) -> str:
    """The path without the /en prefix."""
    if path == "/en" or path.startswith("/en/"):
        return path[3:] or "/"
    return path


def _language_of(path: str) -> str:
    return "en" if path == "/en" or path.startswith("/en/") else settings.LANGUAGE_CODE


def is_cacheable_request(request: HttpRequest) -> bool:
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return False
    if any(name in request.COOKIES for name in settings.PAGE_CACHE_SKIP_COOKIES):
        return False
    if len(request.META.get("QUERY_STRING", "")) > 512:
        return False
    bare = _bare_path(request.path)
    if any(bare.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS):
        return False
    return any(bare == prefix if prefix == "/" else bare.startswith(prefix) for prefix in settings.PAGE_CACHE_PATHS)


def cache_key(request: HttpRequest, version: str) -> str:
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    raw = f"{request.get_host()}|{_language_of(request.path)}|{request.path}|{query}"
    return f"pagecache:page:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _is_storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "Set-Cookie" in response or "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return True


def page_copies():
    """This process's copies of the pages it served last (the shared page cache is a round trip away)."""
    return caches["page-copies"]


class PageCacheMiddleware:
    """Serve and store anonymous public pages. Place it right after WhiteNoise, before sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        version = site_version()
        if not version:
            return self.get_response(request)
        key = cache_key(request, version)
        entry = page_copies().get(key)
        if entry is None:
            try:
                entry = page_cache().get(key)
            except Exception:  # noqa: BLE001
                logger.warning("page cache: read failed", exc_info=True)
            if entry is not None:
                page_copies().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        if entry is not None:
            return self._from_entry(entry)

        setattr(request, CACHEABLE_ATTR, True)
        response = self.get_response(request)
        if _is_storable(request, response):
            self._store(key, response)
        response["X-Page-Cache"] = "miss"
        patch_cache_control(response, no_cache=True)
        return response

    @staticmethod
    def _store(key: str, response: HttpResponse) -> None:
        headers = {name: value for name, value in response.items() if name.lower() != "x-page-cache"}
        entry = {
            "status": response.status_code,
            "content": response.content,
            "headers": headers,
            "product_view": getattr(response, VIEW_COUNT_ATTR, None),
        }
        page_copies().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        try:
            page_cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("page cache: write failed", exc_info=True)

    @staticmethod
    def _from_entry(entry: dict) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        # Browsers and proxies must ask again: a visitor who adds to the basket must see it.
        patch_cache_control(response, no_cache=True)
        if entry.get("product_view"):
            count_product_view(entry["product_view"])
        return response
