"""Tourism routes promoted to Guangzhou visitors (百企千团十万广东人游贵州)."""

from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from core.i18n import Localized
from core.security import refuse_flood
from regions.models import County
from tourism.blocks import ItineraryBlock
from tourism.choices import Season, Theme, split_seasons
from tourism.forms import RouteFilterForm, RoutePageForm

CARD_RENDITION = "fill-640x400|format-webp"  # the picture of includes/route_card.html


class TourismIndexPage(Page):
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
        counties = County.objects.filter(pk__in=RoutePage.objects.child_of(self).live().values("county"))
        form = RouteFilterForm(request.GET or None, counties=counties)
        routes = form.filter(self.route_queryset())
        context["filter_form"] = form
        context["routes"] = routes
        return context


class RoutePage(RoutablePageMixin, Page):
    summary = models.CharField(_("简介"), max_length=240)
    county = models.ForeignKey(
        "regions.County", on_delete=models.PROTECT, related_name="routes", verbose_name=_("主要所在县")
    )
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

    def related_product_list(self) -> list:
        """The products chosen in the admin, ready for product cards (a fixed number of queries)."""
        return chosen_products(self.related_products.all())

    def upcoming_departures(self) -> list["Departure"]:
        """Departures of this route (in any language) from today on, with their seats."""
        return list(
            Departure.objects.filter(route__translation_key=self.translation_key, date__gte=timezone.localdate())
            .select_related("product")
            .prefetch_related("product__stockrecords")
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
        context["related_products"] = self.related_product_list()
        context["departures"] = self.upcoming_departures()
        context["inquiry_page"] = GroupInquiryPage.objects.sibling_of(self).live().first()
        context["json_ld"] = self.json_ld(request)
        return context


def chosen_products(links: QuerySet) -> list:
    """Browsable products of an Orderable `product` link queryset, in the editor's order, ready for product cards."""
    from oscar.core.loading import get_model

    from catalogue.selectors import with_card_data

    chosen = [link.product_id for link in links]
    if not chosen:
        return []
    Product = get_model("catalogue", "Product")
    by_id = {product.pk: product for product in with_card_data(Product.objects.browsable().filter(pk__in=chosen))}
    return [by_id[pk] for pk in chosen if pk in by_id]


class RouteProduct(Orderable):
    """A shop product shown on a route page as "带回家的味道"."""

    page = ParentalKey(RoutePage, on_delete=models.CASCADE, related_name="related_products")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("商品"))
    panels = [FieldPanel("product")]


# --- events (推介会, campaigns) -----------------------------------------------
class EventIndexPage(Page):
    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["tourism.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("活动首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
        events = (
            EventPage.objects.child_of(self)
            .live()
            .select_related("county")
            .prefetch_related(Prefetch("hero_image", queryset=images))
        )
        today = timezone.localdate()
        upcoming = models.Q(end_date__gte=today) | models.Q(end_date__isnull=True, start_date__gte=today)
        context["upcoming_events"] = list(events.filter(upcoming).order_by("start_date"))
        context["past_events"] = list(events.exclude(pk__in=[event.pk for event in context["upcoming_events"]]).order_by("-start_date"))
        return context


class EventPage(Page):
    summary = models.CharField(_("简介"), max_length=240)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=120)
    address = models.CharField(_("详细地址"), max_length=200, blank=True)
    city = models.CharField(_("城市"), max_length=40, blank=True, default="广州")
    county = models.ForeignKey(
        "regions.County", on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("推介的县")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("主图")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("place"),
                FieldPanel("address"),
                FieldPanel("city"),
                FieldPanel("county"),
            ],
            heading=_("时间地点"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("place"), index.SearchField("body")]
    parent_page_types = ["tourism.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("活动")

    @property
    def is_past(self) -> bool:
        return (self.end_date or self.start_date) < timezone.localdate()

    def json_ld(self, request: HttpRequest | None = None) -> dict[str, Any]:
        """schema.org Event."""
        location: dict[str, Any] = {"@type": "Place", "name": self.place}
        address = {"@type": "PostalAddress", "addressCountry": "CN"}
        if self.address:
            address["streetAddress"] = self.address
        if self.city:
            address["addressLocality"] = self.city
        location["address"] = address
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "startDate": self.start_date.isoformat(),
            "endDate": (self.end_date or self.start_date).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": location,
            "url": self.get_full_url(request),
            "organizer": {"@type": "Organization", "name": str(_("黔货进穗")), "url": getattr(settings, "SITE_URL", "")},
        }
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = self.json_ld(request)
        return context


