"""The seller centre's own screens: today's work, products and photos, packages and their PDFs.

Thin views over ``cooperatives.selectors`` (reads), ``cooperatives.products`` and
``cooperatives.shipping`` (changes). Every object is looked up through a queryset that starts
from the user's partners, so another cooperative's product, photo or package is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from cooperatives import pdfs, products, reminders, selectors, shipping
from cooperatives.forms import ShipForm
from core.money import format_cny

ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


def _partner(request: HttpRequest):
    """The cooperative the user works for (seller-centre screens that create things need one)."""
    partner = selectors.partners_for_user(request.user).select_related("county").first()
    if partner is None or request.user.is_staff:
        raise Http404
    return partner


# --- home: today's work -----------------------------------------------------------------
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_staff:
        return redirect("cooperatives_dashboard:coop-application-list")
    partners = list(selectors.partners_for_user(request.user))
    if not partners:
        raise Http404
    now = timezone.now()
    to_ship = list(selectors.lines_to_ship(partners)[:200])
    for line in to_ship:
        line.waited_days, line.waited_hours = selectors.waiting_label(line.order.date_placed, now)
    bars = selectors.monthly_sales(partners)
    context = {
        "to_ship": to_ship[:10],
        "to_ship_count": selectors.lines_to_ship(partners).count(),
        "low_stock": list(selectors.low_stock(partners)[:10]),
        "low_stock_count": selectors.low_stock(partners).count(),
        "expiring": reminders.expiring_items(partners),
        "open_imports": list(selectors.open_imports(partners)[:5]),
        "month": selectors.this_month_sales(partners),
        "chart": selectors.chart(bars),
        "today": timezone.localdate(),
    }
    return render(request, "cooperatives/seller/home.html", context)


# --- products ---------------------------------------------------------------------------------
def product_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    page = Paginator(selectors.product_rows(request.user, query=query), 30).get_page(request.GET.get("page"))
    return render(request, "cooperatives/seller/product_list.html", {"page": page, "records": page.object_list, "query": query})


def _own_record(request: HttpRequest, pk: int):
    records = StockRecord.objects.select_related("product")
    if not request.user.is_staff:
        records = records.filter(partner__users=request.user)
    return get_object_or_404(records, pk=pk)


@require_POST
def product_quick_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_record(request, pk)
    form = products.QuickEditForm(request.POST, record=record)
    back = request.POST.get("next") or reverse("cooperatives_dashboard:coop-product-list")
    if not back.startswith("/"):
        back = reverse("cooperatives_dashboard:coop-product-list")
    if form.is_valid():
        try:
            products.quick_edit(record, price=form.cleaned_data["price"], num_in_stock=form.cleaned_data["num_in_stock"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已保存“%(title)s”：单价 %(price)s，库存 %(stock)s。") % {
                "title": record.product.title, "price": format_cny(form.cleaned_data["price"]), "stock": form.cleaned_data["num_in_stock"],
            })  # fmt: skip
    else:
        errors = "；".join(error for field_errors in form.errors.values() for error in field_errors)
        messages.error(request, _("“%(title)s”未保存：%(errors)s") % {"title": record.product.title, "errors": errors})
    return redirect(f"{back}#record-{record.pk}")


def product_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Our product editor: the product, its own stock record, its photos, certificates and batches."""
    from traceability.models import HarvestBatch

    if pk is None:
        partner = _partner(request)
        record = StockRecord(partner=partner, price_currency="CNY")
        product = None
    else:
        record = _own_record(request, pk)
        partner, product = record.partner, record.product
    form = products.ProductForm(request.POST or None, instance=product, partner=partner, prefix="product")
    stock_form = products.StockForm(request.POST or None, instance=record, prefix="stock")
    if request.method == "POST" and form.is_valid() and stock_form.is_valid():
        saved = form.save()
        record = stock_form.save(commit=False)
        record.product = saved
        record.partner = partner
        record.save()
        messages.success(request, _("商品“%(title)s”已保存。") % {"title": saved.title})
        return redirect("cooperatives_dashboard:coop-product-edit", pk=record.pk)
    context = {
        "form": form,
        "stock_form": stock_form,
        "record": record if record.pk else None,
        "product": product,
        "photos": list(product.images.order_by("display_order", "pk")) if product else [],
        "photo_form": products.PhotoUploadForm(product=product) if product else None,
        "batches": list(HarvestBatch.objects.filter(product=product, cooperative=partner).order_by("-harvest_date")[:10])
        if product
        else [],
    }
    return render(request, "cooperatives/seller/product_edit.html", context, status=400 if request.method == "POST" else 200)


