"""Oscar tells us an order was placed; the ledger writes down what the sale counts as, once."""

from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from impact.ledger import record_order_safely


@receiver(order_placed)
def ledger_records_the_sale(sender, order, **kwargs) -> None:
    record_order_safely(order)
