from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.security import rate_limited
from wholesale import invoicing, quotes, services
from wholesale.forms import ApproveAccountForm, BusinessAccountForm, QuickOrderForm, QuoteAnswerForm, RejectAccountForm
from wholesale.models import BusinessAccount, Invoice, QuoteRequest
from wholesale.quick_order import add_to_basket, check_rows, rows_from_text, rows_from_upload


def _account(user) -> BusinessAccount | None:
    return BusinessAccount.objects.filter(user=user).first() if user.is_authenticated else None


def landing(request: HttpRequest) -> HttpResponse:
    # A budget unit's procurement progress is impact's ({% institution_progress account %} in the template).
    return render(request, "wholesale/landing.html", {"account": _account(request.user)})


@login_required
@rate_limited("wholesale-application")
def apply(request: HttpRequest) -> HttpResponse:
    account = _account(request.user)
    if account and account.status != BusinessAccount.Status.REJECTED:
        messages.info(request, _("您已提交过企业账户申请。"))
        return redirect("wholesale:landing")
    form = BusinessAccountForm(request.POST or None, request.FILES or None, instance=account)
    if request.method == "POST" and form.is_valid():
        account = form.save(commit=False)
        account.user = request.user
        account.status = BusinessAccount.Status.PENDING
        account.save()
        messages.success(request, _("申请已提交，协作办工作人员审核后会邮件通知您。"))
        return redirect("wholesale:landing")
    return render(request, "wholesale/apply.html", {"form": form})


@login_required
def quick_order(request: HttpRequest) -> HttpResponse:
    account = _account(request.user)
    if not (account and account.is_approved):
        messages.warning(request, _("快速下单仅对已通过审核的企业采购账户开放。"))
        return redirect("wholesale:landing")
    form = QuickOrderForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            raw_rows = (
                rows_from_upload(form.cleaned_data["upload"])
                if form.cleaned_data.get("upload")
                else rows_from_text(form.cleaned_data["rows"])
            )
        except ValueError as error:
            form.add_error("upload", str(error))
        else:
            result = check_rows(raw_rows, strategy=request.strategy, basket=request.basket)
            if result.is_valid:
                with transaction.atomic():
                    if not request.basket.id:
                        request.basket.save()
                    added = add_to_basket(result, request.basket)
                messages.success(request, _("已将 %(count)s 种商品加入购物车。") % {"count": added})
                return redirect("basket:summary")
            messages.error(request, result.error or _("有的行有问题，所有商品都没有加入购物车。请修改后重试。"))
    return render(request, "wholesale/quick_order.html", {"form": form, "result": result, "account": account})


@staff_member_required(login_url="customer:login")
def review_list(request: HttpRequest) -> HttpResponse:
    accounts = BusinessAccount.objects.select_related("user", "delivery_district").order_by("status", "-created_at")
    return render(request, "wholesale/dashboard/account_list.html", {"accounts": accounts})


@staff_member_required(login_url="customer:login")
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(BusinessAccount.objects.select_related("user", "delivery_district"), pk=pk)
    context = {"account": account, "approve_form": ApproveAccountForm(), "reject_form": RejectAccountForm()}
    return render(request, "wholesale/dashboard/account_detail.html", context)


@staff_member_required(login_url="customer:login")
@require_POST
def review_approve(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(BusinessAccount, pk=pk)
    form = ApproveAccountForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "wholesale/dashboard/account_detail.html",
            {"account": account, "approve_form": form, "reject_form": RejectAccountForm()},
            status=400,
        )
    services.approve_account(account=account, reviewer=request.user, **form.cleaned_data)
    messages.success(request, _("已通过 %(company)s 的企业账户。") % {"company": account.company_name})
    return redirect("wholesale_dashboard:review_list")


@staff_member_required(login_url="customer:login")
@require_POST
def review_reject(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(BusinessAccount, pk=pk)
    form = RejectAccountForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "wholesale/dashboard/account_detail.html",
            {"account": account, "approve_form": ApproveAccountForm(), "reject_form": form},
            status=400,
        )
    services.reject_account(account=account, reviewer=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("已拒绝 %(company)s 的申请并邮件告知原因。") % {"company": account.company_name})
    return redirect("wholesale_dashboard:review_list")


@staff_member_required(login_url="customer:login")
def quote_review_list(request: HttpRequest) -> HttpResponse:
    quote_requests = QuoteRequest.objects.select_related("account").prefetch_related("lines").order_by("status", "-created_at")
    return render(request, "wholesale/dashboard/quote_list.html", {"quotes": quote_requests})


@staff_member_required(login_url="customer:login")
def quote_review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(QuoteRequest.objects.select_related("account"), pk=pk)
    form = QuoteAnswerForm(request.POST or None, quote=quote)
    if request.method == "POST" and form.is_valid():
        try:
            quotes.answer_quote(quote=quote, prices=form.prices(), valid_until=form.cleaned_data["valid_until"], user=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("已报价 %(ref)s，已邮件通知采购方。") % {"ref": quote.reference})
            return redirect("wholesale_dashboard:quote_list")
    return render(request, "wholesale/dashboard/quote_detail.html", {"quote": quote, "form": form})


@staff_member_required(login_url="customer:login")
def invoice_review_list(request: HttpRequest) -> HttpResponse:
    invoices = Invoice.objects.select_related("account", "order").order_by("status", "due_date")
    return render(request, "wholesale/dashboard/invoice_list.html", {"invoices": invoices, "today": timezone.localdate()})


@staff_member_required(login_url="customer:login")
@require_POST
def invoice_mark_paid(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(Invoice, pk=pk)
    invoicing.mark_paid(invoice=invoice, user=request.user)
    messages.success(request, _("发票 %(number)s 已标记为已付款。") % {"number": invoice.number})
    return redirect("wholesale_dashboard:invoice_list")
