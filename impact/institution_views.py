"""Budget units (机关、学校、医院食堂): their yearly canteen budget, reserved share and purchases to file.
Mounted in the wholesale namespace (/wholesale/budget/, marketplace/urls.py); impact stands above wholesale.

The progress figures themselves are impact figures (``impact.institutions``): net of refunds,
counting only certified 农畜牧产品 from the paired counties.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import Sheet, csv_response, xlsx_response
from core.money import parse_money
from impact.institutions import institution_progress, purchases
from wholesale.models import DEFAULT_RESERVED_SHARE, BusinessAccount, InstitutionBudget


def institution_required(view):
    """Only an approved budget unit's account; others are sent to the wholesale home with the reason."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        account = BusinessAccount.objects.filter(
            user=request.user, status=BusinessAccount.Status.APPROVED, buyer_type=BusinessAccount.BuyerType.INSTITUTION
        ).first()
        if account is None:
            messages.warning(request, _("食堂采购预算仅对已通过审核的预算单位（机关、学校、医院食堂）开放。"))
            return redirect("wholesale:landing")
        return view(request, account, *args, **kwargs)

    return wrapper


def budget_years() -> list[int]:
    this_year = timezone.localdate().year
    return [this_year - 1, this_year, this_year + 1]


class InstitutionBudgetForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("年度"), coerce=int)
    canteen_food_budget = forms.CharField(
        label=gettext_lazy("食堂食材采购预算（元）"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=gettext_lazy("本年度食堂食材采购的全部预算，例如 1000000"),
    )
    reserved_share_percent = forms.DecimalField(
        label=gettext_lazy("预留份额（%）"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        initial=DEFAULT_RESERVED_SHARE,
        help_text=gettext_lazy("用于采购结对地区农副产品的比例；广东省自 2025 年起不低于 30%"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in budget_years()]

    def clean_canteen_food_budget(self):
        return parse_money(self.cleaned_data["canteen_food_budget"], maximum=InstitutionBudget.MAX_BUDGET)


@institution_required
def budget(request: HttpRequest, account: BusinessAccount) -> HttpResponse:
    this_year = timezone.localdate().year
    try:
        year = int(request.POST.get("year") or request.GET.get("year") or this_year)
    except ValueError:
        year = this_year
    if year not in budget_years():
        year = this_year
    current = account.budgets.filter(year=year).first()
    initial = {"year": year}
    if current:
        initial.update(canteen_food_budget=current.canteen_food_budget, reserved_share_percent=current.reserved_share_percent)
    form = InstitutionBudgetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        InstitutionBudget.objects.update_or_create(
            account=account,
            year=form.cleaned_data["year"],
            defaults={
                "canteen_food_budget": form.cleaned_data["canteen_food_budget"],
                "reserved_share_percent": form.cleaned_data["reserved_share_percent"],
            },
        )
        messages.success(request, _("已保存 %(year)s 年的食堂采购预算。") % {"year": form.cleaned_data["year"]})
        return redirect("wholesale:landing")
    context = {"form": form, "account": account, "year": year, "progress": institution_progress(account, year=year)}
    return render(request, "wholesale/institution_budget.html", context)


PURCHASE_HEADER = [
    gettext_lazy("下单时间"),
    gettext_lazy("订单号"),
    gettext_lazy("商品"),
    gettext_lazy("832平台商品编码"),
    gettext_lazy("产地县"),
    gettext_lazy("合作社"),
    gettext_lazy("帮扶产品认定编号"),
    gettext_lazy("计入预留份额"),
    gettext_lazy("数量（扣除退货）"),
    gettext_lazy("金额（元，扣除退款）"),
]


@institution_required
def purchases_export(request: HttpRequest, account: BusinessAccount, fmt: str) -> HttpResponse:
    """This year's purchases line by line with their 832平台 codes, for the unit's own filing."""
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    yes, no = _("是"), _("否")
    rows = [
        [
            timezone.localtime(item.placed_at).strftime("%Y-%m-%d %H:%M"),
            item.order_number,
            item.title,
            item.code_832,
            item.county,
            item.cooperative,
            item.certificate,
            yes if item.counts else no,
            item.units,
            item.money,
        ]
        for item in purchases(account, year=year)
    ]
    meta = [
        [_("单位"), account.company_name],
        [_("年度"), year],
        [_("生成时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
        [],
        [str(label) for label in PURCHASE_HEADER],
    ]
    stem = f"purchases-{year}"
    if fmt == "csv":
        return csv_response(stem, None, meta + rows)
    return xlsx_response(stem, [Sheet(_("采购明细"), None, meta + rows)])


# Mounted into the wholesale namespace by marketplace/urls.py: /wholesale/budget/…
buyer_patterns = [
    path("budget/", budget, name="budget"),
    path("budget/purchases.<str:fmt>", purchases_export, name="budget_purchases"),
]
