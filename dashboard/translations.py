"""Staff report: which catalogue texts lack English (/dashboard/translations/).

The same rows as `manage.py untranslated` (core.i18n), with a link to each object's editor.
Two COUNT queries per translated model plus one page of rows for the chosen model.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse

from core import i18n

PAGE_SIZE = 50

# Where staff edit each model; anything else opens in the Django admin.
EDITORS = {
    "catalogue.product": ("dashboard:catalogue-product", "pk"),
    "catalogue.category": ("dashboard:catalogue-category-update", "pk"),
    "partner.partner": ("dashboard:partner-manage", "pk"),
}


def edit_url(obj) -> str:
    label = obj._meta.label_lower
    if label in EDITORS:
        name, kwarg = EDITORS[label]
        return reverse(name, kwargs={kwarg: obj.pk})
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


@staff_member_required(login_url="customer:login")
def untranslated_report(request: HttpRequest) -> HttpResponse:
    models = {model._meta.label_lower: model for model in i18n.translated_models()}
    summary = [
        {"label": label, "name": model._meta.verbose_name, "missing": missing, "total": total}
        for (model, missing, total), label in ((row, row[0]._meta.label_lower) for row in i18n.untranslated_counts())
    ]
    chosen = request.GET.get("model") or next((row["label"] for row in summary if row["missing"]), "")
    rows = []
    if chosen:
        if chosen not in models:
            raise Http404
        for obj in i18n.untranslated(models[chosen])[:PAGE_SIZE]:
            fields = [str(obj._meta.get_field(field).verbose_name) for field in obj.missing_english()]
            rows.append({"obj": obj, "fields": fields, "edit_url": edit_url(obj)})
    context = {"summary": summary, "chosen": chosen, "rows": rows, "page_size": PAGE_SIZE}
    return render(request, "dashboard/translations.html", context)


dashboard_patterns = ([path("", untranslated_report, name="untranslated")], "translations_dashboard")
