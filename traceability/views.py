"""Public trace pages: what a buyer sees after scanning the QR code on a box.

There is deliberately no list view: a batch is reachable only through its random code.
"""

import io

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

from traceability.labels import label_sheet
from traceability.models import HarvestBatch
from traceability.selectors import batch_for_trace_page, printable_batches


@never_cache  # every scan must reach the server to be counted
@require_safe
def batch_detail(request: HttpRequest, code: str) -> HttpResponse:
    if request.method == "GET":
        # F(): concurrent scans add up instead of overwriting each other; 0 rows means no such code.
        if not HarvestBatch.objects.filter(code=code).update(scan_count=F("scan_count") + 1):
            raise Http404
    batch = batch_for_trace_page(code=code)
    if batch is None:
        raise Http404
    certificate = batch.certificate
    context = {
        "batch": batch,
        "certificate": certificate,
        "certificate_in_force": certificate.is_in_force() if certificate else False,
        "today": timezone.localdate(),
    }
    return render(request, "traceability/batch_detail.html", context)


def _trace_url(request: HttpRequest, code: str) -> str:
    """The absolute trace URL in the default language: a printed label outlives the printer's language."""
    if not HarvestBatch.objects.filter(code=code).exists():
        raise Http404
    with translation.override(settings.LANGUAGE_CODE):
        path = HarvestBatch(code=code).get_absolute_url()
    return request.build_absolute_uri(path)


@require_GET
@cache_control(max_age=86400)  # a code never changes its target
def batch_qr_png(request: HttpRequest, code: str) -> HttpResponse:
    buffer = io.BytesIO()
    segno.make(_trace_url(request, code), error="m").save(buffer, kind="png", scale=8, border=4)
    return HttpResponse(buffer.getvalue(), content_type="image/png")


@require_GET
@cache_control(max_age=86400)
def batch_qr_svg(request: HttpRequest, code: str) -> HttpResponse:
    buffer = io.BytesIO()
    segno.make(_trace_url(request, code), error="m").save(buffer, kind="svg", scale=8, border=4, xmldecl=False)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@require_GET
@login_required
def batch_labels_pdf(request: HttpRequest) -> HttpResponse:
    """An A4 sheet of QR labels for the cooperative's own batches (staff: any cooperative's).

    `?batch=CODE&batch=CODE…` picks batches; without it, every batch the user may print.
    A cooperative asking for another cooperative's code simply does not get it.
    """
    batches = printable_batches(user=request.user)
    if batches is None:
        raise PermissionDenied
    codes = request.GET.getlist("batch")
    if codes:
        batches = batches.filter(code__in=codes)
    labels = []
    with translation.override(settings.LANGUAGE_CODE):
        for batch in batches.select_related("product", "county__prefecture")[:240]:
            labels.append(
                {
                    "url": request.build_absolute_uri(batch.get_absolute_url()),
                    "title": batch.product.get_title(),
                    "origin": f"{batch.county.prefecture.name}{batch.county.name} {batch.township_village}",
                    "date": f"采收 {batch.harvest_date:%Y-%m-%d}",
                    "code": batch.code,
                }
            )
    response = HttpResponse(label_sheet(labels), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="trace-labels.pdf"'
    return response
