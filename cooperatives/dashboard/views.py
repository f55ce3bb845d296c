"""Dashboard views for staff (applications, settlement) and cooperatives (their lines, statements).

Access is checked twice: the URL decorators of CooperativesDashboardConfig (staff or
``partner.dashboard_access``) and, inside each view, querysets limited to the
user's own partners, so another cooperative's object id gives a 404.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from oscar.core.loading import get_model

from cooperatives import importing, selectors, services, settlement, shipping
from cooperatives.forms import ImportUploadForm, ProfileForm, RejectForm, ShipForm, StatementGenerateForm
from cooperatives.models import CooperativeApplication, CooperativeProfile, PayoutBatch, ProductImport, Statement, StatementLine
from core import exports
from core.money import format_cny

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")


def _require_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


# --- applications (staff) --------------------------------------------------------
class ApplicationListView(ListView):
    template_name = "cooperatives/dashboard/application_list.html"
    context_object_name = "applications"
    paginate_by = 50

    def get_queryset(self) -> QuerySet:
        queryset = CooperativeApplication.objects.select_related("county", "partner")
        status = self.request.GET.get("status")
        if status in CooperativeApplication.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statuses"] = CooperativeApplication.Status.choices
        context["current_status"] = self.request.GET.get("status", "")
        return context


class ApplicationDetailView(DetailView):
    template_name = "cooperatives/dashboard/application_detail.html"
    context_object_name = "application"
    queryset = CooperativeApplication.objects.select_related("county", "partner", "reviewed_by").prefetch_related("documents")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reject_form"] = RejectForm()
        return context


@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(CooperativeApplication, pk=pk)
    try:
        partner = services.approve_application(application, reviewer=request.user)
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("已通过“%(name)s”的申请，登录链接已发送到 %(email)s。") % {"name": partner.name, "email": application.email}
        )
    return redirect("cooperatives_dashboard:coop-application-detail", pk=pk)


@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(CooperativeApplication, pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写驳回原因。"))
        return redirect("cooperatives_dashboard:coop-application-detail", pk=pk)
    try:
        services.reject_application(application, reviewer=request.user, reason=form.cleaned_data["reason"])
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已驳回该申请，原因已通过邮件告知申请人。"))
    return redirect("cooperatives_dashboard:coop-application-detail", pk=pk)


def _serve(field_file) -> FileResponse:
    if not field_file:
        raise Http404
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=field_file.name.rsplit("/", 1)[-1])


def licence(request: HttpRequest, pk: int) -> FileResponse:
    """Licences are personal data: served through staff-only views, never linked from public pages."""
    return _serve(get_object_or_404(CooperativeApplication, pk=pk).business_licence)


def document(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    application = get_object_or_404(CooperativeApplication, pk=pk)
    return _serve(get_object_or_404(application.documents, pk=document_id).file)


# --- orders and packages (cooperatives; staff see all) ---------------------------
def orders_for_user(user) -> QuerySet:
    orders = Order.objects.all()
    if not user.is_staff:
        orders = orders.filter(lines__partner__users=user)
    return orders.distinct()


class OrderListView(ListView):
    """待发货 first (oldest first: the longest wait is the first job), then the rest, newest first."""

    template_name = "cooperatives/dashboard/order_list.html"
    context_object_name = "orders"
    paginate_by = 30

    def get_queryset(self) -> QuerySet:
        orders = orders_for_user(self.request.user).select_related("shipping_address")
        if self.request.GET.get("show") == "all":
            return orders.order_by("-date_placed")
        return orders.filter(status__in=(shipping.ORDER_AWAITING, shipping.ORDER_PARTLY_SHIPPED)).order_by("date_placed")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        own_lines = services.lines_for_user(self.request.user).filter(order__in=[order.pk for order in context["orders"]])
        by_order: dict[int, list] = {}
        for line in own_lines.order_by("pk"):
            by_order.setdefault(line.order_id, []).append(line)
        now = timezone.now()
        rows = []
        for order in context["orders"]:
            days, hours = selectors.waiting_label(order.date_placed, now)
            rows.append({"order": order, "lines": by_order.get(order.pk, []), "waited_days": days, "waited_hours": hours})
        context["rows"] = rows
        context["show_all"] = self.request.GET.get("show") == "all"
        return context


def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    """One order as the cooperative sees it: its own lines, its packages, the receiver — nothing else."""
    lines = list(services.lines_for_user(request.user).filter(order__number=number).order_by("pk"))
    if not lines:
        raise Http404
    order = lines[0].order
    packages = list(shipping.packages_for_user(request.user).filter(order=order).prefetch_related("lines").order_by("pk"))
    partners = {line.partner_id: line.partner for line in lines if line.partner_id}
    packable_ids = {line.pk for partner in partners.values() for line in shipping.packable_lines(order, partner)}
    for line in lines:
        line.packable = line.pk in packable_ids
    context = {
        "order": order,
        "lines": lines,
        "packable": [line for line in lines if line.packable],
        "packages": packages,
        "shipping_address": order.shipping_address,
        "ship_form": ShipForm(),
    }
    return render(request, "cooperatives/dashboard/order_detail.html", context)


# --- statements and payouts -----------------------------------------------------------
def statements_for_user(user) -> QuerySet:
    statements = Statement.objects.select_related("partner")
    if not user.is_staff:
        statements = statements.filter(partner__users=user)
    return statements


def statement_list(request: HttpRequest) -> HttpResponse:
    form = StatementGenerateForm(request.POST or None)
    if request.method == "POST":
        _require_staff(request)
        if form.is_valid():
            created = settlement.generate_statements(form.cleaned_data["month"])
            messages.success(request, _("已生成 %(count)s 份结算单。") % {"count": len(created)})
            return redirect("cooperatives_dashboard:coop-statement-list")
    if not form.is_bound:
        last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        form = StatementGenerateForm(initial={"month": last_month})
    return render(
        request,
        "cooperatives/dashboard/statement_list.html",
        {"statements": statements_for_user(request.user)[:500], "form": form},
    )


def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(statements_for_user(request.user), pk=pk)
    context = {
        "statement": statement,
        "lines": statement.lines.all(),
        "deductions": settlement.deduction_entries(statement),
    }
    return render(request, "cooperatives/dashboard/statement_detail.html", context)


def statement_line(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    """One line behind a statement, with every refund of it (and where each was settled)."""
    statement = get_object_or_404(statements_for_user(request.user), pk=pk)
    line = get_object_or_404(StatementLine.objects.select_related("line"), statement=statement, pk=line_pk)
    context = {"statement": statement, "line": line, "refunds": settlement.statement_line_refunds(line)}
    return render(request, "cooperatives/dashboard/statement_line.html", context)


@require_POST
def statement_paid(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement, pk=pk)
    settlement.mark_statement_paid(statement, user=request.user)
    messages.success(request, _("结算单已标记为已付款。"))
    return redirect("cooperatives_dashboard:coop-statement-detail", pk=pk)


def _statement_table(statement: Statement) -> tuple[list, list[list]]:
    header = [_("订单号"), _("下单时间"), _("SKU"), _("商品"), _("数量"), _("退款数量"), _("销售额"), _("退款"), _("净额")]
    rows = [
        [
            line.order_number,
            timezone.localtime(line.date_placed).strftime("%Y-%m-%d %H:%M"),
            line.sku,
            line.title,
            line.quantity,
            line.refunded_quantity,
            line.gross,
            line.refunded,
            line.net,
        ]
        for line in statement.lines.all()
    ]
    for entry in settlement.deduction_entries(statement):
        order_line = entry.refund_line.line
        rows.append(
            [
                order_line.order.number,
                "",
                order_line.partner_sku,
                _("扣减：已结算订单的退款"),
                "",
                entry.refund_line.quantity,
                "",
                "",
                -entry.amount,
            ]
        )
    summary = [
        [],
        [_("销售额"), statement.gross],
        [_("退款"), statement.refunds],
        [_("扣减（已结算订单的退款）"), statement.deductions],
        [_("平台服务费率（%）"), statement.fee_percent],
        [_("平台服务费"), statement.fee],
        [_("应付金额"), statement.payable],
        [_("状态"), statement.get_status_display()],
    ]
    return header, [[statement.partner.name, f"{statement.period:%Y-%m}"], *rows, *summary]


def statement_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    statement = get_object_or_404(statements_for_user(request.user), pk=pk)
    header, rows = _statement_table(statement)
    filename = f"statement-{statement.partner.code}-{statement.period:%Y-%m}"
    if fmt == "csv":
        return exports.csv_response(filename, header, rows)
    if fmt == "xlsx":
        return exports.xlsx_response(filename, [exports.Sheet(f"{statement.period:%Y-%m}", header, rows)])
    raise Http404


def payout_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    if request.method == "POST":
        try:
            batch = settlement.create_payout_batch(user=request.user)
        except settlement.SettlementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已生成付款批次 #%(id)s，合计 %(total)s。") % {"id": batch.pk, "total": format_cny(batch.total)})
            return redirect("cooperatives_dashboard:coop-payout-detail", pk=batch.pk)
        return redirect("cooperatives_dashboard:coop-payout-list")
    context = {"batches": PayoutBatch.objects.all()[:100], "payable": settlement.payable_statements()}
    return render(request, "cooperatives/dashboard/payout_list.html", context)


def payout_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    batch = get_object_or_404(PayoutBatch, pk=pk)
    return render(request, "cooperatives/dashboard/payout_detail.html", {"batch": batch, "rows": settlement.payout_rows(batch)})


def payout_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _require_staff(request)
    batch = get_object_or_404(PayoutBatch, pk=pk)
    header = [_("合作社"), _("开户行"), _("账户名称"), _("银行账号"), _("金额"), _("结算月份")]
    rows = settlement.payout_rows(batch)
    filename = f"payout-batch-{batch.pk}-{batch.created_at:%Y%m%d}"
    if fmt == "csv":
        return exports.csv_response(filename, header, rows)
    if fmt == "xlsx":
        return exports.xlsx_response(filename, [exports.Sheet(_("付款批次"), header, rows)])
    raise Http404


@require_POST
def payout_paid(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    batch = settlement.mark_batch_paid(get_object_or_404(PayoutBatch, pk=pk), user=request.user)
    messages.success(request, _("付款批次 #%(id)s 已标记为已付款，其中的结算单均已付款。") % {"id": batch.pk})
    return redirect("cooperatives_dashboard:coop-payout-detail", pk=batch.pk)


# --- bulk import / export of products, stock and prices --------------------------
partners_for_user = selectors.partners_for_user


def imports_for_user(user) -> QuerySet:
    imports = ProductImport.objects.select_related("partner")
    return imports if user.is_staff else imports.filter(partner__users=user)


def import_upload(request: HttpRequest) -> HttpResponse:
    partners = partners_for_user(request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None, partners=partners)
    if request.method == "POST" and form.is_valid():
        partner, upload = form.cleaned_data["partner"], form.cleaned_data["file"]
        try:
            rows = importing.validate(importing.parse(upload.name, importing.read_upload(upload)), partner)
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            product_import = ProductImport.objects.create(
                partner=partner, user=request.user, filename=upload.name[:255], rows=[row.as_dict() for row in rows]
            )
            return redirect("cooperatives_dashboard:coop-import-detail", pk=product_import.pk)
    context = {"form": form, "imports": imports_for_user(request.user)[:20], "partners": partners, "columns": importing.COLUMNS}
    return render(request, "cooperatives/dashboard/import_upload.html", context, status=400 if form.errors else 200)


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The dry run: what each row would do, or why it cannot be imported."""
    product_import = get_object_or_404(imports_for_user(request.user), pk=pk)
    return render(request, "cooperatives/dashboard/import_detail.html", {"import": product_import})


