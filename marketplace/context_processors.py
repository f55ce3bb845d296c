"""Context every page needs for the shared header and footer."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def site_navigation(request: HttpRequest) -> dict:
    """The active section for the header (from the URL path) and the basket count (counted when shown)."""
    path = request.path
    language_prefix = "/en" if path == "/en" or path.startswith("/en/") else ""
    bare = path[len(language_prefix):] or "/"
    if bare.startswith("/shop/"):
        section = "shop"
    elif bare.startswith("/tourism/"):
        section = "tourism"
    elif bare.startswith("/counties/"):
        section = "counties"
    elif bare.startswith("/wholesale/"):
        section = "wholesale"
    elif bare == "/":
        section = "home"
    else:
        section = ""
    # The header, tab bar and buy bar all show the basket count: counted once per page, and not at
    # all for an anonymous visitor without a basket cookie (loading Oscar's basket applies offers).
    return {"nav_section": section, "basket_count": SimpleLazyObject(lambda: _basket_count(request))}


def _basket_count(request: HttpRequest) -> int:
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated) and settings.OSCAR_BASKET_COOKIE_OPEN not in request.COOKIES:
        return 0
    return getattr(getattr(request, "basket", None), "num_items", 0)
