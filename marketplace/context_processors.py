"""Context every page needs for the shared header and footer."""

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
    # The header, tab bar and buy bar all show the basket count: count the basket once per page.
    basket_count = SimpleLazyObject(lambda: getattr(getattr(request, "basket", None), "num_items", 0))
    return {"nav_section": section, "basket_count": basket_count}
