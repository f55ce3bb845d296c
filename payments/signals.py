"""Tell the buyer when an order ships (the dashboard's status change is the trigger)."""

from django.db import transaction
from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed

from payments import emails
from payments.services import STATUS_SHIPPED


@receiver(order_status_changed, dispatch_uid="payments.shipped_email")
def send_shipped_email(sender, order, old_status, new_status, **kwargs) -> None:
    if new_status != STATUS_SHIPPED or old_status == STATUS_SHIPPED:
        return
    event = order.shipping_events.order_by("-date_created").first()
    tracking_number = event.notes if event else ""
    transaction.on_commit(lambda: emails.shipped(order, tracking_number))


@receiver(order_status_changed, dispatch_uid="payments.cancel_allocation")
def release_cancelled_stock(sender, order, old_status, new_status, **kwargs) -> None:
    """A cancelled order gives its unshipped units back on sale (never below zero)."""
    from payments.services import STATUS_CANCELLED
    from payments.stock import give_back

    if new_status != STATUS_CANCELLED or old_status == STATUS_CANCELLED:
        return
    for line in order.lines.select_related("stockrecord", "product__product_class"):
        if line.stockrecord_id and line.product and line.product.get_product_class().track_stock:
            give_back(line.stockrecord_id, line.quantity)
