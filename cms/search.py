"""Site-wide search: tourism routes, CMS pages, counties and shop products for one query."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from regions.models import County

MAX_PRODUCTS = 12
MAX_PAGES = 30


@dataclass
class SiteSearchResults:
    query: str
    routes: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    products: list = field(default_factory=list)
    product_count: int = 0
    counties: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.routes) + len(self.pages) + self.product_count + len(self.counties)


def _page_ids(query: str, locale: Locale) -> list[int]:
    """Live pages in the locale matching the query: Wagtail search plus a substring match (Chinese has no word breaks)."""
    from tourism.models import CulturalStoryPage, EventPage, RoutePage

    pages = Page.objects.live().public().filter(locale=locale, depth__gt=1)
    ids: list[int] = []
    try:
        ids += [page.pk for page in pages.search(query)[:MAX_PAGES]]
    except Exception:  # noqa: BLE001 — a search backend hiccup must not break the page; substring matches still work
        pass
    text = Q(title__icontains=query) | Q(search_description__icontains=query) | Q(seo_title__icontains=query)
    ids += list(pages.filter(text).values_list("pk", flat=True)[:MAX_PAGES])
    route_text = (
        Q(summary__icontains=query)
        | Q(highlights__icontains=query)
        | Q(county__name__icontains=query)
        | Q(county__name_en__icontains=query)
    )
    ids += list(RoutePage.objects.live().filter(locale=locale).filter(route_text).values_list("pk", flat=True)[:MAX_PAGES])
    for model, extra in ((EventPage, Q(place__icontains=query)), (CulturalStoryPage, Q(craft__icontains=query))):
        matches = model.objects.live().filter(locale=locale).filter(Q(summary__icontains=query) | extra)
        ids += list(matches.values_list("pk", flat=True)[:MAX_PAGES])
    return list(dict.fromkeys(ids))[:MAX_PAGES]


def site_search(query: str, *, locale: Locale | None = None) -> SiteSearchResults:
    """Everything matching `query` in the visitor's language, in a fixed number of queries."""
    from catalogue.search import search_products
    from catalogue.selectors import with_card_data
    from tourism.models import CARD_RENDITION, RoutePage

    query = " ".join(query.split())[:100]
    results = SiteSearchResults(query=query)
    if not query:
        return results
    locale = locale or Locale.get_active()
    ids = _page_ids(query, locale)
    if ids:
        images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
        routes = {
            route.pk: route
            for route in RoutePage.objects.filter(pk__in=ids)
            .select_related("county__paired_district")
            .prefetch_related(Prefetch("hero_image", queryset=images))
        }
        results.routes = [routes[pk] for pk in ids if pk in routes]
        others = {page.pk: page for page in Page.objects.filter(pk__in=[pk for pk in ids if pk not in routes]).specific()}
        results.pages = [others[pk] for pk in ids if pk in others]
    Product = get_model("catalogue", "Product")
    products = search_products(Product.objects.browsable(), query)
    results.product_count = products.count()
    results.products = list(with_card_data(Product.objects.filter(pk__in=products.values("pk")[:MAX_PRODUCTS])))
    county_text = Q(name__icontains=query) | Q(short_name__icontains=query) | Q(name_en__icontains=query) | Q(slug=query.lower())
    results.counties = list(County.objects.filter(county_text).select_related("prefecture")[:10])
    return results
