"""Forked checkout forms: a Chinese delivery address (省 / 市 / 区 / 详细地址) and a mainland mobile number.

The address is stored on Oscar's ShippingAddress: ``state`` = province, ``line4`` = city,
``line3`` = district, ``line1`` = street, ``last_name`` = the recipient's full name
(Chinese names are not split into first and last). Guangzhou addresses must name one of
Guangzhou's districts (regions.District): the order records it for the impact report.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F403 — Oscar's fork pattern: the other forms stay vanilla
from oscar.core.loading import get_model

from core.validators import mainland_mobile_validator, normalise_mobile
from regions.models import District

ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

DEFAULT_PROVINCE = "广东省"
DEFAULT_CITY = "广州市"


def guangzhou_district(province: str, city: str, district: str) -> District | None:
    """The regions.District an address lies in, or None outside Guangzhou."""
    if province.rstrip("省") != DEFAULT_PROVINCE.rstrip("省") or city.rstrip("市") != DEFAULT_CITY.rstrip("市"):
        return None
    name = district.strip()
    return District.objects.filter(name__in=[name, f"{name.rstrip('区')}区"]).first()


class DistrictInput(forms.TextInput):
    """A text input offering Guangzhou's districts (a datalist) while allowing any county elsewhere."""

    template_name = "checkout/widgets/district_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = "guangzhou-districts"
        context["districts"] = list(District.objects.values_list("name", flat=True))
        return context


class ShippingAddressForm(forms.ModelForm):
    name = forms.CharField(label=_("收货人"), max_length=64)
    mobile = forms.CharField(label=_("手机号码"), max_length=20, help_text=_("快递员联系您的号码"))
    province = forms.CharField(label=_("省份"), max_length=32, initial=DEFAULT_PROVINCE)
    city = forms.CharField(label=_("城市"), max_length=32, initial=DEFAULT_CITY)
    district = forms.CharField(label=_("区/县"), max_length=32, widget=DistrictInput)
    street = forms.CharField(label=_("详细地址"), max_length=255, help_text=_("街道、门牌号、小区、楼栋和房号"))
    field_order = ["name", "mobile", "province", "city", "district", "street", "postcode", "notes"]

    class Meta:
        model = ShippingAddress
        fields = ["postcode", "notes"]
        labels = {"postcode": _("邮政编码（选填）"), "notes": _("配送备注（选填）")}

    def __init__(self, *args, **kwargs):
        initial = kwargs.get("initial") or {}
        if initial:
            # Oscar hands back the fields it stored in the session: map them onto ours.
            initial = dict(initial)
            initial.setdefault("name", initial.get("last_name") or "")
            initial.setdefault("street", initial.get("line1") or "")
            initial.setdefault("district", initial.get("line3") or "")
            initial.setdefault("city", initial.get("line4") or DEFAULT_CITY)
            initial.setdefault("province", initial.get("state") or DEFAULT_PROVINCE)
            initial.setdefault("mobile", normalise_mobile(str(initial.get("phone_number") or "")))
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["postcode"].required = False

    def clean_mobile(self) -> str:
        mobile = normalise_mobile(self.cleaned_data["mobile"])
        mainland_mobile_validator(mobile)
        return mobile

    def clean(self) -> dict:
        data = super().clean()
        province, city, district = (data.get(key, "").strip() for key in ("province", "city", "district"))
        if province and city and district:
            in_guangzhou = province.rstrip("省") == "广东" and city.rstrip("市") == "广州"
            if in_guangzhou and guangzhou_district(province, city, district) is None:
                self.add_error("district", _("请选择广州市的一个区，例如 天河区。"))
        if not self.errors:
            instance = self.instance
            instance.first_name = ""
            instance.last_name = data["name"].strip()
            instance.line1 = data["street"].strip()
            instance.line2 = ""
            instance.line3 = district
            instance.line4 = city
            instance.state = province
            instance.phone_number = f"+86{data['mobile']}"
            instance.country = mainland_china()
        return data


def mainland_china():
    """Mainland China is the only shipping country (created by the payments data migration)."""
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="CN",
        defaults={
            "iso_3166_1_a3": "CHN",
            "iso_3166_1_numeric": "156",
            "printable_name": "中国",
            "name": "中华人民共和国",
            "is_shipping_country": True,
        },
    )
    return country
