"""The address-book form: checkout's Chinese address form, saved to the shopper's UserAddress.

The fields, the mobile-number rule and the Guangzhou-district check live once, in
``checkout.forms.ShippingAddressForm``; this form only points them at ``UserAddress``
and adds the 设为默认收货地址 choice (which checkout preselects).
"""

from __future__ import annotations

from django import forms
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from checkout.forms import ShippingAddressForm

UserAddress = get_model("address", "UserAddress")

# The UserAddress columns ShippingAddressForm reads back as its initial values (see its __init__).
STORED_FIELDS = ["last_name", "line1", "line3", "line4", "state", "phone_number"]


class AddressBookForm(ShippingAddressForm):
    is_default_for_shipping = forms.BooleanField(label=_("设为默认收货地址"), required=False)

    class Meta(ShippingAddressForm.Meta):
        model = UserAddress
        fields = ["postcode", "is_default_for_shipping"]

    def __init__(self, user, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            # Editing: show the stored address in the form's own fields (name, mobile, province…).
            kwargs["initial"] = {**model_to_dict(instance, fields=STORED_FIELDS), **(kwargs.get("initial") or {})}
        elif not user.addresses.filter(is_default_for_shipping=True).exists():
            # A first address (or none marked default yet) becomes the default unless unticked.
            kwargs["initial"] = {"is_default_for_shipping": True, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.instance.user = user
