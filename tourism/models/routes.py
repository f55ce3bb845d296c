"""Routes: the tourism index (filters by season, theme, county) and the route pages (itinerary, map, departures)."""

from collections.abc import Iterable
from functools import cached_property, partial
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Prefetch, QuerySet, When
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.routing import RememberedViewRestrictions
from core.fragments import remembered
from regions.models import County
from tourism.blocks import ItineraryBlock
from tourism.choices import Season, Theme, split_seasons
from tourism.forms import RouteFilterForm, RoutePageForm
from tourism.models.departures import Departure
from tourism.models.inquiries import GroupInquiryPage

CARD_RENDITION = "fill-640x400|format-webp"  # the picture of includes/route_card.html


class TourismIndexPage(RememberedViewRestrictions, Page):
    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["tourism.RoutePage", "tourism.GroupInquiryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("线路首页")

    def route_queryset(self) -> QuerySet:
        """Live routes under this index with everything a route card shows, in a fixed number of queries."""
        images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
        return (
            RoutePage.objects.child_of(self)
            .live()
            .select_related("county__paired_district")
            .prefetch_related(Prefetch("hero_image", queryset=images))
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Built only when the page's shared fragment is rendered (once per site version and query).
        form = SimpleLazyObject(
            lambda: RouteFilterForm(
                request.GET or None, counties=County.objects.filter(pk__in=RoutePage.objects.child_of(self).live().values("county"))
            )
        )
        context["filter_form"] = form
        context["routes"] = SimpleLazyObject(lambda: form.filter(self.route_queryset()))
        return context


class RoutePage(RememberedViewRestrictions, RoutablePageMixin, Page):
    summary = models.CharField(_("简介"), max_length=240)
    county = models.ForeignKey("regions.County", on_delete=models.PROTECT, related_name="routes", verbose_name=_("主要所在县"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("主图")
    )
    duration_days = models.PositiveSmallIntegerField(_("天数"), default=2)
    price_from = models.DecimalField(_("参考价（元起）"), max_digits=10, decimal_places=2, null=True, blank=True)
    best_months = models.CharField(_("最佳季节"), max_length=60, blank=True)
    theme = models.CharField(_("主题"), max_length=16, choices=Theme.choices, blank=True, db_index=True)
    seasons = models.CharField(_("适合季节"), max_length=40, blank=True, help_text=_("逗号分隔：spring,summer,autumn,winter"))
    highlights = models.TextField(_("亮点"), blank=True, help_text=_("每行一条"))
    getting_there = RichTextField(_("交通指南"), blank=True, help_text=_("从广州出发：高铁、航班"))
    tips = RichTextField(_("出行贴士"), blank=True)
    itinerary = StreamField(ItineraryBlock(), blank=True, verbose_name=_("行程"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("线路介绍"))
    stop_counties = models.CharField(
        _("途经县"), max_length=400, blank=True, editable=False, db_index=True, help_text=_("由行程自动生成，如“,weining,dafang,”")
    )

    base_form_class = RoutePageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("county"),
                FieldPanel("theme"),
                FieldPanel("duration_days"),
                FieldPanel("price_from"),
                FieldPanel("seasons"),
                FieldPanel("best_months"),
            ],
            heading=_("线路信息"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("highlights"),
        FieldPanel("itinerary"),
        FieldPanel("getting_there"),
        FieldPanel("tips"),
        FieldPanel("body"),
        InlinePanel("related_products", label=_("带回家的味道"), help_text=_("在线路页展示的本地好物")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("highlights"),
        index.SearchField("body"),
        index.FilterField("theme"),
    ]
    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("旅游线路")

    # --- presentation ---------------------------------------------------
    @property
    def season_codes(self) -> list[str]:
        return split_seasons(self.seasons)

    @property
    def season_pairs(self) -> list[tuple[str, str]]:
        """(code, label) of each season, e.g. [('spring', '春')], for labels and filter links."""
        return [(code, Season(code).label) for code in self.season_codes]

    @property
    def highlight_list(self) -> list[str]:
        return [line.strip() for line in self.highlights.splitlines() if line.strip()]

    @cached_property
    def itinerary_days(self) -> list[dict[str, Any]]:
        """The itinerary as days of numbered stops, counties resolved in one query."""
        slugs = {stop["county"] for day in self.itinerary for stop in day.value["stops"] if stop["county"]}
        counties = {county.slug: county for county in County.objects.filter(slug__in=slugs)} if slugs else {}
        days, order = [], 0
        for number, day in enumerate(self.itinerary, start=1):
            stops = []
            for stop in day.value["stops"]:
                order += 1
                stops.append(
                    {
                        "order": order,
                        "name": stop["name"],
                        "county": counties.get(stop["county"]),
                        "latitude": stop["latitude"],
                        "longitude": stop["longitude"],
                        "note": stop["note"],
                    }
                )
            days.append({"number": number, "title": day.value["title"], "description": day.value["description"], "stops": stops})
        return days

    def geojson(self) -> dict[str, Any]:
        """Stops as GeoJSON Points (in visiting order) plus one LineString through them."""
        features, line = [], []
        for day in self.itinerary_days:
            for stop in day["stops"]:
                if stop["latitude"] is None or stop["longitude"] is None:
                    continue
                coordinates = [float(stop["longitude"]), float(stop["latitude"])]
                line.append(coordinates)
                county = stop["county"]
                features.append(
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": coordinates},
                        "properties": {
                            "name": stop["name"],
                            "day": day["number"],
                            "order": stop["order"],
                            "county": county.slug if county else "",
                            "county_name": county.display_short_name if county else "",
                            "note": stop["note"],
                        },
                    }
                )
        if len(line) >= 2:
            line_feature = {"type": "Feature", "geometry": {"type": "LineString", "coordinates": line}, "properties": {"name": self.title}}
            features.append(line_feature)
        return {"type": "FeatureCollection", "features": features}

    def save(self, *args, **kwargs):
        slugs = []
        for day in self.itinerary:
            for stop in day.value["stops"]:
                if stop["county"] and stop["county"] not in slugs:
                    slugs.append(stop["county"])
        self.stop_counties = f",{','.join(slugs)}," if slugs else ""
        return super().save(*args, **kwargs)

    def related_product_list(self) -> QuerySet:
        """The products chosen in the admin, in their order, for product cards (a fixed number of queries)."""
        return chosen_products(self.related_products.all())

    def related_product_ids(self):
        """The ids of related_product_list, remembered per site version (a preview's draft links are not)."""
        from catalogue.cards import CardIds  # catalogue's models load after ours

        return remembered("route-products", (self.pk,), lambda: CardIds(self.related_product_list().values_list("pk", flat=True)))

    def upcoming_departures(self) -> list["Departure"]:
        """Departures of this route (in any language) from today on, with their seats."""
        return list(
            Departure.objects.filter(route__translation_key=self.translation_key, date__gte=timezone.localdate())
            .with_seats_left()
            .order_by("date")
        )

    def json_ld(self, request: HttpRequest | None = None) -> dict[str, Any]:
        """schema.org TouristTrip describing the route and its stops."""
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "TouristTrip",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "touristType": self.get_theme_display() if self.theme else "",
            "itinerary": {
                "@type": "ItemList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": stop["order"],
                        "item": {"@type": "TouristAttraction", "name": stop["name"]}
                        | (
                            {"geo": {"@type": "GeoCoordinates", "latitude": float(stop["latitude"]), "longitude": float(stop["longitude"])}}
                            if stop["latitude"] is not None and stop["longitude"] is not None
                            else {}
                        ),
                    }
                    for day in self.itinerary_days
                    for stop in day["stops"]
                ],
            },
        }
        if self.price_from:
            data["offers"] = {"@type": "Offer", "price": str(self.price_from), "priceCurrency": "CNY"}
        return data

    @path("geojson/", name="geojson")
    def geojson_view(self, request: HttpRequest) -> JsonResponse:
        return JsonResponse(self.geojson(), content_type="application/geo+json", json_dumps_params={"ensure_ascii": False})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["map_tile_url"] = getattr(settings, "MAP_TILE_URL", "")
        context["map_tile_attribution"] = getattr(settings, "MAP_TILE_ATTRIBUTION", "")
        context["related_products"] = self.related_product_list() if getattr(request, "is_preview", False) else self.related_product_ids()
        context["departures"] = self.upcoming_departures()
        # Called by the template when shown: the JSON-LD sits in a shared fragment (core.fragments).
        context["inquiry_page"] = lambda: GroupInquiryPage.objects.sibling_of(self).live().first()
        context["json_ld"] = partial(self.json_ld, request)
        return context


def chosen_products(links: Iterable) -> QuerySet:
    """Browsable products of an Orderable `product` link queryset, in the editor's order, for product cards.

    A queryset: catalogue.cards reads only its ids when the cards are cached.
    """
    from oscar.core.loading import get_model

    from catalogue.selectors import with_card_data

    Product = get_model("catalogue", "Product")
    chosen = [link.product_id for link in links]  # also a preview's unsaved links
    if not chosen:
        return Product.objects.none()
    in_editor_order = Case(*(When(pk=pk, then=position) for position, pk in enumerate(chosen)))
    return with_card_data(Product.objects.browsable().filter(pk__in=chosen)).order_by(in_editor_order)


class RouteProduct(Orderable):
    """A shop product shown on a route page as "带回家的味道"."""

    page = ParentalKey(RoutePage, on_delete=models.CASCADE, related_name="related_products")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("商品"))
    panels = [FieldPanel("product")]


# --- events (推介会, campaigns) -----------------------------------------------
