"""Wagtail's page routing, remembered per site version.

Stock Wagtail finds the Site (one query), loads its root page and that page's specific form (two),
then walks the URL one level at a time (two queries per level: the child by slug, then its specific
form). A route page three levels down cost seven queries before its own work began, on every
request. Both answers are the same for every visitor until a page is published, moved or deleted,
or a Site is edited, all of which bump the site version (marketplace.invalidation). So they are kept
in the process-local fragment cache (core.fragments) under that version:

- the Site of a host, with its root page already in its specific form (CachedSiteMiddleware);
- which page a path leads to (HomePage.route → cached_route): on a hit the page is loaded by id in
  one query and asked to route what remains of the path (a routable page's sub-path), and must
  still be live. A miss walks the tree as Wagtail does and remembers the result; a 404 is not kept;
- the home page's translation in the active language (HomePage.localized: Wagtail asks on every
  request, a Locale query, plus a translation query in English);
- whether a page or one of its ancestors has a view restriction (RememberedViewRestrictions:
  Wagtail asks before serving every page, two queries). Restrictions bump the version too.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from core.fragments import FRAGMENT_SECONDS, fragment_cache, fragment_key, fragment_key_prefix, remembered


class RememberedViewRestrictions:
    """Page mixin: whether the page is restricted is remembered per site version; unrestricted pages ask nothing."""

    def get_view_restrictions(self) -> QuerySet:
        wagtails = super().get_view_restrictions  # reads the ancestors when called
        if remembered("view-restricted", (self.pk,), lambda: wagtails().exists()):
            return wagtails()
        return PageViewRestriction.objects.none()  # iterating it runs no query


class CachedSiteMiddleware:
    """Give Wagtail's page view the request's Site from the fragment cache (Wagtail reads request._wagtail_site first)."""

    def __init__(self, get_response):
        from wagtail.views import serve  # not at import: page models import this module before apps are ready

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if view_func is self.wagtail_serve:  # other views (the shop, /healthz) do not route pages
            site = cached_site(request)
            if site is not None:
                request._wagtail_site = site


def cached_site(request: HttpRequest) -> Site | None:
    prefix = fragment_key_prefix(request)
    if not prefix:
        return None
    key = fragment_key(prefix, "wagtail-site")  # the prefix holds the host
    site = fragment_cache().get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is None:
            return None
        site.root_page = site.root_page.specific  # kept in its specific form: no query per request
        fragment_cache().set(key, site, FRAGMENT_SECONDS)
    return site


def cached_route(root: Page, request: HttpRequest, path_components: list[str], walk) -> RouteResult:
    """The route of `path_components` below `root`: remembered, or found by `walk` (Wagtail's own routing)."""
    prefix = fragment_key_prefix(request)
    key = fragment_key(prefix, "wagtail-route", root.pk, "/".join(path_components)) if prefix else ""
    remembered = fragment_cache().get(key) if key else None
    if remembered is not None:
        page, levels = remembered  # a copy of the page as it is in this site version (the cache pickles)
        return page.route(request, path_components[levels:])
    result = walk(request, path_components)
    page = result[0]
    if key:
        fragment_cache().set(key, (page, page.depth - root.depth), FRAGMENT_SECONDS)
    return result
