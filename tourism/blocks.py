"""StreamField blocks for tourism routes: a day-by-day itinerary of stops (cms.blocks stays the base)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

_county_choices: dict[str, list[tuple[str, str]]] = {}


def county_choices() -> list[tuple[str, str]]:
    """The counties a stop can be in, by slug (evaluated when the block is used, not at import).

    Wagtail asks for them every time a route's itinerary is read (four times per route page):
    kept per site version, which changes whenever a county is saved.
    """
    from core.site_version import site_version
    from regions.models import County

    version = site_version()
    if version not in _county_choices or not version:
        _county_choices.clear()
        _county_choices[version] = [(county.slug, county.name) for county in County.objects.only("slug", "name")]
    return _county_choices[version]


class StopBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("地点"), max_length=120)
    county = blocks.ChoiceBlock(choices=county_choices, label=_("所在县"), required=False)
    latitude = blocks.DecimalBlock(
        label=_("纬度"), required=False, max_digits=9, decimal_places=6, min_value=Decimal("-90"), max_value=Decimal("90")
    )
    longitude = blocks.DecimalBlock(
        label=_("经度"), required=False, max_digits=9, decimal_places=6, min_value=Decimal("-180"), max_value=Decimal("180")
    )
    note = blocks.TextBlock(label=_("说明"), required=False)

    class Meta:
        icon = "site"
        label = _("站点")


class DayBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("标题"), max_length=120)
    description = blocks.RichTextBlock(label=_("行程说明"), required=False, features=["bold", "italic", "link", "ol", "ul"])
    stops = blocks.ListBlock(StopBlock(), label=_("站点（按顺序）"))

    class Meta:
        icon = "date"
        label = _("一天")


class ItineraryBlock(blocks.StreamBlock):
    day = DayBlock()
