"""Forms: the visitors' route filter and the editors' route page form."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from tourism.choices import DURATION_FILTERS, Duration, Season, Theme, join_seasons, season_filter, split_seasons


class RouteFilterForm(forms.Form):
    """GET filters of the route index; every field optional, invalid values are ignored."""

    county = forms.ChoiceField(label=_("县"), required=False)
    theme = forms.ChoiceField(label=_("主题"), required=False, choices=[("", _("全部主题")), *Theme.choices])
    season = forms.ChoiceField(label=_("季节"), required=False, choices=[("", _("全部季节")), *Season.choices])
    days = forms.ChoiceField(label=_("天数"), required=False, choices=[("", _("不限天数")), *Duration.choices])

    def __init__(self, *args, counties=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("全部县")), *((county.slug, county.display_short_name) for county in counties)]

    def filter(self, routes: QuerySet) -> QuerySet:
        if not self.is_bound:
            return routes
        self.is_valid()  # fills cleaned_data with the valid fields only
        data = self.cleaned_data
        if data.get("county"):
            routes = routes.filter(county__slug=data["county"])
        if data.get("theme"):
            routes = routes.filter(theme=data["theme"])
        if data.get("season"):
            routes = routes.filter(season_filter(data["season"]))
        if data.get("days"):
            routes = routes.filter(DURATION_FILTERS[data["days"]])
        return routes

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields) if hasattr(self, "cleaned_data") else False


class RoutePageForm(WagtailAdminPageForm):
    """Seasons are ticked as checkboxes and stored as a comma list ('spring,autumn')."""

    seasons = forms.MultipleChoiceField(
        label=_("适合季节"), choices=Season.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        initial = self.initial.get("seasons")
        if initial is None or isinstance(initial, str):
            self.initial["seasons"] = split_seasons(initial)

    def clean_seasons(self) -> str:
        return join_seasons(self.cleaned_data.get("seasons") or [])
