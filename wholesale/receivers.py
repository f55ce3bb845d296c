from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from wholesale.quotes import use_up_quotes


@receiver(order_placed)
def quotes_are_used_by_the_order(sender, order, user=None, **kwargs) -> None:
    if user is not None and user.is_authenticated:
        use_up_quotes(user=user)
