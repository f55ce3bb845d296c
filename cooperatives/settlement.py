"""Monthly statements, refunds and deductions, payout batches.

A statement covers the cooperative's lines of the orders placed in its month, each kept as a
StatementLine net of its refunds line by line (``payments.RefundLine``, succeeded refunds only).
Every refund line is settled exactly once (StatementRefund is one-to-one with it):

- while the sale's statement is open, the refund reduces that statement (kind ``refund``);
- once that statement is paid, it is never changed: the refund becomes a deduction on the
  cooperative's next statement that is generated (kind ``deduction``).

fee = (gross − refunds − deductions) × fee %, rounded half-up to the fen once;
payable = gross − refunds − deductions − fee.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cooperatives.models import PayoutBatch, Statement, StatementLine, StatementRefund
from core.money import quantize_fen
from stripe_payments.models import Refund, RefundLine

Partner = get_model("partner", "Partner")
Line = get_model("order", "Line")
ZERO = Decimal("0.00")


class SettlementError(Exception):
    """The settlement step cannot be done as asked (message is user-facing)."""


def platform_fee_percent() -> Decimal:
    return Decimal(str(getattr(settings, "COOPERATIVE_PLATFORM_FEE_PERCENT", "5.00")))


def month_bounds(period: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_default_timezone()
    start = dt.datetime(period.year, period.month, 1, tzinfo=tz)
    days = calendar.monthrange(period.year, period.month)[1]
    return start, start + dt.timedelta(days=days)


def _excluded_statuses() -> tuple[str, ...]:
    return tuple(getattr(settings, "COOPERATIVE_EXCLUDED_ORDER_STATUSES", ("已取消",)))


def _sold_lines(partner, period: dt.date) -> QuerySet:
    start, end = month_bounds(period)
    return (
        Line.objects.filter(partner=partner, order__date_placed__gte=start, order__date_placed__lt=end)
        .exclude(order__status__in=_excluded_statuses())
        .select_related("order")
        .order_by("order__date_placed", "pk")
    )


def _unsettled_refund_lines(partner) -> QuerySet:
    return RefundLine.objects.filter(
        line__partner=partner, refund__status=Refund.Status.SUCCEEDED, statement_entry__isnull=True
    ).select_related("refund", "line")


@transaction.atomic
def generate_statement(partner, period: dt.date) -> Statement:
    """Create or recompute the partner's statement for the month; a paid statement is never changed."""
    period = period.replace(day=1)
    statement, _created = Statement.objects.select_for_update().get_or_create(
        partner=partner, period=period, defaults={"fee_percent": platform_fee_percent()}
    )
    if statement.status == Statement.Status.PAID:
        return statement
    statement.refund_entries.all().delete()
    statement.lines.all().delete()

    sold = list(_sold_lines(partner, period))
    sold_ids = {line.pk for line in sold}
    paid_line_ids = set(
        StatementLine.objects.filter(statement__partner=partner, statement__status=Statement.Status.PAID).values_list("line_id", flat=True)
    )
    refunded: dict[int, tuple[int, Decimal]] = {}
    entries = []
    for refund_line in _unsettled_refund_lines(partner).order_by("refund__created_at", "pk"):
        if refund_line.line_id in sold_ids:
            quantity, amount = refunded.get(refund_line.line_id, (0, ZERO))
            refunded[refund_line.line_id] = (quantity + refund_line.quantity, amount + refund_line.amount)
            entries.append(
                StatementRefund(statement=statement, refund_line=refund_line, kind=StatementRefund.Kind.REFUND, amount=refund_line.amount)
            )
        elif refund_line.line_id in paid_line_ids:
            entries.append(
                StatementRefund(
                    statement=statement, refund_line=refund_line, kind=StatementRefund.Kind.DEDUCTION, amount=refund_line.amount
                )
            )
    StatementLine.objects.bulk_create(
        [
            StatementLine(
                statement=statement,
                line=line,
                order_number=line.order.number,
                date_placed=line.order.date_placed,
                sku=line.partner_sku or "",
                title=line.title,
                quantity=line.quantity,
                refunded_quantity=min(refunded.get(line.pk, (0, ZERO))[0], line.quantity),
                gross=line.line_price_incl_tax,
                refunded=min(refunded.get(line.pk, (0, ZERO))[1], line.line_price_incl_tax),
            )
            for line in sold
        ]
    )
    StatementRefund.objects.bulk_create(entries)

    statement.fee_percent = platform_fee_percent()
    statement.lines_count = len(sold)
    statement.items_count = sum(line.quantity for line in sold)
    statement.gross = sum((line.line_price_incl_tax for line in sold), ZERO)
    statement.refunds = sum((entry.amount for entry in entries if entry.kind == StatementRefund.Kind.REFUND), ZERO)
    statement.deductions = sum((entry.amount for entry in entries if entry.kind == StatementRefund.Kind.DEDUCTION), ZERO)
    net = statement.gross - statement.refunds - statement.deductions
    statement.fee = quantize_fen(net * statement.fee_percent / 100)
    statement.payable = net - statement.fee
    statement.save()
    return statement


