from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import normalize_credit_code
from wholesale.models import BusinessAccount


class BusinessAccountForm(forms.ModelForm):
    class Meta:
        model = BusinessAccount
        fields = [
            "company_name",
            "credit_code",
            "buyer_type",
            "licence",
            "contact_name",
            "contact_phone",
            "delivery_district",
            "delivery_address",
        ]
        widgets = {"contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})}

    def clean_credit_code(self) -> str:
        return normalize_credit_code(self.cleaned_data["credit_code"])


class QuickOrderForm(forms.Form):
    rows = forms.CharField(
        label=_("商品编号和数量"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "QH0130 10\nQH0290 20"}),
        help_text=_("每行一个商品：商品编号 数量（用空格、逗号或制表符分隔）。"),
    )
    upload = forms.FileField(label=_("或上传 CSV / Excel"), required=False, help_text=_("两列：商品编号、数量；第一行可以是表头。"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("rows", "").strip() and not cleaned.get("upload"):
            raise forms.ValidationError(_("请填写商品行或上传文件。"))
        return cleaned


class ApproveAccountForm(forms.Form):
    payment_terms_days = forms.IntegerField(label=_("账期（天）"), min_value=0, max_value=120, initial=30)
    credit_limit = forms.DecimalField(
        label=_("信用额度（元）"), min_value=Decimal("0"), max_digits=12, decimal_places=2, initial=Decimal("50000")
    )


class RejectAccountForm(forms.Form):
    reason = forms.CharField(label=_("未通过原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500)


class QuoteRequestForm(forms.Form):
    rows = forms.CharField(
        label=_("商品编号和数量"),
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "QH0130 200\nQH0290 50"}),
        help_text=_("每行一个商品：商品编号 数量。"),
    )
    delivery_date = forms.DateField(label=_("期望送达日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=500)


class QuoteAnswerForm(forms.Form):
    valid_until = forms.DateField(label=_("报价有效期至"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, quote, **kwargs):
        super().__init__(*args, **kwargs)
        self.quote_lines = list(quote.lines.select_related("stockrecord__product"))
        for line in self.quote_lines:
            self.fields[f"price_{line.pk}"] = forms.DecimalField(
                label=f"{line.stockrecord.product.get_title()} × {line.quantity}",
                min_value=Decimal("0.01"),
                max_digits=12,
                decimal_places=2,
                initial=line.unit_price or line.stockrecord.price,
            )

    def prices(self) -> dict[int, Decimal]:
        return {line.pk: self.cleaned_data[f"price_{line.pk}"] for line in self.quote_lines}


class OrderTemplateForm(forms.Form):
    name = forms.CharField(label=_("清单名称"), max_length=60, help_text=_("例如：每周一蔬菜补货"))
