"""Editable site pages: the home page and plain content pages."""

from django.db import models
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from oscar.core.loading import get_model
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.routing import RememberedViewRestrictions, cached_route
from core.fragments import remembered
from regions.models import County, District

HOME_PRODUCT_COUNT = 8
HOME_ROUTE_COUNT = 3
HOME_COUNTY_COUNT = 6


class HomePage(RememberedViewRestrictions, Page):
    hero_title = models.CharField(_("主标题"), max_length=80)
    hero_subtitle = models.CharField(_("副标题"), max_length=200, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("主图")
    )
    hero_cta_text = models.CharField(_("按钮文字"), max_length=40, blank=True)
    hero_cta_url = models.CharField(_("按钮链接"), max_length=200, blank=True)
    pairing_title = models.CharField(_("结对帮扶标题"), max_length=80, blank=True)
    pairing_story = RichTextField(_("结对帮扶故事"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("更多内容"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_subtitle"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_text"),
                FieldPanel("hero_cta_url"),
            ],
            heading=_("首屏"),
        ),
        InlinePanel("featured_products", label=_("推荐农产品"), help_text=_("不选则显示最新上架的商品")),
        InlinePanel("featured_routes", label=_("推荐线路"), help_text=_("不选则显示最新线路")),
        InlinePanel("featured_counties", label=_("推荐县域"), help_text=_("不选则显示国定贫困县")),
        MultiFieldPanel([FieldPanel("pairing_title"), FieldPanel("pairing_story")], heading=_("结对帮扶")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_subtitle"), index.SearchField("pairing_story")]

    max_count_per_parent = 1
    subpage_types = ["cms.StandardPage", "tourism.TourismIndexPage", "tourism.EventIndexPage", "tourism.CulturalStoryIndexPage"]

    class Meta:
        verbose_name = _("首页")

    @property
    def localized(self) -> "HomePage":
        # Wagtail routes every request from the root page's translation in the active language.
        # In its own language the page is itself, as in Wagtail: a draft being previewed stays the
        # draft, and a draft remembered by the first call of a version is never handed to anyone else.
        language = translation.get_language()
        translated = remembered("localized-home", (self.pk, language), lambda: super(HomePage, self).localized.specific)
        return self if translated.pk == self.pk else translated

    def route(self, request, path_components):
        # Below the home page, the walk down the tree is remembered per site version (cms.routing).
        if not path_components:
            return super().route(request, path_components)
        return cached_route(self, request, path_components, super().route)

    def featured_product_list(self) -> QuerySet:
        """The products chosen in the admin (in their order), else the newest: a queryset for product cards."""
        from tourism.models import chosen_products

        links = list(self.featured_products.all())
        if links:
            return chosen_products(links)
        from catalogue.selectors import with_card_data

        Product = get_model("catalogue", "Product")
        return with_card_data(Product.objects.browsable()).order_by("-date_created")[:HOME_PRODUCT_COUNT]

    def featured_product_ids(self):
        """The ids of featured_product_list, remembered per site version."""
        from catalogue.cards import CardIds  # the shop's modules load after ours

        return remembered("home-products", (self.pk,), lambda: CardIds(self.featured_product_list().values_list("pk", flat=True)))

    def featured_route_list(self) -> list:
        from tourism.models import RoutePage

        chosen = [item.route_id for item in self.featured_routes.all()]
        routes = RoutePage.objects.live().filter(locale=self.locale).select_related("county", "hero_image")
        if chosen:
            by_id = {route.pk: route for route in routes.filter(pk__in=chosen)}
            return [by_id[pk] for pk in chosen if pk in by_id]
        return list(routes.order_by("-first_published_at")[:HOME_ROUTE_COUNT])

    def featured_county_list(self) -> list:
        chosen = [item.county_id for item in self.featured_counties.all()]
        counties = County.objects.select_related("prefecture", "paired_district")
        if chosen:
            by_id = {county.pk: county for county in counties.filter(pk__in=chosen)}
            return [by_id[pk] for pk in chosen if pk in by_id]
        return list(counties.filter(is_national_poverty_county=True)[:HOME_COUNTY_COUNT])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A preview shows the draft's choice, never remembered for visitors.
        preview = getattr(request, "is_preview", False)
        context["featured_products"] = self.featured_product_list() if preview else self.featured_product_ids()
        # Called by the template when shown: routes, counties and the pairing table sit in a shared fragment.
        context["featured_routes"] = self.featured_route_list
        context["featured_counties"] = self.featured_county_list
        context["pairing_districts"] = District.objects.filter(paired_counties__isnull=False).distinct().prefetch_related("paired_counties")
        return context


class HomeFeaturedProduct(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_products")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("商品"))
    panels = [FieldPanel("product")]


class HomeFeaturedRoute(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_routes")
    route = models.ForeignKey("tourism.RoutePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("线路"))
    panels = [PageChooserPanel("route")]


class HomeFeaturedCounty(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_counties")
    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="+", verbose_name=_("县"))
    panels = [FieldPanel("county")]


class StandardPage(RememberedViewRestrictions, Page):
    intro = models.TextField(_("导语"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("普通页面")
