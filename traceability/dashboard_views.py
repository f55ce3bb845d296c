"""Staff review of certificates in Oscar's dashboard: verify or reject each scanned original."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traceability.models import Certificate
from traceability.services import reject_certificate, verify_certificate


@staff_member_required(login_url="customer:login")
def certificate_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Certificate.Status.PENDING)
    certificates = Certificate.objects.select_related("cooperative", "verified_by").order_by("valid_until")
    if status in Certificate.Status.values:
        certificates = certificates.filter(status=status)
    context = {"certificates": certificates[:500], "status": status, "statuses": Certificate.Status.choices}
    return render(request, "traceability/dashboard/certificate_list.html", context)


@staff_member_required(login_url="customer:login")
@require_POST
def certificate_decide(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        if request.POST.get("decision") == "verify":
            verify_certificate(certificate=certificate, user=request.user)
            messages.success(request, _("已核验证书 %(number)s。") % {"number": certificate.number})
        else:
            reject_certificate(certificate=certificate, user=request.user)
            messages.success(request, _("已驳回证书 %(number)s。") % {"number": certificate.number})
    except ValidationError as error:
        messages.error(request, _("证书信息有误，不能核验：%(errors)s") % {"errors": "；".join(error.messages)})
    return redirect("traceability_dashboard:certificate_list")


dashboard_patterns = (
    [
        path("", certificate_list, name="certificate_list"),
        path("<int:pk>/decide/", certificate_decide, name="certificate_decide"),
    ],
    "traceability_dashboard",
)
