"""Forms a cooperative fills in its own dashboard: only its own products and certificates are offered."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from traceability.models import Certificate, HarvestBatch

Product = get_model("catalogue", "Product")


def _own_products(partner):
    return Product.objects.filter(stockrecords__partner=partner).distinct().order_by("title")


class CertificateForm(forms.ModelForm):
    # 带贫方式 is a list of codes in a JSON field; ticked boxes are what a cooperative expects.
    benefit_modes = forms.MultipleChoiceField(
        label=_("带贫方式"),
        choices=Certificate.BenefitMode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("仅扶贫/消费帮扶产品认定填写，可多选"),
    )

    class Meta:
        model = Certificate
        fields = [
            "cert_type",
            "number",
            "issuing_body",
            "catalogue_batch",
            "benefit_modes",
            "households_involved",
            "poor_households",
            "valid_from",
            "valid_until",
            "document",
            "products",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
            "products": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cooperative = partner
        self.fields["products"].queryset = _own_products(partner)


class HarvestBatchForm(forms.ModelForm):
    class Meta:
        model = HarvestBatch
        fields = ["product", "township_village", "harvest_date", "quantity", "unit", "certificate", "inspection_report"]
        widgets = {"harvest_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cooperative = partner
        if partner.county_id and not self.instance.county_id:
            self.instance.county_id = partner.county_id
        self.fields["product"].queryset = _own_products(partner)
        self.fields["certificate"].queryset = Certificate.objects.filter(cooperative=partner)
