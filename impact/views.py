"""The assessment report for staff (with exports) and the public /impact/ page. Views stay thin."""

from datetime import date

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from impact import charts, selectors
from impact.exports import report_csv, report_xlsx
from impact.models import PRODUCT_KINDS, Channel
from regions.models import County, Prefecture

PUBLIC_CACHE_SECONDS = 600


class ReportFilterForm(forms.Form):
    start = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    prefecture = forms.ChoiceField(label=_("市（州）"), required=False)
    county = forms.ChoiceField(label=_("县"), required=False)
    poverty_only = forms.BooleanField(label=_("只看国定贫困县"), required=False)
    channel = forms.ChoiceField(label=_("渠道"), required=False)
    kind = forms.ChoiceField(label=_("考核口径"), required=False)
    certified_only = forms.BooleanField(label=_("只看认定帮扶产品"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["prefecture"].choices = everything + [(p.slug, p.name) for p in Prefecture.objects.all()]
        self.fields["county"].choices = everything + [(c.slug, c.name) for c in County.objects.all()]
        self.fields["channel"].choices = everything + list(Channel.choices)
        self.fields["kind"].choices = everything + [(kind.value, kind.label) for kind in PRODUCT_KINDS]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError(_("开始日期不能晚于结束日期。"))
        return cleaned

    def filters(self) -> selectors.ReportFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return selectors.ReportFilters(
            start=data.get("start"),
            end=data.get("end"),
            prefecture=data.get("prefecture", ""),
            county=data.get("county", ""),
            poverty_only=data.get("poverty_only", False),
            channel=data.get("channel", ""),
            kind=data.get("kind", ""),
            certified_only=data.get("certified_only", False),
        )

    def described_filters(self) -> str:
        """The filters in words, printed on every exported sheet."""
        if not (self.is_bound and self.is_valid()):
            return str(_("无"))
        parts = []
        for name in ("prefecture", "county", "channel", "kind"):
            value = self.cleaned_data.get(name)
            if value:
                parts.append(f"{self.fields[name].label}：{dict(self.fields[name].choices)[value]}")
        for name in ("poverty_only", "certified_only"):
            if self.cleaned_data.get(name):
                parts.append(str(self.fields[name].label))
        return "；".join(parts) or str(_("无"))


def describe_period(filters: selectors.ReportFilters) -> str:
    start = filters.start.isoformat() if filters.start else str(_("最早"))
    end = filters.end.isoformat() if filters.end else str(_("至今"))
    return f"{start} — {end}"


@staff_member_required(login_url="customer:login")
def staff_report(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None)
    filters = form.filters()
    export = request.GET.get("export")
    if export:
        table = request.GET.get("table", "")
        if export not in {"csv", "xlsx"} or (table and table not in selectors.TABLE_KEYS) or (export == "csv" and not table):
            raise Http404
        tables = selectors.report(filters, only=table)
        meta = {"period": describe_period(filters), "filters": form.described_filters(), "generated": timezone.localtime()}
        stem = f"impact-{table or 'report'}-{date.today():%Y%m%d}"
        return report_csv(stem, tables[0], meta) if export == "csv" else report_xlsx(stem, tables, meta)
    context = {
        "form": form,
        "tables": selectors.report(filters),
        "period": describe_period(filters),
        "query": request.GET.urlencode(),
    }
    return render(request, "impact/staff_report.html", context)


def public_year(request: HttpRequest) -> int:
    """The calendar year the public page shows (?year=2025), this year by default."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if 2017 <= year <= this_year else this_year


def public_figures(year: int) -> dict:
    """The public page's figures for a year: the same selectors, and so the same numbers, as the staff report."""
    filters = selectors.ReportFilters(start=date(year, 1, 1), end=date(year, 12, 31))
    lines = selectors.LedgerFigures(selectors.ledger(filters))  # the tables below share its queries
    lines.want(*selectors.TABLE_TOTALS["summary"], *selectors.TABLE_TOTALS["kind"])
    summary = selectors.summary_table(lines, selectors.ledger(filters, kinds=[]))
    counties = selectors.county_table(lines)
    districts = selectors.district_table(lines)
    months = selectors.monthly_money(lines)
    return {
        "year": year,
        "summary": {row.key: row.values for row in summary.rows},
        "month_chart": charts.month_bars(year, months),
        "county_map": charts.county_map(counties),
        "district_chart": charts.district_bars(districts),
        "kinds": selectors.kind_table(lines),
    }


def public_impact(request: HttpRequest) -> HttpResponse:
    """Public figures per year, computed at most every ten minutes so the page stays fast."""
    year = public_year(request)
    figures = cache.get_or_set(f"impact:public:{get_language()}:{year}", lambda: public_figures(year), PUBLIC_CACHE_SECONDS)
    years = list(range(timezone.localdate().year, 2019, -1))
    return render(request, "impact/public.html", {**figures, "years": years})
