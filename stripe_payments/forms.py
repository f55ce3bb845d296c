"""The staff refund form on the dashboard's order page, read into the refund service's terms."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.money import FEN, parse_money, quantize_fen
from stripe_payments import restock
from stripe_payments.refunds import LineRefund, RefundError, line_balances, refundable_total

#: The form's one-time token (rendered fresh with every page): the refund's idempotency key.
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def staff_refund_key(order, data) -> str:
    token = (data.get("refund_key") or "").strip()
    if not TOKEN.fullmatch(token):
        raise RefundError(_("退款表单已失效，请刷新页面后重试。"))
    return f"staff-{order.pk}-{token}"


def staff_refund_request(order, data) -> tuple[list[LineRefund], Decimal]:
    """(lines, total) from the form: units per line, "back to stock" for shipped lines, the amount.

    "全额退款" takes every unit and everything left. Otherwise the amount defaults to the value of
    the units chosen; a smaller amount is shared among those lines, a larger one is money on top.
    """
    balances = line_balances(order)
    full = bool(data.get("full"))
    chosen: list[tuple[object, int, Decimal, bool]] = []
    for pk, balance in balances.items():
        shipped = restock.line_is_shipped(balance.line)
        back = not shipped or data.get(f"restock-{pk}") == "on"
        if full:
            units = balance.units
        else:
            raw = (data.get(f"qty-{pk}") or "0").strip()
            if not raw.isdigit():
                raise RefundError(_("“%(title)s”的退货数量必须是不小于零的整数。") % {"title": balance.line.title})
            units = int(raw)
            if units > balance.units:
                raise RefundError(_("“%(title)s”最多还可退 %(units)s 件。") % {"title": balance.line.title, "units": balance.units})
        if units == 0 and not full:
            continue
        value = balance.money if units == balance.units else min(balance.money, quantize_fen(balance.line.unit_price_incl_tax * units))
        chosen.append((balance.line, units, value, back))
    if full:
        return [LineRefund(line, units, value, back) for line, units, value, back in chosen], refundable_total(order)
    raw_amount = (data.get("amount") or "").strip()
    value_of_units = sum((value for _line, _units, value, _back in chosen), Decimal("0.00"))
    if not raw_amount:
        if not chosen:
            raise RefundError(_("请填写退款金额，或选择要退的商品数量。"))
        return [LineRefund(line, units, value, back) for line, units, value, back in chosen], value_of_units
    try:
        amount = parse_money(raw_amount)
    except ValidationError as error:
        raise RefundError(" ".join(error.messages)) from None
    if amount >= value_of_units:
        return [LineRefund(line, units, value, back) for line, units, value, back in chosen], amount
    # Less than the units are worth (a partial refund for returned goods): shared among them.
    shares = [(value * amount / value_of_units).quantize(FEN, rounding=ROUND_DOWN) for _l, _u, value, _b in chosen]
    shares[0] += amount - sum(shares, Decimal("0.00"))
    return [LineRefund(line, units, share, back) for (line, units, _v, back), share in zip(chosen, shares, strict=True)], amount
