"""Oscar's address-book views on our form, with messages in our words.

Each view is Oscar's (its queryset already limits a shopper to their own addresses, so
another shopper's address is a 404); only the form, the success messages and the
set-default action change. Setting the default changes data, so it is a POST
(Oscar's view also accepts a GET link).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.customer import views as oscar_views

from addressbook.forms import AddressBookForm


class AddressCreateView(oscar_views.AddressCreateView):
    form_class = AddressBookForm

    def get_success_url(self):
        messages.success(self.request, _("已保存收货地址。"))
        return str(self.success_url)


class AddressUpdateView(oscar_views.AddressUpdateView):
    form_class = AddressBookForm

    def get_success_url(self):
        messages.success(self.request, _("已更新收货地址。"))
        return str(self.success_url)


class AddressDeleteView(oscar_views.AddressDeleteView):
    def get_success_url(self):
        messages.success(self.request, _("已删除收货地址。"))
        return str(self.success_url)


class SetDefaultAddressView(generic.View):
    """设为默认: the one address checkout preselects (UserAddress.save clears the old default)."""

    http_method_names = ["post"]

    def post(self, request, pk: int, action: str):
        address = get_object_or_404(request.user.addresses.all(), pk=pk)
        if action == "default_for_shipping" and address.country.is_shipping_country:
            address.is_default_for_shipping = True
            address.save()
            messages.success(request, _("已设为默认收货地址。"))
        return HttpResponseRedirect(reverse("customer:address-list"))
