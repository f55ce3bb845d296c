"""Review screens: the buyer writes one; the cooperative replies; staff hide. Rules in productreviews.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit
from oscar.core.loading import get_model

from productreviews import services
from productreviews.forms import HideForm, ReplyForm, ReviewForm

Product = get_model("catalogue", "Product")

BUYER_RATE = "10/h"
SELLER_RATE = "120/h"


@login_required
@ratelimit(key="user", rate=BUYER_RATE, method="POST", block=False)
def write(request: HttpRequest, product_pk: int) -> HttpResponse:
    product = get_object_or_404(Product.objects.browsable(), pk=product_pk)
    lines = services.reviewable_lines(request.user, product)
    form = ReviewForm(request.POST or None, request.FILES or None)
    status = 200 if lines else 403
    if request.method == "POST":
        if getattr(request, "limited", False):
            form.add_error(None, _("操作太频繁，请稍后再试。"))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                review = services.post_review(
                    user=request.user, product=product, rating=data["rating"], body=data["body"], photos=data["photos"]
                )
            except services.ReviewError as error:
                form.add_error(None, str(error))
                status = 403 if not lines else 400
            else:
                messages.success(request, _("感谢评价！您的评价已显示在商品页。"))
                return redirect(f"{product.get_absolute_url()}#review-{review.pk}")
        else:
            status = 400 if lines else 403
    return render(request, "productreviews/write.html", {"product": product, "form": form, "eligible": bool(lines)}, status=status)


def _may_use_seller_centre(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.has_perm("partner.dashboard_access"))


def seller_required(view):
    @login_required
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not _may_use_seller_centre(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


@seller_required
def seller_list(request: HttpRequest) -> HttpResponse:
    reviews = services.reviews_for_seller(request.user).order_by("-created_at", "-pk")
    current = request.GET.get("filter", "all")
    if current == "unanswered":
        reviews = reviews.filter(reply="")
    elif current == "hidden":
        reviews = reviews.filter(status="hidden")
    page = Paginator(reviews, 30).get_page(request.GET.get("page"))
    context = {"page": page, "reviews": page.object_list, "current": current, "reply_form": ReplyForm(), "hide_form": HideForm()}
    return render(request, "productreviews/seller/review_list.html", context)


def _act(request: HttpRequest, pk: int, action) -> HttpResponse:
    review = get_object_or_404(services.reviews_for_seller(request.user), pk=pk)
    if getattr(request, "limited", False):
        messages.error(request, _("操作太频繁，请稍后再试。"))
    else:
        try:
            message = action(review)
        except services.ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, message)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("productreviews_seller:list")


@seller_required
@require_POST
@ratelimit(key="user", rate=SELLER_RATE, method="POST", block=False)
def seller_reply(request: HttpRequest, pk: int) -> HttpResponse:
    def action(review):
        form = ReplyForm(request.POST)
        if not form.is_valid():
            raise services.ReviewError(_("回复内容不能为空，最多 1000 字。"))
        services.reply(review=review, actor=request.user, text=form.cleaned_data["text"])
        return _("回复已公开显示在商品页。")

    return _act(request, pk, action)


@seller_required
@require_POST
def staff_hide(request: HttpRequest, pk: int) -> HttpResponse:
    def action(review):
        form = HideForm(request.POST)
        if not form.is_valid():
            raise services.ReviewError(_("隐藏评价时请填写原因。"))
        services.hide(review=review, actor=request.user, reason=form.cleaned_data["reason"])
        return _("评价已隐藏。")

    return _act(request, pk, action)


@seller_required
@require_POST
def staff_restore(request: HttpRequest, pk: int) -> HttpResponse:
    def action(review):
        services.restore(review=review, actor=request.user)
        return _("评价已恢复显示。")

    return _act(request, pk, action)
