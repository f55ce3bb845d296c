"""Stories: intangible-heritage craft stories with the products they tell of, and each county's story."""

from typing import Any

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.routing import RememberedViewRestrictions
from tourism.models.routes import CARD_RENDITION, chosen_products


class CulturalStoryIndexPage(RememberedViewRestrictions, Page):
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


class CulturalStoryPage(RememberedViewRestrictions, Page):
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

    def product_list(self) -> QuerySet:
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
