"""Race-free stock: units are reserved before the buyer pays, never after.

Unmodified Oscar checks availability without a lock and allocates after payment
without a check, so two buyers of the last unit both pay. Here a reservation is a
conditional UPDATE — ``num_allocated += q WHERE num_in_stock - num_allocated >= q`` —
which the database evaluates under the row lock it takes for the UPDATE: on PostgreSQL
a concurrent buyer waits and then re-checks the condition against the committed row,
on SQLite writers are serialised. Either way exactly as many buyers succeed as there
are units, and the count can never go negative.

Reserved units are counted in Oscar's own ``num_allocated``, so every availability
check in Oscar (basket, product page, dashboard) already sees them as taken.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from stripe_payments.models import CheckoutPayment, StockReservation

StockRecord = get_model("partner", "StockRecord")


class SoldOut(Exception):
    """Raised with a message the buyer can read when a line can no longer be filled."""

    def __init__(self, titles: list[str]):
        self.titles = titles
        super().__init__(_("很抱歉，%(titles)s 已售罄或库存不足，请修改购物车后再结算。") % {"titles": "、".join(titles)})


# Sent after a queryset update moved a stock record's net stock (in stock − allocated) by ``change``
# units (negative: taken). Queryset updates send no post_save; the page cache listens here to drop
# pages when stock crosses zero (marketplace.invalidation), without the shop importing it.
net_stock_moved = Signal()


@dataclass(frozen=True)
class Need:
    stockrecord_id: int
    quantity: int
    title: str


def needs_for_basket(basket) -> list[Need]:
    """The stock a basket needs, one entry per stock record, in stock-record order (a fixed lock order)."""
    quantities: dict[int, int] = defaultdict(int)
    titles: dict[int, str] = {}
    for line in basket.all_lines():
        if line.stockrecord_id is None or not line.product.get_product_class().track_stock:
            continue
        quantities[line.stockrecord_id] += line.quantity
        titles[line.stockrecord_id] = line.product.get_title()
    return [Need(pk, quantities[pk], titles[pk]) for pk in sorted(quantities)]


def take(stockrecord_id: int, quantity: int) -> bool:
    allocated = Coalesce(F("num_allocated"), Value(0))
    taken = bool(
        StockRecord.objects.filter(pk=stockrecord_id, num_in_stock__gte=allocated + quantity).update(num_allocated=allocated + quantity)
    )
    if taken:
        net_stock_moved.send(sender=StockRecord, stockrecord_id=stockrecord_id, change=-quantity)
    return taken


def give_back(stockrecord_id: int, quantity: int) -> None:
    allocated = Coalesce(F("num_allocated"), Value(0))
    if StockRecord.objects.filter(pk=stockrecord_id, num_allocated__gte=quantity).update(num_allocated=allocated - quantity):
        net_stock_moved.send(sender=StockRecord, stockrecord_id=stockrecord_id, change=quantity)


def reserve(payment: CheckoutPayment, needs: list[Need]) -> None:
    """Hold every line or none: raises SoldOut naming the lines that cannot be filled.

    Call ``release_expired()`` first, outside the caller's transaction (start_checkout does).
    """
    with transaction.atomic():
        missing = [need.title for need in needs if not take(need.stockrecord_id, need.quantity)]
        if missing:
            raise SoldOut(missing)
        StockReservation.objects.bulk_create(
            StockReservation(payment=payment, stockrecord_id=need.stockrecord_id, quantity=need.quantity) for need in needs
        )


def release(payment: CheckoutPayment) -> int:
    """Give back what a payment still holds (failed, expired, cancelled); safe to call twice."""
    released = 0
    with transaction.atomic():
        held = list(
            StockReservation.objects.select_for_update()
            .filter(payment=payment, state=StockReservation.State.HELD)
            .order_by("stockrecord_id")
        )
        for reservation in held:
            give_back(reservation.stockrecord_id, reservation.quantity)
            reservation.state = StockReservation.State.RELEASED
            reservation.save(update_fields=["state"])
            released += reservation.quantity
    return released


def convert(payment: CheckoutPayment) -> None:
    """The order now owns the allocation: Oscar consumes it when the line ships."""
    StockReservation.objects.filter(payment=payment, state=StockReservation.State.HELD).update(state=StockReservation.State.CONVERTED)


def stale_payments():
    """Open payments whose hold has gone stale: the payment page expired, or it never got one.

    A payment without a Stripe session older than ``STRIPE_SESSIONLESS_SECONDS`` is one whose
    worker died (or timed out) between reserving the stock and creating the session: the buyer
    never reached a payment page, so nobody can be paying for it.
    """
    now = timezone.now()
    sessionless_before = now - timedelta(seconds=settings.STRIPE_SESSIONLESS_SECONDS)
    return CheckoutPayment.objects.filter(status=CheckoutPayment.Status.OPEN).filter(
        Q(expires_at__lt=now) | Q(stripe_session_id__isnull=True, created_at__lt=sessionless_before)
    )


def units_on_sale(stockrecord_id: int) -> int:
    """Units a shopper may buy now, counting stale holds as free (read only: safe on GET).

    One statement, so one snapshot: read in two queries, a release committing in between would
    make the same units count neither as allocated-but-stale nor as free.
    """
    stale = (
        StockReservation.objects.filter(stockrecord=OuterRef("pk"), state=StockReservation.State.HELD, payment__in=stale_payments())
        .values("stockrecord")
        .annotate(units=Sum("quantity"))
        .values("units")
    )
    row = (
        StockRecord.objects.filter(pk=stockrecord_id)
        .annotate(stale=Coalesce(Subquery(stale), Value(0)))
        .values("num_in_stock", "num_allocated", "stale")
        .first()
    )
    return 0 if row is None else row["num_in_stock"] - (row["num_allocated"] or 0) + row["stale"]


def release_expired() -> int:
    """Release the stock of stale payments and give their buyers their baskets back.

    Runs every minute (Celery beat: ``stripe_payments.tasks.release_stale_holds``; or the command
    ``release_expired_stock``), and before any stock is taken (``reserve``, invoice orders).
    """
    released = 0
    stale = stale_payments().filter(reservations__state=StockReservation.State.HELD).distinct()
    for payment in stale.values_list("pk", flat=True):
        with transaction.atomic():
            locked = stale_payments().select_for_update().filter(pk=payment).first()
            if locked is None:  # paid, cancelled or released meanwhile
                continue
            released += release(locked)
            locked.status = CheckoutPayment.Status.EXPIRED
            locked.save(update_fields=["status", "updated_at"])
            thaw_basket(locked)
    return released


def thaw_basket(payment: CheckoutPayment) -> None:
    """The buyer's basket, frozen while they paid, is theirs to change and check out again."""
    basket = payment.basket
    if basket is not None and basket.status == basket.FROZEN:
        basket.thaw()


def reclaim(payment: CheckoutPayment) -> bool:
    """Take again what an expired reservation gave back, for a payment that succeeded late. All or nothing."""
    with transaction.atomic():
        released = list(
            StockReservation.objects.select_for_update()
            .filter(payment=payment, state=StockReservation.State.RELEASED)
            .order_by("stockrecord_id")
        )
        for reservation in released:
            if not take(reservation.stockrecord_id, reservation.quantity):
                transaction.set_rollback(True)
                return False
        StockReservation.objects.filter(pk__in=[r.pk for r in released]).update(state=StockReservation.State.HELD)
    return True
