"""Context every page needs for the shared header and footer."""

from django.http import HttpRequest


def site_navigation(request: HttpRequest) -> dict:
    """The active section for the header, derived from the URL path (no queries)."""
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
    return {"nav_section": section}
