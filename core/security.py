"""Cross-cutting defences: login throttling (django-axes), security headers, honeypot, POST rate limits.

* ``AxesBackend``: django-axes' backend, counting failed logins per account and per IP on every
  login that Django authenticates with a request (shop, seller dashboard, Wagtail, Django admin).
  Calls without a request (``manage.py shell``, ``Client.login`` in tests) cannot be made from
  outside and are left to the next backend, instead of raising.
* ``lockout_response``: the page a locked-out login gets — in the visitor's language, status 429.
* ``ContentSecurityPolicyMiddleware``: django-csp, with a nonce for the one inline script Oscar's
  dashboard frame needs; ``PermissionsPolicyMiddleware`` switches off browser features we never use.
* ``honeypot_filled`` and ``rate_limited``: public forms (cooperative applications, group
  inquiries, wholesale sign-up) refuse bots and floods per IP, counted on the shared cache.
"""

from collections.abc import Callable
from functools import wraps

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

# --- the client's address ----------------------------------------------------------------


def client_ip(request: HttpRequest) -> str:
    """The address login throttling (axes) and public-form limits (ratelimit) count by.

    Behind ``settings.PROXY_COUNT`` reverse proxies that each append the address they saw to
    X-Forwarded-For, the client is that many entries from the right; whatever a client wrote
    further left is its own invention. With no proxy (0) the header is ignored, since anyone
    can send one with a new address on every request.
    """
    count = settings.PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


# --- login throttling --------------------------------------------------------------------


class AxesBackend(AxesStandaloneBackend):
    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs):
        if request is None:
            return None  # not a web login: nothing to throttle
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _("登录失败次数过多，为保护账户已暂时锁定。请 %(minutes)s 分钟后再试，或通过“忘记密码”重设密码。") % {"minutes": minutes}
    return render(request, "security/lockout.html", {"message": message, "minutes": minutes}, status=429)


# --- headers -----------------------------------------------------------------------------


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY) on every page we write.

    The staff back offices we do not write — Wagtail's and Django's admin, Oscar's staff
    dashboard (settings.CSP_BACKOFFICE_PREFIXES) — still carry inline scripts of their own;
    there, and only there, inline scripts are allowed. Everything else (shop, CMS pages, the
    seller centre) runs only scripts from our static files or with the per-response nonce.
    """

    def get_policy_parts(self, request: HttpRequest, response: HttpResponse, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        path = request.path_info
        if path.startswith(tuple(settings.CSP_BACKOFFICE_PREFIXES)) and not path.startswith(tuple(settings.CSP_STRICT_PREFIXES)):
            parts.replace = {**(parts.replace or {}), "script-src": ["'self'", "'unsafe-inline'"]}
            parts.nonce = None
        return parts


class PermissionsPolicyMiddleware:
    """Browser features this site never uses are off for every page (and any injected script)."""

    def __init__(self, get_response: Callable):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


# --- public forms: honeypot and per-IP limits --------------------------------------------

#: The hidden field bots fill in and people never see (templates/security/honeypot.html); an
#: unlikely name, so that browsers' autofill leaves it empty.
HONEYPOT_FIELD = "qhjs_hp_note"


def honeypot_filled(request: HttpRequest) -> bool:
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def refuse_flood(request: HttpRequest, group: str, rate: str | None = None) -> HttpResponse | None:
    """A 429 page for a POST past ``rate`` per client IP (default ``settings.PUBLIC_POST_RATE``), else None.

    Counted on the default cache (Redis in production, shared by every process). A filled-in
    honeypot gets the same answer as a flood, so a bot learns nothing.
    """
    if request.method != "POST":
        return None
    limited = is_ratelimited(
        request, group=f"public-post:{group}", key="ip", rate=rate or settings.PUBLIC_POST_RATE, method="POST", increment=True
    )
    if not (limited or honeypot_filled(request)):
        return None
    message = _("提交过于频繁，请稍后再试。如需帮助请致电客服。")
    return render(request, "security/too_many_requests.html", {"message": message}, status=429)


def rate_limited(group: str, rate: str | None = None) -> Callable:
    """View decorator: ``refuse_flood`` before the view runs."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            return refuse_flood(request, group, rate) or view(request, *args, **kwargs)

        return wrapper

    return decorator


# --- logout ------------------------------------------------------------------------------


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out by POST only (with its CSRF token): a link or an <img> on another site cannot log anyone out."""
    auth_logout(request)
    response = redirect(settings.OSCAR_HOMEPAGE)
    for cookie in settings.OSCAR_COOKIES_DELETE_ON_LOGOUT:
        response.delete_cookie(cookie)
    return response
