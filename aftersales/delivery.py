"""When an order line was shipped and delivered, as far as the shop knows.

Claims open at shipment and close a while after delivery; reviews open at delivery (or a
week after shipping). Both read these two facts from here, so there is one answer.

Shipment comes from the cooperative's package (cooperatives.Package through PackageLine);
delivery from Oscar's status 已完成 on the line or the order, dated by the order's status
change. History without dates (demo orders, orders shipped before packages existed) falls back
to the status change to 已发货 and then to the order's placing date, which only ever closes a
window earlier, never later.
"""

from __future__ import annotations

import datetime as dt

SHIPPED_STATUSES = ("已发货", "已完成")  # 部分发货 on an order says nothing about a given line
DELIVERED_STATUS = "已完成"


def _status_change_date(order, status: str) -> dt.datetime | None:
    changes = [change for change in order.status_changes.all() if change.new_status == status]
    return max((change.date_created for change in changes), default=None)


def shipped_at(line) -> dt.datetime | None:
    """When the line left the cooperative, or None while it has not."""
    package_line = getattr(line, "package_line", None)  # None when the line is in no package
    if package_line is not None and package_line.package.shipped_at:
        return package_line.package.shipped_at
    order = line.order
    if line.status in SHIPPED_STATUSES or order.status in SHIPPED_STATUSES:
        return _status_change_date(order, "已发货") or _status_change_date(order, DELIVERED_STATUS) or order.date_placed
    return None


def is_delivered(line) -> bool:
    return DELIVERED_STATUS in (line.status, line.order.status)


def delivered_at(line) -> dt.datetime | None:
    """When the buyer received the line, or None while the shop does not know it was delivered."""
    if not is_delivered(line):
        return None
    return _status_change_date(line.order, DELIVERED_STATUS) or shipped_at(line) or line.order.date_placed
