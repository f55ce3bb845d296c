"""Forked order utilities: placing an order takes over the stock reserved before payment."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator
from oscar.apps.order.utils import OrderDispatcher, OrderNumberGenerator  # noqa: F401 — re-exported for get_class


class OrderCreator(CoreOrderCreator):
    """Oscar allocates stock after payment without checking it is there; we never do.

    ``reserved`` names the stock records whose units were already reserved (and counted
    in ``num_allocated``) before the buyer paid; those are not allocated a second time.
    Anything else is taken with the same conditional update, and fails loudly instead
    of driving the stock negative.
    """

    def __init__(self, *args, reserved: set[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reserved = reserved or set()

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        # An order line is the record cooperatives, statements and reports read: it keeps the
        # Chinese title (the source) even when an English buyer places the order.
        with translation.override(settings.LANGUAGE_CODE):
            return super().create_line_models(order, basket_line, extra_line_fields)

    def update_stock_records(self, line) -> None:
        from stripe_payments.stock import release_expired, take

        if not line.product.get_product_class().track_stock or line.stockrecord_id in self.reserved:
            return
        # A stale hold (an abandoned or crashed payment) may be what is in the way: release, then retry once.
        if not take(line.stockrecord_id, line.quantity) and not (release_expired() and take(line.stockrecord_id, line.quantity)):
            raise UnableToPlaceOrder(_("%(title)s 库存不足。") % {"title": line.product.get_title()})
