"""Buyer emails in the buyer's language: confirmation, payment failed, shipped, refunded.

Sent after the database transaction commits (a rolled-back order sends nothing), through
core.mail (a Celery task: a worker sends it when REDIS_URL is set, inline after commit
otherwise); a mail failure is logged and never reaches the buyer.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.mail import send_after_commit

logger = logging.getLogger(__name__)


def _send(kind: str, to: str, language: str, context: dict) -> None:
    if not to:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {**context, "site_url": settings.WAGTAILADMIN_BASE_URL}
        subject = render_to_string(f"payments/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"payments/email/{kind}_body.txt", context)
    send_after_commit(subject, body, [to])


def _recipient(order=None, payment=None) -> str:
    if order is not None and (order.guest_email or order.user_id):
        return order.guest_email or order.user.email
    return payment.email if payment is not None else ""


def _language(order=None, payment=None) -> str:
    payment = payment or getattr(order, "stripe_payment", None)
    return payment.language if payment is not None else settings.LANGUAGE_CODE


def order_confirmation(order, payment) -> None:
    _send("order_confirmation", _recipient(order, payment), _language(order, payment), {"order": order})


def payment_failed(payment, *, refunded: bool) -> None:
    _send("payment_failed", _recipient(payment=payment), _language(payment=payment), {"payment": payment, "refunded": refunded})


def shipped(order, tracking_number: str = "") -> None:
    _send("shipped", _recipient(order), _language(order), {"order": order, "tracking_number": tracking_number})


def refunded(order, payment, amount: Decimal, total: Decimal) -> None:
    context = {"order": order, "amount": amount, "total": total, "payment": payment}
    _send("refunded", _recipient(order, payment), _language(order, payment), context)
