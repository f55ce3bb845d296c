"""Events: festivals and markets in the paired counties, listed by date."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.routing import RememberedViewRestrictions
from tourism.models.routes import CARD_RENDITION


class EventIndexPage(RememberedViewRestrictions, Page):
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
        events = EventPage.objects.child_of(self).live().select_related("county").prefetch_related(Prefetch("hero_image", queryset=images))
        today = timezone.localdate()
        upcoming = models.Q(end_date__gte=today) | models.Q(end_date__isnull=True, start_date__gte=today)
        context["upcoming_events"] = list(events.filter(upcoming).order_by("start_date"))
        context["past_events"] = list(events.exclude(pk__in=[event.pk for event in context["upcoming_events"]]).order_by("-start_date"))
        return context


class EventPage(RememberedViewRestrictions, Page):
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