def generate_statements(period: dt.date) -> list[Statement]:
    """Statements for the month for every cooperative that sold in it or has refunds to settle."""
    start, end = month_bounds(period)
    sold = Line.objects.filter(order__date_placed__gte=start, order__date_placed__lt=end).values_list("partner", flat=True)
    refunded = RefundLine.objects.filter(refund__status=Refund.Status.SUCCEEDED, statement_entry__isnull=True).values_list(
        "line__partner", flat=True
    )
    partner_ids = {pk for pk in (*sold, *refunded) if pk}
    return [generate_statement(partner, period) for partner in Partner.objects.filter(pk__in=partner_ids).order_by("pk")]


@transaction.atomic
def mark_statement_paid(statement: Statement, *, user) -> Statement:
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.status != Statement.Status.PAID:
        statement.status = Statement.Status.PAID
        statement.paid_at = timezone.now()
        statement.paid_by = user
        statement.save()
    return statement


# --- payout batches ---------------------------------------------------------------------
def payable_statements() -> QuerySet:
    """Open statements with money to pay that are not in a batch yet."""
    return (
        Statement.objects.filter(status=Statement.Status.OPEN, payout_batch__isnull=True, payable__gt=0)
        .select_related("partner", "partner__profile")
        .order_by("partner__name", "period")
    )


@transaction.atomic
def create_payout_batch(*, user) -> PayoutBatch:
    statements = list(payable_statements().select_for_update(of=("self",)))
    if not statements:
        raise SettlementError(_("没有待付款的结算单。"))
    batch = PayoutBatch.objects.create(created_by=user, total=sum((statement.payable for statement in statements), ZERO))
    Statement.objects.filter(pk__in=[statement.pk for statement in statements]).update(payout_batch=batch)
    return batch


def payout_rows(batch: PayoutBatch) -> list[list]:
    """One row per cooperative: bank, account name, account, amount, the statements it pays."""
    by_partner: dict[int, dict] = {}
    for statement in batch.statements.select_related("partner", "partner__profile").order_by("partner__name", "period"):
        profile = getattr(statement.partner, "profile", None)
        row = by_partner.setdefault(
            statement.partner_id,
            {
                "partner": statement.partner.name,
                "bank": getattr(profile, "bank_name", "") or "",
                "account_name": getattr(profile, "bank_account_name", "") or statement.partner.name,
                "account": getattr(profile, "bank_account", "") or "",
                "amount": ZERO,
                "periods": [],
            },
        )
        row["amount"] += statement.payable
        row["periods"].append(f"{statement.period:%Y-%m}")
    return [
        [row["partner"], row["bank"], row["account_name"], row["account"], row["amount"], " ".join(row["periods"])]
        for row in by_partner.values()
    ]


@transaction.atomic
def mark_batch_paid(batch: PayoutBatch, *, user) -> PayoutBatch:
    batch = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == PayoutBatch.Status.PAID:
        return batch
    for statement in batch.statements.filter(status=Statement.Status.OPEN):
        mark_statement_paid(statement, user=user)
    batch.status = PayoutBatch.Status.PAID
    batch.paid_at = timezone.now()
    batch.paid_by = user
    batch.save()
    return batch


def statement_line_refunds(statement_line: StatementLine) -> QuerySet:
    """The refund lines behind one statement line (refunds of it, wherever they were settled)."""
    return (
        RefundLine.objects.filter(line_id=statement_line.line_id, refund__status=Refund.Status.SUCCEEDED)
        .select_related("refund", "statement_entry__statement")
        .order_by("refund__created_at", "pk")
    )


def deduction_entries(statement: Statement) -> QuerySet:
    return statement.refund_entries.filter(kind=StatementRefund.Kind.DEDUCTION).select_related(
        "refund_line__line__order", "refund_line__refund"
    )
