"""Claim screens: the buyer's (file, follow, add photos) and the cooperative's / staff's (answer).

Thin views: the rules are in aftersales.services. Every object is fetched through a queryset
limited to the person asking (the buyer's own lines and claims; a cooperative's own partners'
claims), so anyone else's id is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit
from oscar.core.loading import get_model

from aftersales import services
from aftersales.forms import AddPhotosForm, ApproveForm, ClaimForm, DeclineForm, MorePhotosForm
from aftersales.models import Claim, ClaimPhoto

Line = get_model("order", "Line")

#: Claims and photo uploads per account; generous for a real buyer, a wall for a script.
BUYER_RATE = "20/h"
SELLER_RATE = "120/h"


def _limited(request: HttpRequest) -> bool:
    if getattr(request, "limited", False):
        messages.error(request, _("操作太频繁，请稍后再试。"))
        return True
    return False


# --- buyer ---------------------------------------------------------------------------
@login_required
@ratelimit(key="user", rate=BUYER_RATE, method="POST", block=False)
def claim_create(request: HttpRequest, line_id: int) -> HttpResponse:
    line = get_object_or_404(Line.objects.select_related("order", "product"), pk=line_id, order__user=request.user)
    window = services.claim_window(line)
    available = services.claimable_quantity(line)
    active = line.claims.filter(status__in=Claim.ACTIVE).first()
    form = ClaimForm(request.POST or None, request.FILES or None, max_quantity=max(available, 1))
    status = 200
    if request.method == "POST" and not _limited(request):
        if form.is_valid():
            data = form.cleaned_data
            try:
                claim = services.file_claim(
                    line=line,
                    user=request.user,
                    reason=data["reason"],
                    quantity=data["quantity"],
                    note=data["note"],
                    photos=data["photos"],
                    language=request.LANGUAGE_CODE,
                )
            except services.ClaimError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("售后申请已提交，合作社将在 48 小时内处理。"))
                return redirect(claim)
        status = 400
    elif request.method == "POST":
        status = 429
    context = {
        "line": line,
        "order": line.order,
        "form": form,
        "window": window,
        "window_open": window.is_open(timezone.now()),
        "available": available,
        "active_claim": active,
    }
    return render(request, "aftersales/claim_form.html", context, status=status)


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(services.claims_for_buyer(request.user).select_related("order", "line", "refund"), pk=pk)
    return render(request, "aftersales/claim_detail.html", {"claim": claim, "add_form": AddPhotosForm(), "viewer": "buyer"})


@login_required
@require_POST
@ratelimit(key="user", rate=BUYER_RATE, method="POST", block=False)
def claim_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(services.claims_for_buyer(request.user), pk=pk)
    if _limited(request):
        return redirect(claim)
    form = AddPhotosForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_photos(claim=claim, user=request.user, photos=form.cleaned_data["photos"], note=form.cleaned_data["note"])
        except services.ClaimError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已补充，合作社会尽快处理。"))
            return redirect(claim)
    context = {"claim": claim, "add_form": form, "viewer": "buyer"}
    return render(request, "aftersales/claim_detail.html", context, status=400)


@login_required
def claim_photo(request: HttpRequest, pk: int) -> FileResponse:
    """A claim photo, for the buyer who took it, the line's cooperative and staff only."""
    photo = get_object_or_404(ClaimPhoto.objects.select_related("claim"), pk=pk)
    claim = photo.claim
    is_buyer = claim.user_id == request.user.pk
    is_seller = _may_use_seller_centre(request.user) and services.claims_for_seller(request.user).filter(pk=claim.pk).exists()
    if not (is_buyer or is_seller):
        raise Http404
    try:
        handle = photo.image.open("rb")
    except OSError:  # the file is gone from storage: a missing photo, not a server error
        raise Http404 from None
    response = FileResponse(handle)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- cooperative and staff --------------------------------------------------------------
def _may_use_seller_centre(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.has_perm("partner.dashboard_access"))


def seller_required(view):
    """Staff, or a cooperative user (Oscar's partner.dashboard_access); others are sent to log in."""

    @login_required
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not _may_use_seller_centre(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


STATUS_FILTERS = ("active", *Claim.Status.values, "all")


@seller_required
def seller_claim_list(request: HttpRequest) -> HttpResponse:
    claims = services.claims_for_seller(request.user).select_related("refund")
    current = request.GET.get("status", "active")
    if current not in STATUS_FILTERS:
        current = "active"
    if current == "active":
        claims = claims.filter(status__in=Claim.ACTIVE)
    elif current != "all":
        claims = claims.filter(status=current)
    claims = claims.order_by("response_due_at" if current == "active" else "-created_at", "pk")
    filters = [("active", _("待处理")), *Claim.Status.choices, ("all", _("全部"))]
    context = {"claims": claims[:200], "filters": filters, "current": current, "now": timezone.now()}
    return render(request, "aftersales/seller/claim_list.html", context)


def _seller_claim(request: HttpRequest, pk: int) -> Claim:
    return get_object_or_404(
        services.claims_for_seller(request.user).select_related("refund").prefetch_related("photos", "events"), pk=pk
    )


def _seller_detail(request: HttpRequest, claim: Claim, *, status: int = 200, **forms) -> HttpResponse:
    full = services.full_refund_for(claim)
    context = {
        "claim": claim,
        "full_refund": full,
        "approve_form": forms.get("approve_form") or ApproveForm(initial={"amount": f"{full:.2f}"}),
        "more_photos_form": forms.get("more_photos_form") or MorePhotosForm(),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "can_decide": claim.is_active and (request.user.is_staff or claim.status != Claim.Status.ESCALATED),
        "viewer": "staff" if request.user.is_staff else "cooperative",
    }
    return render(request, "aftersales/seller/claim_detail.html", context, status=status)


@seller_required
def seller_claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _seller_detail(request, _seller_claim(request, pk))


def _decide(request: HttpRequest, pk: int, form_class, form_name: str, action, success: str) -> HttpResponse:
    claim = _seller_claim(request, pk)
    if _limited(request):
        return redirect("aftersales_seller:claim-detail", pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(claim, form.cleaned_data)
        except services.ClaimError as error:
            messages.error(request, str(error))
            return redirect("aftersales_seller:claim-detail", pk=pk)
        messages.success(request, success)
        return redirect("aftersales_seller:claim-detail", pk=pk)
    return _seller_detail(request, claim, status=400, **{form_name: form})


@seller_required
@require_POST
@ratelimit(key="user", rate=SELLER_RATE, method="POST", block=False)
def seller_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def action(claim, data):
        services.approve(
            claim=claim, actor=request.user, amount=data["amount"], goods_returned=data["goods_returned"], note=data["note"]
        )

    return _decide(request, pk, ApproveForm, "approve_form", action, _("已同意退款，款项将原路退回买家。"))


@seller_required
@require_POST
@ratelimit(key="user", rate=SELLER_RATE, method="POST", block=False)
def seller_more_photos(request: HttpRequest, pk: int) -> HttpResponse:
    def action(claim, data):
        services.request_more_photos(claim=claim, actor=request.user, message=data["message"])

    return _decide(request, pk, MorePhotosForm, "more_photos_form", action, _("已请买家补充照片。"))


@seller_required
@require_POST
@ratelimit(key="user", rate=SELLER_RATE, method="POST", block=False)
def seller_decline(request: HttpRequest, pk: int) -> HttpResponse:
    def action(claim, data):
        services.decline(claim=claim, actor=request.user, reason=data["reason"])

    return _decide(request, pk, DeclineForm, "decline_form", action, _("已拒绝该申请，原因已告知买家。"))
