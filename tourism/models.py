"""Tourism routes promoted to Guangzhou visitors (百企千团十万广东人游贵州)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock


class TourismIndexPage(Page):
    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["tourism.RoutePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("线路首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["routes"] = (
            RoutePage.objects.child_of(self).live().select_related("county__paired_district", "hero_image").order_by("path")
        )
        return context


class RoutePage(Page):
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
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("线路介绍"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("county"), FieldPanel("duration_days"), FieldPanel("price_from"), FieldPanel("best_months")],
            heading=_("线路信息"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("旅游线路")
