"""Read-only tourism queries used outside the Wagtail page tree (e.g. the county pages)."""

from django.db.models import Prefetch, Q, QuerySet
from wagtail.images import get_image_model
from wagtail.models import Locale

from regions.models import County
from tourism.models import CARD_RENDITION, CountyStory, RoutePage

STORY_RENDITION = "fill-1600x600|format-webp"


def routes_through_county(*, county: County, locale: Locale | None = None) -> QuerySet:
    """Live routes based in the county or with an itinerary stop in it, ready for route cards."""
    locale = locale or Locale.get_active()
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return (
        RoutePage.objects.live()
        .filter(locale=locale)
        .filter(Q(county=county) | Q(stop_counties__contains=f",{county.slug},"))
        .select_related("county__paired_district")
        .prefetch_related(Prefetch("hero_image", queryset=images))
        .order_by("path")
    )


def county_story(*, county: County, locale: Locale | None = None) -> CountyStory | None:
    """The county's story in the visitor's language, falling back to the default language."""
    locale = locale or Locale.get_active()
    images = get_image_model().objects.prefetch_renditions(STORY_RENDITION, "fill-1200x630|format-jpeg")
    stories = list(
        CountyStory.objects.filter(county=county)
        .select_related("locale")
        .prefetch_related(Prefetch("hero_image", queryset=images))
    )
    for story in stories:
        if story.locale_id == locale.pk:
            return story
    default = Locale.get_default()
    return next((story for story in stories if story.locale_id == default.pk), stories[0] if stories else None)
