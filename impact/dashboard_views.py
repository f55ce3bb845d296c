"""Staff screens beside the report: the category → 考核口径 mapping and budget units' progress."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from core.exports import Sheet, csv_response, xlsx_response
from impact.institutions import ranking
from impact.models import PRODUCT_KINDS, CategoryKind

Category = get_model("catalogue", "Category")
KIND_CHOICES = [("", gettext_lazy("沿用上级分类"))] + [(kind.value, kind.label) for kind in PRODUCT_KINDS]


class CategoryKindForm(forms.Form):
    """One select per category; blank means "as its parent" (and 农畜牧产品 at the top)."""

    def __init__(self, *args, categories, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        for category in categories:
            self.fields[f"c{category.pk}"] = forms.ChoiceField(
                label=category.full_name, choices=KIND_CHOICES, required=False, initial=current.get(category.pk, "")
            )

    def rows(self):
        return [(category, self[f"c{category.pk}"]) for category in self.categories]


@staff_member_required(login_url="customer:login")
def category_kinds(request: HttpRequest) -> HttpResponse:
    categories = list(Category.objects.order_by("path"))
    current = dict(CategoryKind.objects.values_list("category_id", "kind"))
    form = CategoryKindForm(request.POST or None, categories=categories, current=current)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for category in categories:
                kind = form.cleaned_data[f"c{category.pk}"]
                if kind:
                    CategoryKind.objects.update_or_create(category=category, defaults={"kind": kind})
                else:
                    CategoryKind.objects.filter(category=category).delete()
        messages.success(request, _("已保存分类考核口径。新订单按新口径记账，已下的订单不变。"))
        return redirect("impact_dashboard:kinds")
    return render(request, "impact/category_kinds.html", {"form": form})


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if 2017 <= year <= this_year + 1 else this_year


RANKING_HEADER = [
    gettext_lazy("排名"),
    gettext_lazy("单位名称"),
    gettext_lazy("所在区"),
    gettext_lazy("食堂食材采购预算（元）"),
    gettext_lazy("预留份额（%）"),
    gettext_lazy("预留目标（元）"),
    gettext_lazy("已采购（计入，元）"),
    gettext_lazy("差额（元）"),
    gettext_lazy("完成进度（%）"),
    gettext_lazy("其他采购（不计入，元）"),
]


def _ranking_rows(progress) -> list[list]:
    rows = []
    for position, item in enumerate(progress, start=1):
        budget = item.budget
        rows.append(
            [
                position,
                item.account.company_name,
                item.account.delivery_district.display_name if item.account.delivery_district_id else "",
                budget.canteen_food_budget if budget else "",
                budget.reserved_share_percent if budget else "",
                item.target,
                item.bought,
                item.gap,
                item.percent,
                item.other,
            ]
        )
    return rows


@staff_member_required(login_url="customer:login")
def institutions(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    progress = ranking(year=year)
    export = request.GET.get("export")
    if export:
        if export not in {"csv", "xlsx"}:
            raise Http404
        header = [str(label) for label in RANKING_HEADER]
        meta = [
            [_("报表"), _("预算单位食堂采购结对地区产品进度")],
            [_("年度"), year],
            [_("生成时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
            [_("口径"), _("计入：销售当日已认定的帮扶产品中的农畜牧产品，来自结对县，逐行扣除退款")],
            [],
            header,
        ]
        stem = f"institutions-{year}-{date.today():%Y%m%d}"
        rows = meta + _ranking_rows(progress)
        if export == "csv":
            return csv_response(stem, None, rows)
        return xlsx_response(stem, [Sheet(_("采购进度"), None, rows)])
    years = list(range(timezone.localdate().year + 1, 2019, -1))
    return render(request, "impact/institutions.html", {"progress": progress, "year": year, "years": years})
