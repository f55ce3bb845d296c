"""A cooperative's own certificates and harvest batches, in its dashboard.

Every query starts from the partners the user belongs to, so another cooperative's
certificate or batch is simply not found (404) by id.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from core.private_files import serve
from traceability.forms import CertificateForm, HarvestBatchForm
from traceability.models import Certificate, HarvestBatch

Partner = get_model("partner", "Partner")


def _partner(request: HttpRequest):
    """The cooperative the user works for; staff use the admin and the review pages instead."""
    if not request.user.has_perm("partner.dashboard_access"):
        raise PermissionDenied
    partner = Partner.objects.filter(users=request.user).select_related("county").first()
    if partner is None:
        raise PermissionDenied
    return partner


@login_required
def certificate_list(request: HttpRequest) -> HttpResponse:
    partner = _partner(request)
    form = CertificateForm(request.POST or None, request.FILES or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("证书已提交，协作办核验后才会在商品上显示认证标识。"))
        return redirect("traceability_cooperative:certificate_list")
    certificates = Certificate.objects.filter(cooperative=partner).order_by("-valid_until")
    return render(request, "traceability/dashboard/my_certificates.html", {"certificates": certificates, "form": form})


@login_required
@require_POST
def certificate_delete(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request)
    certificate = get_object_or_404(Certificate, pk=pk, cooperative=partner, status=Certificate.Status.PENDING)
    certificate.delete()
    messages.success(request, _("已撤回待核验的证书。"))
    return redirect("traceability_cooperative:certificate_list")


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    partner = _partner(request)
    form = HarvestBatchForm(request.POST or None, request.FILES or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        batch = form.save()
        messages.success(request, _("已登记批次 %(code)s，可以打印溯源标签了。") % {"code": batch.code})
        return redirect("traceability_cooperative:batch_list")
    batches = HarvestBatch.objects.filter(cooperative=partner).select_related("product", "certificate").order_by("-harvest_date")
    return render(request, "traceability/dashboard/my_batches.html", {"batches": batches[:200], "form": form})


@login_required
def batch_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(request)
    batch = get_object_or_404(HarvestBatch, pk=pk, cooperative=partner)
    form = HarvestBatchForm(request.POST or None, request.FILES or None, instance=batch, partner=partner)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("批次 %(code)s 已更新。") % {"code": batch.code})
        return redirect("traceability_cooperative:batch_list")
    return render(request, "traceability/dashboard/batch_edit.html", {"batch": batch, "form": form})


@login_required
def certificate_document(request: HttpRequest, pk: int) -> HttpResponse:
    """A certificate's scan, from the private storage: for its cooperative and for staff; 404 for anyone else."""
    certificates = Certificate.objects.all() if request.user.is_staff else Certificate.objects.filter(cooperative__users=request.user)
    certificate = get_object_or_404(certificates, pk=pk)
    return serve(certificate.document, download_name=f"certificate-{certificate.pk}")


cooperative_patterns = (
    [
        path("certificates/<int:pk>/scan/", certificate_document, name="certificate_document"),
        path("certificates/", certificate_list, name="certificate_list"),
        path("certificates/<int:pk>/delete/", certificate_delete, name="certificate_delete"),
        path("batches/", batch_list, name="batch_list"),
        path("batches/<int:pk>/", batch_edit, name="batch_edit"),
    ],
    "traceability_cooperative",
)
