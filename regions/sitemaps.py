"""The county pages (/counties/<slug>/, Chinese and English) for /sitemap.xml."""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sites.requests import RequestSite
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from regions.models import County


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
