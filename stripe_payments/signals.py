"""Order status changes: tell the buyer when an order ships; refund and restock a cancelled order."""

import logging

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _
from oscar.apps.order.signals import order_status_changed

from stripe_payments import emails
from stripe_payments.services import STATUS_CANCELLED, STATUS_SHIPPED

logger = logging.getLogger(__name__)


@receiver(order_status_changed, dispatch_uid="payments.shipped_email")
def send_shipped_email(sender, order, old_status, new_status, **kwargs) -> None:
    if new_status != STATUS_SHIPPED or old_status == STATUS_SHIPPED:
        return
    event = order.shipping_events.order_by("-date_created").first()
    tracking_number = event.notes if event else ""
    transaction.on_commit(lambda: emails.shipped(order, tracking_number))


@receiver(order_status_changed, dispatch_uid="payments.cancel_allocation")
def refund_cancelled_order(sender, order, old_status, new_status, **kwargs) -> None:
    """A cancelled order is refunded in full and its unshipped units go back on sale — through the one refund service.

    The key is the order's, so cancelling twice (or a retried request) refunds once. If Stripe
    refuses, the failed refund is on the order's page and staff refund it from there; the units
    stay allocated until the money has gone back.
    """
    from stripe_payments.refunds import RefundError, refund_order, refundable_total, return_unrefunded_units

    if new_status != STATUS_CANCELLED or old_status == STATUS_CANCELLED:
        return
    if refundable_total(order) <= 0:
        return_unrefunded_units(order)
        return
    try:
        refund_order(order=order, key=f"cancel-{order.pk}", reason=_("订单取消"), source="cancel")
    except RefundError as error:
        logger.error("Order #%s was cancelled but its refund failed: %s", order.number, error.message)
