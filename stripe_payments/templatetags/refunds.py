"""The staff refund panel on the dashboard's order page: what is left per line, the form, past refunds."""

import secrets

from django import template

from stripe_payments import restock
from stripe_payments.refunds import line_balances, refundable_total

register = template.Library()


@register.inclusion_tag("payments/dashboard/refund_panel.html")
def refund_panel(order) -> dict:
    balances = list(line_balances(order).values())
    return {
        "order": order,
        "rows": [{"balance": b, "shipped": restock.line_is_shipped(b.line)} for b in balances],
        "refundable": refundable_total(order),
        "refunds": order.refunds.prefetch_related("lines__line").select_related("created_by"),
        # A fresh token per rendering: the refund's idempotency key, so a double click refunds once.
        "refund_key": secrets.token_urlsafe(18),
    }
