"""Only ProductForm changes; Oscar's loader takes every other form from Oscar's module."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from oscar.apps.dashboard.catalogue import forms as oscar_forms

from core.i18n import BilingualFormMixin, bilingual_fields
from core.uploads import validate_image


class ProductForm(BilingualFormMixin, oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = [*bilingual_fields(oscar_forms.ProductForm.Meta.model, oscar_forms.ProductForm.Meta.fields), "origin_county", "code_832"]
        widgets = {
            **oscar_forms.ProductForm.Meta.widgets,
            "description_en": forms.Textarea(attrs={"class": "wysiwyg"}),
        }


class CategoryForm(BilingualFormMixin, oscar_forms.CategoryForm):
    class Meta(oscar_forms.CategoryForm.Meta):
        fields = bilingual_fields(oscar_forms.CategoryForm.Meta.model, oscar_forms.CategoryForm.Meta.fields)
        widgets = {
            **getattr(oscar_forms.CategoryForm.Meta, "widgets", {}),
            "description_en": forms.Textarea(attrs={"class": "wysiwyg"}),
        }


class ProductAttributesForm(BilingualFormMixin, oscar_forms.ProductAttributesForm):
    class Meta(oscar_forms.ProductAttributesForm.Meta):
        fields = bilingual_fields(oscar_forms.ProductAttributesForm.Meta.model, oscar_forms.ProductAttributesForm.Meta.fields)


class OptionForm(BilingualFormMixin, oscar_forms.OptionForm):
    class Meta(oscar_forms.OptionForm.Meta):
        fields = bilingual_fields(oscar_forms.OptionForm.Meta.model, oscar_forms.OptionForm.Meta.fields)


class AttributeOptionForm(BilingualFormMixin, oscar_forms.AttributeOptionForm):
    """A choice value such as a grade (特级 / special grade)."""

    class Meta(oscar_forms.AttributeOptionForm.Meta):
        fields = bilingual_fields(oscar_forms.AttributeOptionForm.Meta.model, oscar_forms.AttributeOptionForm.Meta.fields)


class ProductImageForm(oscar_forms.ProductImageForm):
    """A new product photo passes the one image validator (format, real content, pixel count, size)."""

    def clean_original(self):
        original = self.cleaned_data.get("original")
        if isinstance(original, UploadedFile):
            validate_image(original)
        return original