def _own_photo(request: HttpRequest, pk: int, photo_id: int):
    record = _own_record(request, pk)
    return record, get_object_or_404(ProductImage, pk=photo_id, product_id=record.product_id)


def _back_to_gallery(record) -> HttpResponse:
    return redirect(reverse("cooperatives_dashboard:coop-product-edit", kwargs={"pk": record.pk}) + "#photos")


@require_POST
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_record(request, pk)
    form = products.PhotoUploadForm(request.POST, request.FILES, product=record.product)
    if form.is_valid():
        added = products.add_photos(record.product, form.cleaned_data["photos"], caption=record.product.title)
        messages.success(request, _("已添加 %(count)s 张照片。") % {"count": len(added)})
    else:
        messages.error(request, " ".join(form.errors.get("photos", [_("照片未能上传。")])))
    return _back_to_gallery(record)


@require_POST
def photo_move(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    record, image = _own_photo(request, pk, photo_id)
    products.move_photo(image, step=-1 if request.POST.get("direction") == "up" else 1)
    messages.success(request, _("照片顺序已更新。"))
    return _back_to_gallery(record)


@require_POST
def photo_main(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    record, image = _own_photo(request, pk, photo_id)
    products.make_main_photo(image)
    messages.success(request, _("已设为主图。"))
    return _back_to_gallery(record)


@require_POST
def photo_delete(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    record, image = _own_photo(request, pk, photo_id)
    products.delete_photo(image)
    messages.success(request, _("照片已删除。"))
    return _back_to_gallery(record)


# --- packages -------------------------------------------------------------------------------
def _own_package(request: HttpRequest, pk: int):
    return get_object_or_404(shipping.packages_for_user(request.user), pk=pk)


@require_POST
def package_create(request: HttpRequest, number: str) -> HttpResponse:
    lines = selectors.Line.objects.filter(order__number=number)
    if not request.user.is_staff:
        lines = lines.filter(partner__users=request.user)
    line = lines.select_related("order", "partner").order_by("pk").first()
    if line is None:
        raise Http404
    try:
        package = shipping.create_package(order=line.order, partner=line.partner, line_ids=request.POST.getlist("lines"), user=request.user)
    except (shipping.ShippingError, ValueError) as error:
        messages.error(request, str(error) if isinstance(error, shipping.ShippingError) else _("请至少选择一个订单行。"))
    else:
        messages.success(
            request, _("已打包：包裹 #%(id)s，%(count)s 个订单行。可打印面单后发货。") % {"id": package.pk, "count": package.lines.count()}
        )
        return redirect(reverse("cooperatives_dashboard:coop-order-detail", kwargs={"number": number}) + f"#package-{package.pk}")
    return redirect("cooperatives_dashboard:coop-order-detail", number=number)


@require_POST
def package_ship(request: HttpRequest, pk: int) -> HttpResponse:
    package = _own_package(request, pk)
    form = ShipForm(request.POST)
    anchor = reverse("cooperatives_dashboard:coop-order-detail", kwargs={"number": package.order.number}) + f"#package-{package.pk}"
    if not form.is_valid():
        messages.error(request, _("包裹 #%(id)s 未发货：请选择快递公司并填写运单号。") % {"id": package.pk})
        return redirect(anchor)
    try:
        shipping.ship_package(
            package, carrier=form.cleaned_data["carrier"], tracking_number=form.cleaned_data["tracking_number"], user=request.user
        )
    except shipping.ShippingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("包裹 #%(id)s 已发货，已通知买家。") % {"id": package.pk})
    return redirect(anchor)


@require_POST
def package_unpack(request: HttpRequest, pk: int) -> HttpResponse:
    package = _own_package(request, pk)
    number = package.order.number
    try:
        shipping.unpack(package)
    except shipping.ShippingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已拆包，订单行回到待打包。"))
    return redirect("cooperatives_dashboard:coop-order-detail", number=number)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # a label carries the buyer's name, phone and address
    return response


def package_label(request: HttpRequest, pk: int) -> HttpResponse:
    package = _own_package(request, pk)
    return _pdf(pdfs.shipping_label(package), f"label-{package.order.number}-{package.pk}.pdf")


def package_slip(request: HttpRequest, pk: int) -> HttpResponse:
    package = _own_package(request, pk)
    return _pdf(pdfs.packing_slip(package), f"packing-slip-{package.order.number}-{package.pk}.pdf")
