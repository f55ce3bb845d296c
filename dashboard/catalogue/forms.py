"""Only ProductForm changes; Oscar's loader takes every other form from Oscar's module."""

from oscar.apps.dashboard.catalogue import forms as oscar_forms


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = [*oscar_forms.ProductForm.Meta.fields, "origin_county"]
