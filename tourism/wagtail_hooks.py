"""Admin: county stories and departures are snippets; saving a departure keeps its shop product in step."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tourism.booking import sync_departure_product
from tourism.models import CountyStory, Departure


class CountyStoryViewSet(SnippetViewSet):
    model = CountyStory
    icon = "site"
    menu_label = _("县域故事")
    list_display = ["__str__", "county", "locale"]
    list_filter = ["locale"]
    search_fields = ["headline", "county__name"]


class DepartureViewSet(SnippetViewSet):
    model = Departure
    icon = "date"
    menu_label = _("团期")
    list_display = ["__str__", "date", "price", "seats"]


register_snippet(CountyStoryViewSet)
register_snippet(DepartureViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def sync_departure(request, instance) -> None:
    if isinstance(instance, Departure):
        sync_departure_product(instance)