# --- cultural stories (非遗, ethnic handicrafts) -------------------------------
class CulturalStoryIndexPage(Page):
    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["tourism.CulturalStoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("非遗故事首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
        context["stories"] = list(
            CulturalStoryPage.objects.child_of(self)
            .live()
            .select_related("county")
            .prefetch_related(Prefetch("hero_image", queryset=images))
            .order_by("path")
        )
        return context


class CulturalStoryPage(Page):
    craft = models.CharField(_("技艺"), max_length=60, help_text=_("例如：马尾绣、大方漆器、蜡染"))
    heritage_level = models.CharField(_("非遗级别"), max_length=80, blank=True, help_text=_("例如：国家级非物质文化遗产"))
    summary = models.CharField(_("简介"), max_length=240)
    county = models.ForeignKey(
        "regions.County", on_delete=models.SET_NULL, null=True, blank=True, related_name="cultural_stories", verbose_name=_("所在县")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("主图")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("craft"), FieldPanel("heritage_level"), FieldPanel("county")], heading=_("技艺信息")),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("products", label=_("相关商品"), help_text=_("商城里的非遗好物")),
    ]
    search_fields = Page.search_fields + [index.SearchField("craft"), index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["tourism.CulturalStoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("非遗故事")

    def product_list(self) -> list:
        return chosen_products(self.products.all())

    def json_ld(self, request: HttpRequest | None = None) -> dict[str, Any]:
        """schema.org Article about the craft."""
        return {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": self.title,
            "description": self.summary,
            "about": {"@type": "Thing", "name": self.craft},
            "url": self.get_full_url(request),
            "datePublished": self.first_published_at.isoformat() if self.first_published_at else None,
            "inLanguage": self.locale.language_code,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_products"] = self.product_list()
        context["json_ld"] = self.json_ld(request)
        return context


class StoryProduct(Orderable):
    page = ParentalKey(CulturalStoryPage, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("商品"))
    panels = [FieldPanel("product")]


# --- county stories (shown on /counties/<slug>/) ---------------------------------
class CountyStory(TranslatableMixin, models.Model):
    """The CMS side of a county page: its story, sights and picture, per language."""

    county = models.ForeignKey("regions.County", on_delete=models.CASCADE, related_name="stories", verbose_name=_("县"))
    headline = models.CharField(_("标题"), max_length=120, blank=True)
    story = RichTextField(_("县域故事"), blank=True)
    sights = models.TextField(_("景点"), blank=True, help_text=_("每行一个"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("主图")
    )

    panels = [FieldPanel("county"), FieldPanel("headline"), FieldPanel("story"), FieldPanel("sights"), FieldPanel("hero_image")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("县域故事")
        verbose_name_plural = _("县域故事")
        constraints = [models.UniqueConstraint(fields=["county", "locale"], name="unique_county_story_per_locale")]

    def __str__(self) -> str:
        return self.headline or self.county.name

    @property
    def sight_list(self) -> list[str]:
        return [line.strip() for line in self.sights.splitlines() if line.strip()]


# --- bookings ----------------------------------------------------------------
class Departure(Localized, models.Model):
    """A dated departure of a route, sold in the shop as a product whose stock is its seats."""

    translated_fields = ("note",)

    route = models.ForeignKey(RoutePage, on_delete=models.CASCADE, related_name="departures", verbose_name=_("线路"))
    date = models.DateField(_("出发日期"))
    price = models.DecimalField(_("价格（元/人）"), max_digits=10, decimal_places=2)
    seats = models.PositiveIntegerField(_("名额"), default=20)
    note = models.CharField(_("说明"), max_length=120, blank=True)
    note_en = models.CharField(_("英文说明"), max_length=120, blank=True)
    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="departure",
        verbose_name=_("商品"),
    )

    panels = [FieldPanel("route"), FieldPanel("date"), FieldPanel("price"), FieldPanel("seats"), FieldPanel("note"), FieldPanel("note_en")]

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("团期")
        verbose_name_plural = _("团期")
        constraints = [models.UniqueConstraint(fields=["route", "date"], name="unique_departure_per_route_date")]

    def __str__(self) -> str:
        return f"{self.route.title} · {self.date:%Y-%m-%d}"

    @property
    def stockrecord(self):
        if self.product is None:
            return None
        records = list(self.product.stockrecords.all())
        return records[0] if records else None

    @property
    def seats_left(self) -> int:
        record = self.stockrecord
        return max(record.net_stock_level, 0) if record else 0

    @property
    def is_past(self) -> bool:
        return self.date < timezone.localdate()

    @property
    def is_bookable(self) -> bool:
        return not self.is_past and self.seats_left > 0


# --- group inquiries ------------------------------------------------------------
class InquiryFormField(AbstractFormField):
    page = ParentalKey("GroupInquiryPage", on_delete=models.CASCADE, related_name="form_fields")


class GroupInquiryPage(AbstractEmailForm):
    """团队定制咨询: submissions are kept in the admin and emailed to staff."""

    intro = RichTextField(_("导语"), blank=True)
    thank_you_text = RichTextField(_("提交后的感谢语"), blank=True)

    def get_submissions_list_view_class(self):
        from tourism.submissions import SafeSubmissionsListView  # Wagtail's admin views load after the models

        return SafeSubmissionsListView  # its CSV/Excel export neutralises formulas

    def serve(self, request, *args, **kwargs):
        # Each inquiry emails staff: one IP may not flood them (core.security.refuse_flood).
        return refuse_flood(request, "group-inquiry") or super().serve(request, *args, **kwargs)

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("表单字段")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("通知邮件"),
        ),
    ]
    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("团队咨询表单")
