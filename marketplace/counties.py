"""The county pages (/counties/, /counties/<slug>/): composed here, at the top, from the regions
backbone, the shop's products and the CMS's stories and routes (regions itself imports neither)."""

from functools import partial

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sites.requests import RequestSite
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from catalogue.cards import CardIds
from catalogue.selectors import products_from_county
from core.fragments import remembered
from regions.models import County, Prefecture
from tourism.selectors import county_story, routes_through_county

app_name = "regions"


def county_index(request: HttpRequest) -> HttpResponse:
    prefectures = Prefecture.objects.prefetch_related("counties__paired_district")
    return render(request, "regions/county_index.html", {"prefectures": prefectures})


def county_product_ids(county: County) -> CardIds:
    return CardIds(products_from_county(county=county)[:24].values_list("pk", flat=True))


def county_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The county and its products' ids are remembered per site version (an unknown slug is a 404 each time).
    counties = County.objects.select_related("prefecture", "paired_district")
    county = remembered("county", (slug,), lambda: get_object_or_404(counties, slug=slug))
    # The story, routes and JSON-LD are read when the template shows them: the page's head and
    # body are shared fragments (core.fragments), rendered once per site version.
    story = SimpleLazyObject(partial(county_story, county=county))

    def og_image() -> str:
        if not (story and story.hero_image):
            return ""
        return request.build_absolute_uri(story.hero_image.get_rendition("fill-1200x630|format-jpeg").url)

    context = {
        "county": county,
        "products": remembered("county-products", (county.pk,), partial(county_product_ids, county)),
        "story": story,
        "routes": partial(routes_through_county, county=county),
        "og_title": county.display_name,
        "og_description": lambda: story.headline if story and story.headline else "",
        "og_image": og_image,
        "json_ld": lambda: {
            "@context": "https://schema.org",
            "@type": "TouristDestination",
            "name": county.display_name,
            "description": story.headline if story else "",
            "url": request.build_absolute_uri(),
            "geo": {"@type": "GeoCoordinates", "latitude": float(county.latitude), "longitude": float(county.longitude)},
            "containedInPlace": {"@type": "AdministrativeArea", "name": county.prefecture.display_name},
        },
    }
    return render(request, "regions/county_detail.html", context)


class CountySitemap(WagtailSitemap):
    """A plain Django sitemap; subclassing Wagtail's only so that its view hands us the request."""

    changefreq = "weekly"
    priority = 0.6
    _urls = DjangoSitemap._urls

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        """Absolute URLs on the host the sitemap was asked from."""
        if self.request is not None:
            site, protocol = RequestSite(self.request), protocol or self.request.scheme
        return super().get_urls(page=page, site=site, protocol=protocol)

    def items(self) -> list[tuple[str, County]]:
        return [(language, county) for county in County.objects.only("slug") for language in ("zh-hans", "en")]

    def location(self, item: tuple[str, County]) -> str:
        language, county = item
        with translation.override(language):
            return reverse("regions:county_detail", kwargs={"slug": county.slug})

    def lastmod(self, item: tuple[str, County]) -> None:
        return None


urlpatterns = [
    path("", county_index, name="county_index"),
    path("<slug:slug>/", county_detail, name="county_detail"),
]
