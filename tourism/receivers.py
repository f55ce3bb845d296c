"""Tourism's answers to the shop's questions (connected in TourismConfig.ready)."""

from django.dispatch import receiver
from django.utils import timezone

from stripe_payments.services import too_late_to_deliver
from tourism.booking import departure_date, is_departure_product


@receiver(too_late_to_deliver, dispatch_uid="tourism.departed")
def departure_has_left(sender, lines, **kwargs) -> bool:
    """A tour paid for after its departure date (the seat was held, the day has passed)."""
    today = timezone.localdate()
    for line in lines:
        when = departure_date(line.product) if is_departure_product(line.product) else None
        if when is not None and when < today:
            return True
    return False
