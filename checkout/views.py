"""Forked checkout views: the order is placed when Stripe confirms payment, not when the buyer clicks.

"Place order" on the preview page reserves the basket's stock and sends the buyer to a
Stripe Checkout Session (Oscar's RedirectRequired pattern). The order itself is
written by stripe_payments.services.fulfil, from the webhook or the buyer's return,
whichever comes first.
"""

from importlib import import_module

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from oscar.apps.checkout import views
from oscar.apps.checkout.views import *  # noqa: F403 — Oscar's fork pattern: the other views stay vanilla
from oscar.apps.payment.exceptions import RedirectRequired, UnableToTakePayment

from stripe_payments import services


def invoicing():
    """Pay on invoice for business buyers on credit terms (settings.CHECKOUT_INVOICE_PAYMENT: wholesale.invoicing).

    Loaded by configuration so the shop imports nothing from wholesale. The module provides
    ``invoice_account(user)``, ``check_terms(account=, po_number=, delivery_date=, total=)`` and
    ``issue_invoice(order=, terms=)``.
    """
    return import_module(settings.CHECKOUT_INVOICE_PAYMENT)


class PaymentDetailsView(views.PaymentDetailsView):
    """No card form on our pages: the preview's button goes straight to Stripe."""

    @classmethod
    def as_view(cls, **initkwargs):
        # Stock is reserved in its own short transaction and committed before Stripe is
        # called, so row locks are never held across a network round trip.
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def freeze_basket(self, basket):
        # Oscar freezes the basket before taking payment, in a commit of its own: a worker killed
        # right after would leave the buyer's basket frozen, invisible, and tied to nothing. The
        # basket is frozen instead in the transaction that holds its stock for a Stripe payment
        # (stripe_payments.services.start_checkout), so the release job always finds and thaws it.
        return None

    def send_order_placed_email(self, order):
        # Oscar would mail its own order confirmation here, on top of ours: a card order is
        # confirmed once paid (stripe_payments.emails.order_confirmation), an order on invoice by
        # the invoice mail (wholesale.invoicing.send_invoice). One order, one confirmation.
        return None

    def render_payment_details(self, request, **kwargs):
        # Sold out or payment unavailable: show the order summary again with the reason.
        return self.render_preview(request, **kwargs)

    def buyer_email(self) -> str:
        user = self.request.user
        return user.email if user.is_authenticated else (self.checkout_session.get_guest_email() or "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invoice_account"] = invoicing().invoice_account(self.request.user)
        return context

    def handle_payment(self, order_number, total, **kwargs):
        account = invoicing().invoice_account(self.request.user)
        if account is not None:
            # Buyers on credit terms pay later by bank transfer: no Stripe, Oscar places the
            # order right away (its OrderCreator takes the stock), the invoice follows.
            try:
                self.invoice_terms = invoicing().check_terms(
                    account=account,
                    po_number=self.request.POST.get("po_number", ""),
                    delivery_date=self.request.POST.get("delivery_date", ""),
                    total=total.incl_tax,
                )
            except ValidationError as error:
                raise UnableToTakePayment(" ".join(error.messages)) from error
            return
        basket = self.request.basket
        try:
            started = services.start_checkout(
                basket=basket,
                order_number=order_number,
                total=total,
                shipping_method=self.get_shipping_method(basket),
                shipping_address=self.get_shipping_address(basket),
                user=self.request.user,
                email=self.buyer_email(),
                language=get_language() or "zh-hans",
                success_url=self.request.build_absolute_uri(reverse("payments:stripe_return")),
                cancel_url=self.request.build_absolute_uri(reverse("payments:stripe_cancel")),
            )
        except (services.SoldOut, services.PaymentUnavailable) as error:
            raise UnableToTakePayment(str(error)) from error
        raise RedirectRequired(started.url)

    def handle_order_placement(
        self, order_number, user, basket, shipping_address, shipping_method, shipping_charge, billing_address, order_total, **kwargs
    ):
        terms = getattr(self, "invoice_terms", None)
        if terms is None:
            return super().handle_order_placement(
                order_number, user, basket, shipping_address, shipping_method, shipping_charge, billing_address, order_total, **kwargs
            )
        # Pay on invoice: the order and its invoice are written together or not at all (a failure
        # leaves no half-made order behind the error the buyer sees).
        with transaction.atomic():
            order = self.place_order(
                order_number=order_number,
                user=user,
                basket=basket,
                shipping_address=shipping_address,
                shipping_method=shipping_method,
                shipping_charge=shipping_charge,
                order_total=order_total,
                billing_address=billing_address,
                **kwargs,
            )
            invoicing().issue_invoice(order=order, terms=terms)
            basket.submit()
        return self.handle_successful_order(order)
