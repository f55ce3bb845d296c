"""Pages for approved business buyers: quotes and saved order lists."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wholesale import quotes
from wholesale.forms import OrderTemplateForm, QuoteRequestForm
from wholesale.models import BusinessAccount, OrderTemplate, OrderTemplateLine, QuoteRequest
from wholesale.quick_order import add_to_basket, check_rows, rows_from_text


def approved_buyer_required(view):
    """Only approved business accounts; the account is passed to the view."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        account = BusinessAccount.objects.filter(user=request.user, status=BusinessAccount.Status.APPROVED).first()
        if account is None:
            messages.warning(request, _("该功能仅对已通过审核的企业采购账户开放。"))
            return redirect("wholesale:landing")
        return view(request, account, *args, **kwargs)

    return wrapper


@approved_buyer_required
def quote_list(request: HttpRequest, account: BusinessAccount) -> HttpResponse:
    return render(request, "wholesale/quote_list.html", {"quotes": account.quotes.prefetch_related("lines"), "account": account})


@approved_buyer_required
def quote_new(request: HttpRequest, account: BusinessAccount) -> HttpResponse:
    form = QuoteRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            quote = quotes.request_quote(
                account=account,
                rows=rows_from_text(form.cleaned_data["rows"]),
                delivery_date=form.cleaned_data["delivery_date"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("询价单 %(ref)s 已提交，报价后会邮件通知您。") % {"ref": quote.reference})
            return redirect("wholesale:quote_detail", pk=quote.pk)
    return render(request, "wholesale/quote_new.html", {"form": form})


@approved_buyer_required
def quote_detail(request: HttpRequest, account: BusinessAccount, pk: int) -> HttpResponse:
    quote = get_object_or_404(account.quotes.prefetch_related("lines__stockrecord__product"), pk=pk)
    return render(request, "wholesale/quote_detail.html", {"quote": quote})


@require_POST
@approved_buyer_required
def quote_accept(request: HttpRequest, account: BusinessAccount, pk: int) -> HttpResponse:
    quote = get_object_or_404(QuoteRequest, pk=pk, account=account)
    try:
        quotes.accept_quote(quote=quote, basket=request.basket, strategy=request.strategy)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("wholesale:quote_detail", pk=pk)
    messages.success(request, _("已按报价加入购物车，报价有效期内价格锁定。"))
    return redirect("basket:summary")


@approved_buyer_required
def template_list(request: HttpRequest, account: BusinessAccount) -> HttpResponse:
    templates = account.order_templates.prefetch_related("lines__stockrecord__product")
    return render(request, "wholesale/template_list.html", {"templates": templates, "form": OrderTemplateForm()})


@require_POST
@approved_buyer_required
def template_from_basket(request: HttpRequest, account: BusinessAccount) -> HttpResponse:
    form = OrderTemplateForm(request.POST)
    lines = list(request.basket.all_lines()) if request.basket.id else []
    if not form.is_valid() or not lines:
        messages.error(request, _("请填写清单名称，并先在购物车里放入商品。"))
        return redirect("wholesale:template_list")
    try:
        with transaction.atomic():
            template = OrderTemplate.objects.create(account=account, name=form.cleaned_data["name"])
            OrderTemplateLine.objects.bulk_create(
                [OrderTemplateLine(template=template, stockrecord_id=line.stockrecord_id, quantity=line.quantity) for line in lines]
            )
    except IntegrityError:
        messages.error(request, _("已有同名清单，请换一个名称。"))
        return redirect("wholesale:template_list")
    messages.success(request, _("已保存常用清单“%(name)s”。") % {"name": template.name})
    return redirect("wholesale:template_list")


@require_POST
@approved_buyer_required
def template_use(request: HttpRequest, account: BusinessAccount, pk: int) -> HttpResponse:
    """Put a saved list in the basket: every line checked first, all or nothing."""
    template = get_object_or_404(OrderTemplate, pk=pk, account=account)
    raw_rows = [
        (n, [line.stockrecord.partner_sku, str(line.quantity)]) for n, line in enumerate(template.lines.select_related("stockrecord"), 1)
    ]
    result = check_rows(raw_rows, strategy=request.strategy, basket=request.basket)
    if not result.is_valid:
        problems = [f"{row.sku}: {row.error}" for row in result.rows if row.error] or [result.error]
        messages.error(request, _("清单里有商品暂时无法下单，没有加入购物车：") + "；".join(problems))
        return redirect("wholesale:template_list")
    with transaction.atomic():
        if not request.basket.id:
            request.basket.save()
        add_to_basket(result, request.basket)
    messages.success(request, _("已将清单“%(name)s”加入购物车。") % {"name": template.name})
    return redirect("basket:summary")


@require_POST
@approved_buyer_required
def template_delete(request: HttpRequest, account: BusinessAccount, pk: int) -> HttpResponse:
    get_object_or_404(OrderTemplate, pk=pk, account=account).delete()
    messages.success(request, _("已删除清单。"))
    return redirect("wholesale:template_list")


@approved_buyer_required
def invoice_list(request: HttpRequest, account: BusinessAccount) -> HttpResponse:
    from wholesale.invoicing import outstanding

    invoices = account.invoices.select_related("order")
    context = {"invoices": invoices, "account": account, "outstanding": outstanding(account)}
    return render(request, "wholesale/invoice_list.html", context)


@login_required
def invoice_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """The buyer's own invoice (staff: any invoice)."""
    from wholesale.invoicing import invoice_pdf as render_pdf
    from wholesale.models import Invoice

    invoices = Invoice.objects.select_related("order", "account__delivery_district")
    if not request.user.is_staff:
        invoices = invoices.filter(account__user=request.user)
    invoice = get_object_or_404(invoices, order__number=number)
    response = HttpResponse(render_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    return response
