"""One-screen checkout: contact, address (address book or a new Chinese address), delivery, notes, total, pay.

JD and Taobao put everything a buyer decides on one page; Oscar spreads it over five
(gateway, address, method, payment method, preview). This view is Oscar's own
``PaymentDetailsView`` (our fork, which reserves stock and sends the buyer to Stripe)
mounted at ``/shop/checkout/confirm/``: it validates the page's forms, writes the
choices into Oscar's checkout session exactly as the step views would, and then places
the order through the same ``submit`` — so the payment path is the tested one. Oscar's
step URLs still work (and are what the older tests drive); nothing links to them.
"""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_class, get_model

from checkout.forms import ShippingAddressForm
from checkout.views import PaymentDetailsView
from shipping.methods import basket_needs_cold_chain

Repository = get_class("shipping.repository", "Repository")
UserAddress = get_model("address", "UserAddress")

NEW_ADDRESS = "new"


class GuestContactForm(forms.Form):
    email = forms.EmailField(
        label=_("电子邮箱"), max_length=254, help_text=_("订单确认和发货通知会发到这个邮箱，凭它也能查询订单。")
    )


class IndexView(oscar_views.IndexView):
    """/shop/checkout/: straight to the one screen; Oscar's guest/sign-in form still accepted when posted."""

    success_url = reverse_lazy("checkout:confirm")

    def get(self, request, *args, **kwargs):
        return redirect("checkout:confirm")


class OnePageCheckoutView(PaymentDetailsView):
    template_name = "oscar/checkout/confirm.html"
    template_name_preview = "oscar/checkout/confirm.html"
    preview = True
    # The page itself captures email, address and method: only the basket must be ready.
    pre_conditions = ["check_basket_is_not_empty", "check_basket_is_valid"]
    skip_conditions = []

    def get_pre_conditions(self, request):
        return self.pre_conditions

    def get_skip_conditions(self, request):
        return self.skip_conditions

    # -- what the page offers --------------------------------------------------------

    def saved_addresses(self) -> list:
        if not self.request.user.is_authenticated:
            return []
        addresses = self.request.user.addresses.filter(country__is_shipping_country=True)
        return list(addresses.order_by("-is_default_for_shipping", "-date_created"))

    def available_methods(self) -> list:
        basket = self.request.basket
        return list(Repository().get_shipping_methods(basket=basket, user=self.request.user, request=self.request))

    def chosen_address_id(self, addresses: list) -> str:
        if self.request.method == "POST":
            return self.request.POST.get("address_id", NEW_ADDRESS if not addresses else str(addresses[0].pk))
        stored = self.checkout_session.shipping_user_address_id()
        if stored and any(address.pk == stored for address in addresses):
            return str(stored)
        if self.checkout_session.new_shipping_address_fields() or not addresses:
            return NEW_ADDRESS
        return str(addresses[0].pk)

    def chosen_method_code(self, methods: list) -> str:
        codes = [method.code for method in methods]
        if self.request.method == "POST":
            wanted = self.request.POST.get("method_code")
        else:
            wanted = self.checkout_session.shipping_method_code(self.request.basket)
        return wanted if wanted in codes else (codes[0] if codes else "")

    def order_notes(self) -> str:
        if self.request.method == "POST":
            return self.request.POST.get("notes", "").strip()[:500]
        return self.checkout_session._get("shipping", "order_notes") or ""

    def get_forms(self) -> dict:
        if getattr(self, "_forms", None) is not None:
            return self._forms
        data = self.request.POST if self.request.method == "POST" and self.request.POST.get("action") == "place_order" else None
        contact = None
        if not self.request.user.is_authenticated:
            contact = GuestContactForm(data, initial={"email": self.checkout_session.get_guest_email() or ""}, prefix="contact")
        initial = dict(self.checkout_session.new_shipping_address_fields() or {})
        address = ShippingAddressForm(data, initial=initial, prefix="address")
        self._forms = {"contact": contact, "address": address}
        return self._forms

    def get_context_data(self, **kwargs):
        addresses = self.saved_addresses()
        methods = self.available_methods()
        basket = self.request.basket
        chosen_code = self.chosen_method_code(methods)
        options = []
        for method in methods:
            charge = method.calculate(basket)
            # The totals the page shows are the ones the order will have (Oscar computes them).
            total = self.get_order_totals(basket, shipping_charge=charge)
            options.append({"method": method, "charge": charge, "total": total, "checked": method.code == chosen_code})
        chosen = next((option for option in options if option["checked"]), None)
        context = super().get_context_data(**kwargs)
        forms_ = self.get_forms()
        context.update(
            {
                "contact_form": forms_["contact"],
                "address_form": forms_["address"],
                "saved_addresses": addresses,
                "chosen_address": self.chosen_address_id(addresses),
                "shipping_options": options,
                "order_notes": self.order_notes(),
                "cold_chain": basket_needs_cold_chain(basket),
                "address_error": getattr(self, "address_error", ""),
                "login_url": f"{reverse('customer:login')}?next={reverse('checkout:confirm')}",
            }
        )
        if chosen is not None:
            context.update(shipping_method=chosen["method"], shipping_charge=chosen["charge"], order_total=chosen["total"])
        return context

    # -- placing the order -----------------------------------------------------------

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "place_order":
            return redirect("checkout:confirm")
        forms_ = self.get_forms()
        valid = True
        if forms_["contact"] is not None:
            if forms_["contact"].is_valid():
                self.checkout_session.set_guest_email(forms_["contact"].cleaned_data["email"])
            else:
                valid = False
        addresses = self.saved_addresses()
        address_id = self.chosen_address_id(addresses)
        if address_id != NEW_ADDRESS:
            address = next((a for a in addresses if str(a.pk) == address_id), None)
            if address is None:
                valid = False
                self.address_error = _("请选择一个收货地址。")
            else:
                self.checkout_session.ship_to_user_address(address)
        elif forms_["address"].is_valid():
            fields = {k: v for k, v in forms_["address"].instance.__dict__.items() if not k.startswith("_")}
            self.checkout_session.ship_to_new_address(fields)
        else:
            valid = False
        methods = self.available_methods()
        code = self.chosen_method_code(methods)
        if not code:
            valid = False
        else:
            self.checkout_session.use_shipping_method(code)
        self.checkout_session._set("shipping", "order_notes", self.order_notes())
        if not valid:
            return self.render_preview(request, error=_("请检查下面标红的内容。"))
        return self.handle_place_order_submission(request)

    def get_shipping_address(self, basket):
        address = super().get_shipping_address(basket)
        if address is not None:
            address.notes = self.checkout_session._get("shipping", "order_notes") or address.notes or ""
        return address
