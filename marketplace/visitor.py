"""Per-visitor bits of otherwise shared pages: basket count, account link, CSRF token.

Cached pages (marketplace.pagecache) are the same for every cookie-less visitor, so nothing
personal may be in them. static/js/visitor.js asks `visitor_state` for the little that is
personal and fills the elements marked `data-visitor="basket-count"` and `data-visitor="account"`,
and puts the CSRF token into the page's POST forms.

Without JavaScript a form from a cached page arrives without a token; `csrf_failure` then shows
a confirmation page carrying the same fields and a real token, so the visitor's action still goes
through with one more tap and CSRF protection stays whole (a forged request only ever reaches
that page, on our own origin, where the visitor decides).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE, get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from marketplace.pagecache import CACHEABLE_ATTR


def _token_was_missing(reason: str) -> bool:
    """Django's reasons for a form that simply had no (or a stale) token: a cached page without JS.

    A request from another origin fails earlier, on its Origin or Referer, and gets no confirmation page.
    """
    return reason in (REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING) or reason.startswith("CSRF token from POST")


def csrf_token_for_page(request: HttpRequest) -> dict:
    """Context processor: no CSRF token (hence no csrftoken cookie) on a page rendered for the cache."""
    if getattr(request, CACHEABLE_ATTR, False):
        return {"csrf_token": ""}
    return {"csrf_token": SimpleLazyObject(lambda: get_token(request))}


@never_cache
@require_GET
def visitor_state(request: HttpRequest) -> JsonResponse:
    """What this visitor's header shows, in the page's language (`?lang=en`). Reads only."""
    language = "en" if request.GET.get("lang") == "en" else settings.LANGUAGE_CODE
    with translation.override(language):
        user = request.user
        authenticated = bool(user.is_authenticated)
        basket = getattr(request, "basket", None)
        data = {
            "authenticated": authenticated,
            "basket_count": basket.num_items if basket is not None and basket.id else 0,
            "account": {
                "url": reverse("customer:summary") if authenticated else reverse("customer:login"),
                "label": _("我的账户") if authenticated else _("登录/注册"),
            },
            "csrf_token": get_token(request),
        }
    return JsonResponse(data)


# The confirmation form carries the page the visitor first posted from: its own Referer would be
# the POST-only URL it was shown at, and a view that redirects "back" (Oscar's add-to-basket) would
# send the browser to a GET of that URL — a 405 instead of the product page.
CAME_FROM_FIELD = "_confirmed_from"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form without a token (cached page, no JS) gets one confirmation step."""
    if request.method == "POST" and _token_was_missing(reason) and not request.FILES:
        skip = {"csrfmiddlewaretoken", CAME_FROM_FIELD}
        fields = [(name, value) for name in request.POST for value in request.POST.getlist(name) if name not in skip]
        came_from = request.META.get("HTTP_REFERER", "")
        if came_from and _same_site(request, came_from):
            fields.append((CAME_FROM_FIELD, came_from))
        return render(
            request,
            "marketplace/csrf_confirm.html",
            {"action": request.get_full_path(), "fields": fields, "csrf_token": get_token(request)},
            status=403,
        )
    return render(request, "marketplace/csrf_failure.html", {"reason": reason}, status=403)


def _same_site(request: HttpRequest, url: str) -> bool:
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


class ConfirmedActionMiddleware:
    """A form re-sent from the confirmation page reaches its view as if sent from the original page
    (the Referer it would have had), so "back to where you were" redirects land on that page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Form posts only (CsrfViewMiddleware reads their fields before any view anyway); a JSON
        # webhook body is never parsed here.
        if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            came_from = request.POST.get(CAME_FROM_FIELD, "")
            if came_from and _same_site(request, came_from):
                request.META["HTTP_REFERER"] = came_from
        return self.get_response(request)
