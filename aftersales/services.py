"""The rules of after-sale claims: who may claim what and until when, who answers, where the money goes.

Every state change locks the claim row first (``select_for_update``), so a double-clicked
"approve" finds the claim already decided; the refund itself goes through the one refund
service with a key per decision (``aftersale-claim-<pk>``), so even two racing requests
that both got past the claim could not pay twice. Each step writes a ClaimEvent and mails
the buyer (in the language they filed in) after the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from aftersales import delivery
from aftersales.models import Claim, ClaimEvent, ClaimPhoto
from core.money import format_cny, quantize_fen
from stripe_payments.refunds import LineRefund, RefundError, line_balances, refund_order

logger = logging.getLogger(__name__)

Line = get_model("order", "Line")

MAX_PHOTOS_PER_UPLOAD = 6
MAX_PHOTOS_PER_CLAIM = 12
MAX_NOTE_LENGTH = 1000


class ClaimError(Exception):
    """The claim cannot be filed or decided as asked; the message is shown to the person who asked."""


# --- settings -------------------------------------------------------------------
def claim_days() -> int:
    return int(getattr(settings, "AFTERSALES_CLAIM_DAYS", 7))


def cold_chain_hours() -> int:
    return int(getattr(settings, "AFTERSALES_COLD_CHAIN_HOURS", 48))


def response_hours() -> int:
    return int(getattr(settings, "AFTERSALES_RESPONSE_HOURS", 48))


# --- the window ------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimWindow:
    opens_at: dt.datetime | None  # None: not shipped yet
    closes_at: dt.datetime | None
    cold_chain: bool

    def is_open(self, now: dt.datetime) -> bool:
        return self.opens_at is not None and self.opens_at <= now <= self.closes_at


def claim_window(line) -> ClaimWindow:
    """From shipment until N days after delivery (48 hours for cold-chain goods)."""
    product = line.product
    cold_chain = bool(product is not None and product.needs_cold_chain)
    opens_at = delivery.shipped_at(line)
    if opens_at is None:
        return ClaimWindow(None, None, cold_chain)
    start = delivery.delivered_at(line) or opens_at
    length = dt.timedelta(hours=cold_chain_hours()) if cold_chain else dt.timedelta(days=claim_days())
    return ClaimWindow(opens_at, start + length, cold_chain)


# --- what is left to claim --------------------------------------------------------
def refundable_amount(line) -> Decimal:
    """What the buyer paid for the line and has not had back (the refund service's own balance)."""
    return max(line_balances(line.order)[line.pk].money, Decimal("0.00"))


def claimable_quantity(line) -> int:
    """Units no refund has taken back yet (a money-only partial refund leaves the units claimable)."""
    return max(line_balances(line.order)[line.pk].units, 0)


def full_refund_for(claim: Claim) -> Decimal:
    """The claimed units at the price paid, never more than is left of the line."""
    line = claim.line
    if claim.quantity >= line.quantity:
        amount = line.line_price_incl_tax
    else:
        amount = quantize_fen(line.line_price_incl_tax * claim.quantity / line.quantity)
    return min(amount, refundable_amount(line))


# --- who sees what -------------------------------------------------------------------
def claims_for_buyer(user) -> QuerySet:
    return Claim.objects.filter(user=user) if user.is_authenticated else Claim.objects.none()


def claims_for_seller(user) -> QuerySet:
    """Staff see every claim; a cooperative user only claims on its own partners' lines."""
    claims = Claim.objects.select_related("order", "line", "partner")
    if user.is_staff:
        return claims
    return claims.filter(partner__users=user)


def claims_to_answer(user) -> int:
    """The seller centre's badge: claims waiting for this cooperative (for staff: escalated ones)."""
    if user.is_staff:
        return Claim.objects.filter(status=Claim.Status.ESCALATED).count()
    return claims_for_seller(user).filter(status=Claim.Status.OPEN).count()


def claims_for_order(order) -> list[Claim]:
    return list(order.claims.select_related("refund").prefetch_related("photos", "events").order_by("created_at", "pk"))


def buyer_owns(line, user) -> bool:
    return user.is_authenticated and line.order.user_id == user.pk


# --- buyer's steps -------------------------------------------------------------------
def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_NOTE_LENGTH:
        raise ClaimError(_("说明最多 %(count)s 个字。") % {"count": MAX_NOTE_LENGTH})
    return text


def _check_photo_count(photos: list, already: int = 0) -> None:
    if len(photos) > MAX_PHOTOS_PER_UPLOAD:
        raise ClaimError(_("每次最多上传 %(count)s 张照片。") % {"count": MAX_PHOTOS_PER_UPLOAD})
    if already + len(photos) > MAX_PHOTOS_PER_CLAIM:
        raise ClaimError(_("一个售后申请最多 %(count)s 张照片。") % {"count": MAX_PHOTOS_PER_CLAIM})


@transaction.atomic
def file_claim(
    *,
    line,
    user,
    reason: str,
    quantity: int,
    note: str = "",
    photos: list | None = None,
    language: str = "",
    now: dt.datetime | None = None,
) -> Claim:
    """The buyer claims on one of their lines; the line's cooperative has ``AFTERSALES_RESPONSE_HOURS`` to answer."""
    now = now or timezone.now()
    photos = photos or []
    line = Line.objects.select_for_update(of=("self",)).select_related("order", "product").get(pk=line.pk)
    if not buyer_owns(line, user):
        raise ClaimError(_("只能对自己的订单申请售后。"))
    window = claim_window(line)
    if window.opens_at is None:
        raise ClaimError(_("商品发货后才能申请售后；未发货的订单请直接取消。"))
    if not window.is_open(now):
        deadline = timezone.localtime(window.closes_at).strftime("%Y-%m-%d %H:%M")
        raise ClaimError(_("已超过售后期限（%(deadline)s 截止），不能再申请售后。如有问题请联系平台客服。") % {"deadline": deadline})
    if line.claims.filter(status__in=Claim.ACTIVE).exists():
        raise ClaimError(_("这件商品已有处理中的售后申请，请在原申请中补充说明。"))
    if reason not in Claim.Reason.values:
        raise ClaimError(_("请选择售后原因。"))
    available = claimable_quantity(line)
    if available < 1:
        raise ClaimError(_("这件商品已全部退款，不能再申请售后。"))
    if not 1 <= quantity <= available:
        raise ClaimError(_("数量应在 1 到 %(count)s 之间。") % {"count": available})
    note = _clean_text(note)
    _check_photo_count(photos)
    claim = Claim.objects.create(
        line=line,
        order=line.order,
        partner=line.partner,
        user=user,
        reason=reason,
        quantity=quantity,
        note=note,
        language=language or settings.LANGUAGE_CODE,
        response_due_at=now + dt.timedelta(hours=response_hours()),
        created_at=now,
    )
    for photo in photos:
        ClaimPhoto.objects.create(claim=claim, image=photo, uploaded_at=now)
    _log(claim, ClaimEvent.Kind.FILED, ClaimEvent.Role.BUYER, user, note, now=now)
    return claim


@transaction.atomic
def add_photos(*, claim: Claim, user, photos: list, note: str = "", now: dt.datetime | None = None) -> Claim:
    """The buyer adds photos (or a word) to a claim still being handled; a request for photos goes back to the cooperative."""
    now = now or timezone.now()
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.user_id != user.pk:
        raise ClaimError(_("只能补充自己的售后申请。"))
    if not claim.is_active:
        raise ClaimError(_("该售后申请已处理完毕，不能再补充。"))
    note = _clean_text(note)
    if not photos and not note:
        raise ClaimError(_("请上传照片或填写说明。"))
    _check_photo_count(photos, already=claim.photos.count())
    for photo in photos:
        ClaimPhoto.objects.create(claim=claim, image=photo, uploaded_at=now)
    if claim.status == Claim.Status.MORE_PHOTOS:
        claim.status = Claim.Status.OPEN
        claim.response_due_at = now + dt.timedelta(hours=response_hours())
        claim.save(update_fields=["status", "response_due_at"])
    _log(claim, ClaimEvent.Kind.PHOTOS_ADDED, ClaimEvent.Role.BUYER, user, note, now=now, notify=False)
    return claim


# --- the cooperative's (or staff's) decisions ----------------------------------------------
def _locked_for_decision(claim: Claim, actor) -> tuple[Claim, str]:
    claim = Claim.objects.select_for_update(of=("self",)).select_related("line", "order").get(pk=claim.pk)
    if actor.is_staff:
        role = ClaimEvent.Role.STAFF
    elif claim.partner_id and claim.partner.users.filter(pk=actor.pk).exists():
        role = ClaimEvent.Role.COOPERATIVE
    else:
        raise ClaimError(_("您无权处理这个售后申请。"))
    if not claim.is_active:
        raise ClaimError(_("该售后申请已处理（%(status)s），无需重复操作。") % {"status": claim.get_status_display()})
    if claim.status == Claim.Status.ESCALATED and role != ClaimEvent.Role.STAFF:
        raise ClaimError(_("该申请超时未处理，已转平台客服处理。"))
    return claim, role


@transaction.atomic
def approve(*, claim: Claim, actor, amount: Decimal | None = None, goods_returned: bool = False, note: str = "") -> Claim:
    """Refund the claim, in full (``amount`` None) or in part, through stripe_payments.refunds.refund_order.

    Perishables need no return: stock goes back only when ``goods_returned`` says the goods came back.
    """
    claim, role = _locked_for_decision(claim, actor)
    full = full_refund_for(claim)
    amount = full if amount is None else quantize_fen(amount)
    if amount <= 0:
        raise ClaimError(_("退款金额必须大于 0。"))
    if amount > full:
        raise ClaimError(_("退款金额不能超过 %(amount)s（该商品实付且未退的金额）。") % {"amount": format_cny(full)})
    note = _clean_text(note)
    # Units leave the sales figures only when the claimed units are refunded in full; a partial
    # refund (a bruised box the buyer keeps) is money only.
    quantity = claim.quantity if amount == full else 0
    try:
        refund = refund_order(
            order=claim.order,
            key=f"aftersale-claim-{claim.pk}",
            lines=[LineRefund(line=claim.line, quantity=quantity, amount=amount, restock=bool(goods_returned and quantity))],
            reason=_("售后退款：%(reason)s") % {"reason": claim.get_reason_display()},
            actor=actor,
            source="aftersale",
        )
    except RefundError as error:
        raise ClaimError(error.message) from error
    if refund.status == "failed":  # a retry of a decision whose refund Stripe refused: say so again
        raise ClaimError(refund.failure_message or _("退款未成功，请稍后重试或联系平台客服。"))
    now = timezone.now()
    claim.status = Claim.Status.APPROVED
    claim.refund = refund
    claim.refund_amount = refund.amount
    claim.goods_returned = bool(goods_returned)
    claim.decision_note = note
    claim.decided_by = actor
    claim.decided_at = now
    claim.save()
    _log(claim, ClaimEvent.Kind.APPROVED, role, actor, note, amount=refund.amount, now=now)
    return claim


@transaction.atomic
def request_more_photos(*, claim: Claim, actor, message: str) -> Claim:
    claim, role = _locked_for_decision(claim, actor)
    message = _clean_text(message)
    if not message:
        raise ClaimError(_("请告诉买家需要补充什么照片。"))
    claim.status = Claim.Status.MORE_PHOTOS
    claim.save(update_fields=["status"])
    _log(claim, ClaimEvent.Kind.MORE_PHOTOS, role, actor, message)
    return claim


@transaction.atomic
def decline(*, claim: Claim, actor, reason: str) -> Claim:
    claim, role = _locked_for_decision(claim, actor)
    reason = _clean_text(reason)
    if not reason:
        raise ClaimError(_("拒绝时请填写原因，买家会看到。"))
    claim.status = Claim.Status.DECLINED
    claim.decision_note = reason
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.save()
    _log(claim, ClaimEvent.Kind.DECLINED, role, actor, reason)
    return claim


def escalate_overdue(*, now: dt.datetime | None = None) -> int:
    """Claims the cooperative has not answered in time go to staff (run by Celery beat and `escalate_claims`)."""
    now = now or timezone.now()
    escalated = 0
    for pk in Claim.objects.filter(status=Claim.Status.OPEN, response_due_at__lt=now).values_list("pk", flat=True):
        with transaction.atomic():
            claim = Claim.objects.select_for_update().get(pk=pk)
            if claim.status != Claim.Status.OPEN or claim.response_due_at >= now:
                continue
            claim.status = Claim.Status.ESCALATED
            claim.save(update_fields=["status"])
            _log(claim, ClaimEvent.Kind.ESCALATED, ClaimEvent.Role.SYSTEM, None, "", now=now)
            escalated += 1
    return escalated


# --- log and mail ---------------------------------------------------------------------
def _log(claim: Claim, kind: str, role: str, actor, message: str, *, amount=None, now=None, notify: bool = True) -> ClaimEvent:
    event = ClaimEvent.objects.create(
        claim=claim, kind=kind, role=role, actor=actor, message=message, amount=amount, created_at=now or timezone.now()
    )
    if notify:
        transaction.on_commit(lambda: notify_buyer(event.pk))
    return event


def notify_buyer(event_pk: int) -> None:
    """Mail the buyer one step of their claim, in their language; a mail failure changes nothing they see."""
    from stripe_payments.tasks import send_buyer_email  # the shop's one buyer-mail task

    try:
        event = ClaimEvent.objects.select_related("claim__order", "claim__line", "claim__user").get(pk=event_pk)
        claim = event.claim
        to = claim.user.email or claim.order.email
        if not to:
            return
        with translation.override(claim.language or settings.LANGUAGE_CODE):
            context = {
                "claim": claim,
                "event": event,
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("aftersales:claim-detail", kwargs={"pk": claim.pk}),
            }
            subject = render_to_string("aftersales/email/claim_event_subject.txt", context).strip()
            body = render_to_string("aftersales/email/claim_event_body.txt", context)
        send_buyer_email.delay(subject, body, to)
    except Exception:  # noqa: BLE001 — the claim step is recorded; the mail is best effort and logged
        logger.exception("Could not mail claim event %s", event_pk)
