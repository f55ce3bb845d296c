from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Carrier, CooperativeApplication, CooperativeProfile
from core.uploads import validate_document, validate_image
from core.validators import normalize_credit_code


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented pattern for a field taking several files."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ApplicationForm(forms.ModelForm):
    certificates = MultipleFileField(
        label=_("资质证书（可选）"),
        required=False,
        help_text=_("绿色食品、有机产品、地理标志等证书，可多选；JPG、PNG 或 PDF。"),
    )

    class Meta:
        model = CooperativeApplication
        fields = [
            "name",
            "county",
            "credit_code",
            "legal_representative",
            "phone",
            "email",
            "address",
            "poor_households",
            "business_licence",
        ]
        help_texts = {
            "credit_code": _("18位，见营业执照。"),
            "business_licence": _("JPG、PNG 或 PDF，不超过 5 MB。"),
        }

    def clean_credit_code(self) -> str:
        code = normalize_credit_code(self.cleaned_data["credit_code"])
        taken = CooperativeApplication.objects.filter(
            credit_code=code, status__in=[CooperativeApplication.Status.PENDING, CooperativeApplication.Status.APPROVED]
        )
        if taken.exists():
            raise forms.ValidationError(_("该统一社会信用代码已有待审核或已通过的申请。"))
        return code

    def clean_certificates(self) -> list:
        files = self.cleaned_data.get("certificates") or []
        if len(files) > 10:
            raise forms.ValidationError(_("最多上传10个证书文件。"))
        for upload in files:
            validate_document(upload)
        return files

    def clean(self) -> dict:
        cleaned = super().clean()
        uploads = [cleaned.get("business_licence"), *(cleaned.get("certificates") or [])]
        total = sum(getattr(upload, "size", 0) or 0 for upload in uploads if upload)
        limit = settings.COOPERATIVE_APPLICATION_MAX_TOTAL_BYTES
        if total > limit:
            raise forms.ValidationError(
                _("上传文件合计 %(size)s，超过每份申请 %(limit)s 的上限，请压缩后再提交。"),
                params={"size": filesizeformat(total), "limit": filesizeformat(limit)},
            )
        return cleaned

    def save(self, commit: bool = True) -> CooperativeApplication:
        application = super().save(commit=commit)
        if commit:
            for upload in self.cleaned_data.get("certificates") or []:
                application.documents.create(file=upload)
        return application


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("驳回原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ShipForm(forms.Form):
    """Carrier and tracking number, entered once per package."""

    carrier = forms.ChoiceField(label=_("快递公司"), choices=[("", _("请选择快递公司")), *Carrier.choices])
    tracking_number = forms.CharField(
        label=_("运单号"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text", "autocapitalize": "characters"}),
    )


class StatementGenerateForm(forms.Form):
    month = forms.DateField(label=_("结算月份"), input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"))


class ImportUploadForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("合作社"), queryset=None, empty_label=None)
    file = forms.FileField(label=_("CSV 或 Excel 文件"), help_text=_("列：SKU、商品名称、单价、库存、描述；CSV 可为 UTF-8 或 GBK 编码。"))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.only_partner = partners[0] if len(partners) == 1 else None
        if self.only_partner is not None:
            self.fields["partner"].required = False
            self.fields["partner"].widget = forms.HiddenInput()

    def clean_partner(self):
        return self.cleaned_data.get("partner") or self.only_partner


class ProfileForm(forms.ModelForm):
    photo = forms.FileField(label=_("添加照片（可选）"), required=False, help_text=_("JPG 或 PNG，不超过 5 MB。"))
    caption = forms.CharField(label=_("照片说明"), required=False, max_length=128)

    class Meta:
        model = CooperativeProfile
        fields = [
            "story",
            "bank_name",
            "bank_account_name",
            "bank_account",
            "business_licence_valid_until",
            "food_licence_number",
            "food_licence_valid_until",
        ]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 8}),
            "business_licence_valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "food_licence_valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            validate_image(photo)
        return photo

    def save(self, commit: bool = True) -> CooperativeProfile:
        profile = super().save(commit=commit)
        if commit and self.cleaned_data.get("photo"):
            profile.photos.create(image=self.cleaned_data["photo"], caption=self.cleaned_data.get("caption", ""))
        return profile
