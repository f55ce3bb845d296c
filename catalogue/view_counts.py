"""Product views counted in the cache, written to Oscar's analytics in bulk by a periodic task.

Oscar's analytics receiver wrote a row on every product page view (a GET): on SQLite that made
"database is locked" answers under load, and it made pages uncacheable. Here a view is counted in
the process — also for pages served from the page cache — and added to the shared cache every few
seconds; `flush_product_views` (Celery beat, or `manage.py flush_product_views`) adds the counts to
`analytics.ProductRecord.num_views`.
"""

import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from oscar.core.loading import get_model

logger = logging.getLogger(__name__)

PREFIX = "product-views:"
# Response attribute the product view sets: the page cache counts one view on every hit of that page.
VIEW_COUNT_ATTR = "page_cache_product_view"


def _cache():
    # The shared cache: every app server's counts end up in one place.
    return caches[settings.PAGE_CACHE_ALIAS]


# Views are added up in the process first and written to the shared cache at most every few
# seconds: a cache round trip per page hit (a file write on the embedded default) would cost a
# cached product page half its speed. A worker that dies loses at most those seconds of counts.
BUFFER_SECONDS = 5.0
_buffer: Counter = Counter()
_buffer_started = 0.0
_buffer_lock = threading.Lock()


def count_product_view(product_id: int) -> None:
    """One view of one product page; never raises (the count is an optimisation, the page is not)."""
    global _buffer_started
    with _buffer_lock:
        if not _buffer:
            _buffer_started = time.monotonic()
        _buffer[product_id] += 1
        if time.monotonic() - _buffer_started < BUFFER_SECONDS:
            return
    write_buffered_views()


def write_buffered_views() -> None:
    """Add this process's buffered views to the shared cache (also done by the flush, first)."""
    with _buffer_lock:
        counts = dict(_buffer)
        _buffer.clear()
    if not counts:
        return
    try:
        store = _cache()
        for product_id, views in counts.items():
            key = f"{PREFIX}{product_id}"
            store.add(key, 0, timeout=None)
            store.incr(key, views)
    except Exception:  # noqa: BLE001
        logger.warning("could not count product views", exc_info=True)


def pending_views(product_ids) -> dict[int, int]:
    keys = {f"{PREFIX}{pk}": pk for pk in product_ids}
    found = _cache().get_many(list(keys))
    return {keys[key]: int(value) for key, value in found.items() if value}


def flush_product_views() -> int:
    """Add the counted views to ProductRecord; returns how many views were written."""
    Product = get_model("catalogue", "Product")
    ProductRecord = get_model("analytics", "ProductRecord")
    write_buffered_views()
    store = _cache()
    written = 0
    ids = list(Product.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        counts = pending_views(ids[start : start + 1000])
        for product_id, views in counts.items():
            with transaction.atomic():
                updated = ProductRecord.objects.filter(product_id=product_id).update(num_views=F("num_views") + views)
                if not updated:
                    ProductRecord.objects.create(product_id=product_id, num_views=views)
            # decr, not delete: views counted meanwhile stay for the next flush.
            store.decr(f"{PREFIX}{product_id}", views)
            written += views
    return written
