"""Forms of the claim screens; the rules themselves are in aftersales.services."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from aftersales.models import Claim
from aftersales.services import MAX_NOTE_LENGTH, MAX_PHOTOS_PER_UPLOAD
from core.money import parse_money
from core.multifile import MultipleImageField


class ClaimForm(forms.Form):
    reason = forms.ChoiceField(label=_("售后原因"), choices=Claim.Reason.choices, widget=forms.RadioSelect)
    quantity = forms.IntegerField(label=_("数量"), min_value=1)
    note = forms.CharField(
        label=_("问题描述"),
        required=False,
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("例如：外箱压坏，6 个里有 2 个摔裂")}),
    )
    photos = MultipleImageField(
        label=_("照片"), max_files=MAX_PHOTOS_PER_UPLOAD, help_text=_("最多 6 张，JPG、PNG 或 WebP。照片越清楚，处理越快。")
    )

    def __init__(self, *args, max_quantity: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        quantity = self.fields["quantity"]
        quantity.validators.append(MaxValueValidator(max_quantity))
        quantity.widget.attrs.update({"max": max_quantity, "inputmode": "numeric"})
        quantity.initial = max_quantity


class AddPhotosForm(forms.Form):
    photos = MultipleImageField(label=_("补充照片"), max_files=MAX_PHOTOS_PER_UPLOAD, help_text=_("最多 6 张"))
    note = forms.CharField(label=_("补充说明"), required=False, max_length=MAX_NOTE_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))


class ApproveForm(forms.Form):
    amount = forms.CharField(label=_("退款金额（元）"), widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    goods_returned = forms.BooleanField(
        label=_("货物已退回，退回库存"), required=False, help_text=_("生鲜无需退货；只有货物真的退回时才勾选。")
    )
    note = forms.CharField(label=_("给买家的说明"), required=False, max_length=MAX_NOTE_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_amount(self):
        return parse_money(self.cleaned_data["amount"])


class MorePhotosForm(forms.Form):
    message = forms.CharField(
        label=_("需要买家补充什么"),
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("例如：请拍一下外箱和面单")}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("拒绝原因（买家可见）"), max_length=MAX_NOTE_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))
