"""Units of an order line that come back: the one place that puts refunded or cancelled goods back on sale.

Staff refunds, cancellations and after-sale claims all end here (through
``stripe_payments.refunds``), so the stock arithmetic is written once:

- A line that has **not shipped** still holds its units in ``StockRecord.num_allocated``
  (and in Oscar's ``Line.num_allocated``): the units go back on sale, always.
- A line that **has shipped**: staff choose. Returned to the shelf, the units go back on sale;
  not returned (eaten, spoilt, lost), they leave the stock for good.

Shipping in this shop does not consume the allocation (the cooperative marks a line shipped
without touching stock), so a shipped line may still hold its allocation; a line whose
allocation Oscar did consume gets its units back in ``num_in_stock`` instead. Neither path can
drive a count below zero.
"""

from __future__ import annotations

from django.db.models import F, Value
from django.db.models.functions import Coalesce, Least
from oscar.core.loading import get_model

from stripe_payments.stock import net_stock_moved

Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

SHIPPED_STATUSES = ("已发货", "已完成")


def line_is_shipped(line) -> bool:
    """Has this line left the cooperative? (its own fulfilment record, or the line's or order's status)."""
    fulfilment = getattr(line, "fulfilment", None)  # cooperatives.LineFulfilment; a missing one-to-one raises → None
    if fulfilment is not None and getattr(fulfilment, "status", "") == "shipped":
        return True
    return line.status in SHIPPED_STATUSES or line.order.status in SHIPPED_STATUSES


def tracks_stock(line) -> bool:
    return bool(line.stockrecord_id and line.product_id and line.product.get_product_class().track_stock)


def return_units(line, quantity: int, *, restock: bool) -> bool:
    """Take ``quantity`` units of ``line`` off the order's books; returns whether they went back on sale.

    Call inside the transaction that records why (a refund): the line row is locked here.
    """
    if quantity <= 0 or not tracks_stock(line):
        return False
    shipped = line_is_shipped(line)
    back_on_sale = restock or not shipped
    locked = Line.objects.select_for_update().get(pk=line.pk)
    still_allocated = min(quantity, locked.num_allocated or 0)
    consumed = quantity - still_allocated
    allocated = Coalesce(F("num_allocated"), Value(0))
    records = StockRecord.objects.filter(pk=line.stockrecord_id)
    if still_allocated:
        Line.objects.filter(pk=line.pk).update(num_allocated=F("num_allocated") - still_allocated)
        if back_on_sale:
            records.update(num_allocated=allocated - Least(allocated, Value(still_allocated)))
        else:
            # Gone for good: the allocation is consumed, as Oscar does when goods leave.
            records.update(
                num_allocated=allocated - Least(allocated, Value(still_allocated)),
                num_in_stock=F("num_in_stock") - Least(F("num_in_stock"), Value(still_allocated)),
            )
    if consumed and back_on_sale:
        records.update(num_in_stock=F("num_in_stock") + consumed)
    if back_on_sale:
        net_stock_moved.send(sender=StockRecord, stockrecord_id=line.stockrecord_id, change=quantity)
    return back_on_sale
