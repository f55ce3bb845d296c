"""The site version: one counter that every cached page and per-version summary is keyed by.

Bumped (marketplace.invalidation) whenever public content changes; read by the page cache, the
catalogue's facet summaries and the route-page block choices. It lives in the "pages" cache: Redis
when REDIS_URL is set, otherwise a file cache shared by the worker processes of one machine.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:site-version"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def site_version() -> str:
    """The current site version: the change counter plus the local date (certificates go by the day)."""
    try:
        counter = page_cache().get(VERSION_KEY)
        if counter is None:
            # A fresh cache starts a namespace of its own, never one a previous database filled.
            counter = time.time_ns()
            page_cache().add(VERSION_KEY, counter, timeout=None)
            counter = page_cache().get(VERSION_KEY, counter)
    except Exception:  # noqa: BLE001 — the cache is an optimisation; a failing cache means "no cache"
        logger.warning("page cache: cannot read the site version", exc_info=True)
        return ""
    return f"{counter}-{timezone.localdate().isoformat()}"


def bump_site_version() -> None:
    """Make every cached page (and every per-version summary) stale now."""
    try:
        page_cache().set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:  # noqa: BLE001
        logger.warning("page cache: cannot bump the site version", exc_info=True)