@require_POST
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    product_import = get_object_or_404(imports_for_user(request.user).select_for_update(), pk=pk)
    if product_import.status != ProductImport.Status.PREVIEW or product_import.error_rows:
        messages.error(request, _("该文件有错误或已导入，不能导入。"))
        return redirect("cooperatives_dashboard:coop-import-detail", pk=pk)
    rows = [importing.ImportRow(**{key: value for key, value in row.items() if key != "errors"}) for row in product_import.rows]
    try:
        created, updated = importing.apply(rows, product_import.partner)
    except importing.ImportFileError as error:
        product_import.rows = [row.as_dict() for row in rows]
        product_import.save(update_fields=["rows"])
        messages.error(request, _("数据已变化，未导入任何行：%(error)s") % {"error": error})
        return redirect("cooperatives_dashboard:coop-import-detail", pk=pk)
    product_import.status = ProductImport.Status.APPLIED
    product_import.created_count, product_import.updated_count = created, updated
    product_import.applied_at = timezone.now()
    product_import.save()
    messages.success(request, _("导入完成：新建 %(created)s 个商品，更新 %(updated)s 个。") % {"created": created, "updated": updated})
    return redirect("cooperatives_dashboard:coop-import-detail", pk=pk)


def product_export(request: HttpRequest, partner_id: int, fmt: str) -> HttpResponse:
    partner = get_object_or_404(partners_for_user(request.user), pk=partner_id)
    table = importing.export_rows(partner)
    header, rows = (table[0], table[1:]) if table else (None, [])
    if fmt == "csv":
        return exports.csv_response(f"products-{partner.code}", header, rows)
    if fmt == "xlsx":
        return exports.xlsx_response(f"products-{partner.code}", [exports.Sheet(partner.code, header, rows)])
    raise Http404


# --- public profile ----------------------------------------------------------------
def profile_edit(request: HttpRequest, partner_id: int) -> HttpResponse:
    """A cooperative edits its public story and adds photos; households come from the reviewed application."""
    partner = get_object_or_404(partners_for_user(request.user), pk=partner_id)
    profile, _created = CooperativeProfile.objects.get_or_create(partner=partner)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("合作社简介已保存。"))
        return redirect("cooperatives_dashboard:coop-profile", partner_id=partner.pk)
    return render(
        request,
        "cooperatives/dashboard/profile_form.html",
        {"form": form, "profile": profile, "partner": partner},
        status=400 if form.errors else 200,
    )


def my_profile(request: HttpRequest) -> HttpResponse:
    partner = partners_for_user(request.user).first()
    if partner is None:
        raise Http404
    return redirect("cooperatives_dashboard:coop-profile", partner_id=partner.pk)
