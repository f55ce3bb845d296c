"""A cooperative's products in the seller centre: the editor's forms, quick price/stock edits, the photo gallery.

Our own screens over Oscar's models (Product, StockRecord, ProductImage): the description is
sanitised on save (``core.sanitize.clean_html``), every photo passes ``core.uploads.validate_image``
(through ``core.multifile.MultipleImageField``), and a SKU is unique across the platform, so the
form says so before the database constraint would.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from core.i18n import BilingualFormMixin
from core.money import parse_money
from core.multifile import MultipleImageField
from core.sanitize import clean_html

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

MONTH_CHOICES = [(str(month), _("%(month)s月") % {"month": month}) for month in range(1, 13)]
MAX_PHOTOS = 12
MAX_PRICE = Decimal("100000.00")
MAX_STOCK = 1_000_000


def sku_taken(sku: str, *, exclude_pk: int | None = None) -> bool:
    """SKUs are unique across the platform (the quick order and imports find a product by SKU alone)."""
    records = StockRecord.objects.filter(partner_sku__iexact=sku)
    if exclude_pk:
        records = records.exclude(pk=exclude_pk)
    return records.exists()


def clean_price(value) -> Decimal:
    """A price in yuan (parse_money says what is wrong with a bad one), at most ¥100,000.00."""
    return parse_money(value, maximum=MAX_PRICE)


def default_product_class():
    return ProductClass.objects.filter(name="农产品").first() or ProductClass.objects.order_by("pk").first()


class ProductForm(BilingualFormMixin, forms.ModelForm):
    """The product itself: name, description, specs, storage, harvest months, certificates."""

    harvest_months = forms.MultipleChoiceField(
        label=_("采收月份"), choices=MONTH_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    category = forms.ModelChoiceField(label=_("分类"), queryset=Category.objects.none(), empty_label=None)
    certificates = forms.ModelMultipleChoiceField(
        label=_("适用的认证证书"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("只显示本社的证书；协作办核验后商品上才显示认证标识。"),
    )  # fmt: skip

    class Meta:
        model = Product
        fields = [
            "title",
            "title_en",
            "description",
            "description_en",
            "origin_county",
            "net_weight_grams",
            "unit",
            "shelf_life_days",
            "storage",
            "is_geographical_indication",
            "is_public",
        ]
        labels = {"title": _("商品名称"), "description": _("商品描述"), "is_public": _("上架销售")}
        widgets = {"description": forms.Textarea(attrs={"rows": 8}), "description_en": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"description": _("可用段落、加粗、列表；脚本、样式和外部图片会被去除。")}

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        from traceability.models import Certificate

        self.partner = partner
        self.fields["category"].queryset = Category.objects.order_by("path")
        self.fields["certificates"].queryset = Certificate.objects.filter(cooperative=partner).order_by("cert_type", "-valid_until")
        self.fields["title"].required = True
        if self.instance.pk:
            self.initial["harvest_months"] = [str(month) for month in self.instance.harvest_month_list()]
            first = self.instance.categories.order_by("path").first()
            if first is not None:
                self.initial["category"] = first.pk
            self.initial["certificates"] = list(self.instance.certificates.filter(cooperative=partner).values_list("pk", flat=True))
        else:
            self.initial.setdefault("origin_county", partner.county_id)
            # Oscar's Product.clean() insists on a product class: a cooperative's new product is produce.
            self.instance.product_class = default_product_class()

    def clean_description(self) -> str:
        return clean_html(self.cleaned_data.get("description", ""))

    def clean_harvest_months(self) -> str:
        months = sorted({int(month) for month in self.cleaned_data.get("harvest_months") or []})
        return ",".join(str(month) for month in months)

    @transaction.atomic
    def save(self, commit: bool = True):
        product = super().save(commit=False)
        product.harvest_months = self.cleaned_data["harvest_months"]
        product.save()
        ProductCategory.objects.filter(product=product).exclude(category=self.cleaned_data["category"]).delete()
        ProductCategory.objects.get_or_create(product=product, category=self.cleaned_data["category"])
        own = set(self.fields["certificates"].queryset.values_list("pk", flat=True))
        chosen = {certificate.pk for certificate in self.cleaned_data["certificates"]}
        product.certificates.remove(*(own - chosen))
        product.certificates.add(*chosen)
        return product


class StockForm(forms.ModelForm):
    """SKU, price and stock of the cooperative's own stock record."""

    price = forms.CharField(label=_("单价（元）"), widget=forms.TextInput(attrs={"inputmode": "decimal"}))

    class Meta:
        model = StockRecord
        fields = ["partner_sku", "num_in_stock", "low_stock_threshold"]
        labels = {"partner_sku": _("SKU"), "num_in_stock": _("库存"), "low_stock_threshold": _("低库存提醒（件）")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["price"] = self.instance.price
        self.fields["num_in_stock"].required = True
        self.fields["num_in_stock"].widget.attrs.update({"min": 0, "inputmode": "numeric"})

    def clean_partner_sku(self) -> str:
        sku = (self.cleaned_data.get("partner_sku") or "").strip()
        if not sku:
            raise ValidationError(_("请填写 SKU。"))
        if sku_taken(sku, exclude_pk=self.instance.pk):
            raise ValidationError(_("SKU“%(sku)s”已被平台上的其他商品使用，SKU 须全平台唯一。") % {"sku": sku})
        return sku

    def clean_price(self) -> Decimal:
        return clean_price(self.cleaned_data.get("price"))

    def clean_num_in_stock(self) -> int:
        stock = self.cleaned_data.get("num_in_stock")
        if stock is None or stock < 0 or stock > MAX_STOCK:
            raise ValidationError(_("库存须在 0 到 1,000,000 之间。"))
        allocated = self.instance.num_allocated or 0 if self.instance.pk else 0
        if stock < allocated:
            raise ValidationError(_("已有 %(count)s 件被订单占用，库存不能少于此数。") % {"count": allocated})
        return stock

    def save(self, commit: bool = True):
        record = super().save(commit=False)
        record.price = self.cleaned_data["price"]
        record.price_currency = "CNY"
        if commit:
            record.save()
        return record


class QuickEditForm(forms.Form):
    """One row of the product list: price and stock, nothing else."""

    price = forms.CharField(label=_("单价"))
    num_in_stock = forms.IntegerField(label=_("库存"), min_value=0, max_value=MAX_STOCK)

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record

    def clean_price(self) -> Decimal:
        return clean_price(self.cleaned_data.get("price"))

    def clean_num_in_stock(self) -> int:
        stock = self.cleaned_data["num_in_stock"]
        if stock < (self.record.num_allocated or 0):
            raise ValidationError(_("已有 %(count)s 件被订单占用，库存不能少于此数。") % {"count": self.record.num_allocated})
        return stock


@transaction.atomic
def quick_edit(record, *, price: Decimal, num_in_stock: int) -> None:
    """Change price and stock; allocated units are re-checked under the row lock (stock never below them)."""
    record = StockRecord.objects.select_for_update().get(pk=record.pk)
    if num_in_stock < (record.num_allocated or 0):
        raise ValidationError(_("已有 %(count)s 件被订单占用，库存不能少于此数。") % {"count": record.num_allocated})
    record.price = price
    record.num_in_stock = num_in_stock
    record.save(update_fields=["price", "num_in_stock", "date_updated"])


class PhotoUploadForm(forms.Form):
    photos = MultipleImageField(label=_("添加照片"), max_files=6, help_text=_("JPG、PNG 或 WebP，可一次选多张，每张不超过 5 MB。"))

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product

    def clean_photos(self) -> list:
        photos = self.cleaned_data.get("photos") or []
        if not photos:
            raise ValidationError(_("请选择要上传的照片。"))
        if self.product.images.count() + len(photos) > MAX_PHOTOS:
            raise ValidationError(_("每个商品最多 %(count)s 张照片。") % {"count": MAX_PHOTOS})
        return photos


@transaction.atomic
def add_photos(product, files: list, *, caption: str = "") -> list:
    last = product.images.order_by("-display_order").values_list("display_order", flat=True).first()
    start = 0 if last is None else last + 1
    images = []
    for offset, upload in enumerate(files):
        image = ProductImage(product=product, display_order=start + offset, caption=caption[:200])
        image.original.save(upload.name, upload, save=True)
        images.append(image)
    return images


def _renumber(images: list) -> None:
    for order, image in enumerate(images):
        if image.display_order != order:
            image.display_order = order
            image.save(update_fields=["display_order"])


@transaction.atomic
def move_photo(image, *, step: int) -> None:
    """Move a photo one place earlier (-1) or later (+1); the first photo is the main one."""
    images = list(ProductImage.objects.select_for_update().filter(product_id=image.product_id).order_by("display_order", "pk"))
    index = next(i for i, other in enumerate(images) if other.pk == image.pk)
    target = max(0, min(len(images) - 1, index + step))
    images.insert(target, images.pop(index))
    _renumber(images)


@transaction.atomic
def make_main_photo(image) -> None:
    images = list(ProductImage.objects.select_for_update().filter(product_id=image.product_id).order_by("display_order", "pk"))
    images.sort(key=lambda other: other.pk != image.pk)  # stable: the chosen one first, the rest keep their order
    _renumber(images)


@transaction.atomic
def delete_photo(image) -> None:
    product_id = image.product_id
    image.delete()
    _renumber(list(ProductImage.objects.filter(product_id=product_id).order_by("display_order", "pk")))
