from datetime import date

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from impact import selectors
from impact.exports import download
from regions.models import County, Prefecture

PUBLIC_CACHE_SECONDS = 600
TABLES = {
    "county": (_("按县"), selectors.by_county),
    "prefecture": (_("按市（州）"), selectors.by_prefecture),
    "poverty": (_("国定贫困县与其他县"), selectors.by_poverty),
    "cooperative": (_("按合作社"), selectors.by_cooperative),
    "channel": (_("按采购渠道"), selectors.by_channel),
    "month": (_("按月"), selectors.by_month),
    "district": (_("广州各区购买结对县情况"), selectors.district_support),
}


class ReportFilterForm(forms.Form):
    start = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    prefecture = forms.ChoiceField(label=_("市（州）"), required=False)
    county = forms.ChoiceField(label=_("县"), required=False)
    poverty_only = forms.BooleanField(label=_("只看国定贫困县"), required=False)
    channel = forms.ChoiceField(
        label=_("渠道"), required=False, choices=[("", _("全部")), ("consumer", _("个人消费者")), ("wholesale", _("批发采购"))]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].choices = [("", _("全部"))] + [(p.slug, p.name) for p in Prefecture.objects.all()]
        self.fields["county"].choices = [("", _("全部"))] + [(c.slug, c.name) for c in County.objects.all()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError(_("开始日期不能晚于结束日期。"))
        return cleaned

    def filters(self) -> selectors.ReportFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.ReportFilters(
            start=data.get("start"),
            end=data.get("end"),
            prefecture=data.get("prefecture", ""),
            county=data.get("county", ""),
            poverty_only=data.get("poverty_only", False),
            channel=data.get("channel", ""),
        )


@staff_member_required(login_url="customer:login")
def staff_report(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None)
    filters = form.filters()
    lines = selectors.sold_lines(filters)
    export = request.GET.get("export")
    if export:
        table = request.GET.get("table", "")
        if export not in {"csv", "xlsx"} or table not in TABLES:
            raise Http404
        return download(table, TABLES[table][1](lines), export, f"impact-{table}-{date.today():%Y%m%d}")
    tables = [(key, title, function(lines)) for key, (title, function) in TABLES.items()]
    context = {
        "form": form,
        "totals": selectors.totals(lines),
        "households": selectors.households_linked(filters),
        "tables": tables,
        "query": request.GET.urlencode(),
    }
    return render(request, "impact/staff_report.html", context)


def public_impact(request: HttpRequest) -> HttpResponse:
    """Public figures, computed at most every ten minutes so the page stays fast."""

    def compute() -> dict:
        lines = selectors.sold_lines()
        return {
            "totals": selectors.totals(lines),
            "households": selectors.households_linked(),
            "counties": selectors.by_county(lines),
            "districts": selectors.district_support(lines),
        }

    figures = cache.get_or_set(f"impact:public:{get_language()}", compute, PUBLIC_CACHE_SECONDS)
    return render(request, "impact/public.html", figures)
