"""Site-wide views that belong to no bounded context."""

import logging

from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 — any failure means "down"
        logger.warning("healthz: database check failed: %s", exc)
        return "error"
    return "ok"


def _cache_status() -> str:
    try:
        cache.set("healthz", "ok", timeout=10)
        if cache.get("healthz") != "ok":
            return "error"
    except Exception as exc:  # noqa: BLE001
        logger.warning("healthz: cache check failed: %s", exc)
        return "error"
    return "ok"


@never_cache
@require_GET
@transaction.non_atomic_requests  # a down database must give 503, not fail before the view runs
def healthz(request: HttpRequest) -> JsonResponse:
    """Load balancers call this: 200 when database and cache answer, 503 otherwise."""
    checks = {"database": _database_status(), "cache": _cache_status()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /dashboard/",
        "Disallow: /cms-admin/",
        "Disallow: /django-admin/",
        "Disallow: /shop/basket/",
        "Disallow: /shop/checkout/",
        "Disallow: /shop/accounts/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
