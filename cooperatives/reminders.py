"""Expiry reminders: certificates and licences 90, 30 and 7 days before they run out.

A certificate that lapses takes its badge off the products (a query-time rule in
traceability), so a cooperative must renew in time. Each threshold is mailed once per
document and expiry date: the ExpiryReminder row is claimed before the mail is sent, under a
unique constraint, so a beat task and a manual ``send_expiry_reminders`` running side by
side cannot send it twice. A renewed document (new expiry date) starts its reminders afresh.
A run that missed a day catches up with the nearest threshold only (no 90-day mail at 6 days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cooperatives.models import CooperativeProfile, ExpiryReminder

Partner = get_model("partner", "Partner")

THRESHOLDS = (90, 30, 7)
WINDOW_DAYS = max(THRESHOLDS)


@dataclass
class ExpiringItem:
    partner_id: int
    subject_key: str
    title: str
    valid_until: dt.date
    url: str

    def days_left(self, today: dt.date) -> int:
        return (self.valid_until - today).days


def expiring_items(partners, *, today: dt.date | None = None, within: int = WINDOW_DAYS) -> list[ExpiringItem]:
    """Certificates (not rejected) and licences of these partners that expire in the next ``within`` days."""
    from traceability.models import Certificate

    today = today or timezone.localdate()
    until = today + dt.timedelta(days=within)
    partner_ids = [partner.pk for partner in partners]
    items: list[ExpiringItem] = []
    certificates = (
        Certificate.objects.filter(cooperative_id__in=partner_ids, valid_until__gte=today, valid_until__lte=until)
        .exclude(status__in=[Certificate.Status.REJECTED, Certificate.Status.EXPIRED])
        .order_by("valid_until", "pk")
    )
    certificate_url = reverse("traceability_cooperative:certificate_list")
    for certificate in certificates:
        items.append(
            ExpiringItem(
                partner_id=certificate.cooperative_id,
                subject_key=f"certificate:{certificate.pk}",
                title=_("%(type)s证书 %(number)s") % {"type": certificate.get_cert_type_display(), "number": certificate.number},
                valid_until=certificate.valid_until,
                url=certificate_url,
            )
        )
    profile_url = reverse("cooperatives_dashboard:coop-my-profile")
    for profile in CooperativeProfile.objects.filter(partner_id__in=partner_ids):
        for key, title, valid_until in (
            ("licence:business", _("营业执照"), profile.business_licence_valid_until),
            (
                "licence:food",
                _("食品生产经营许可证 %(number)s") % {"number": profile.food_licence_number},
                profile.food_licence_valid_until,
            ),
        ):
            if valid_until and today <= valid_until <= until:
                items.append(ExpiringItem(profile.partner_id, key, title.strip(), valid_until, profile_url))
    return sorted(items, key=lambda item: (item.valid_until, item.subject_key))


def due_threshold(days_left: int) -> int | None:
    """The threshold a document with ``days_left`` is in: 7 for 0–7 days, 30 for 8–30, 90 for 31–90."""
    for threshold in sorted(THRESHOLDS):
        if days_left <= threshold:
            return threshold
    return None


def _claim(item: ExpiringItem, days: int) -> ExpiryReminder | None:
    """Record the reminder; None when it was already sent (this threshold or a nearer one)."""
    already = ExpiryReminder.objects.filter(
        partner_id=item.partner_id, subject_key=item.subject_key, valid_until=item.valid_until, days__lte=days
    )
    if already.exists():
        return None
    try:
        with transaction.atomic():
            return ExpiryReminder.objects.create(
                partner_id=item.partner_id, subject_key=item.subject_key, title=item.title[:255], valid_until=item.valid_until, days=days
            )
    except IntegrityError:  # a concurrent run claimed it first
        return None


def send_expiry_reminders(*, today: dt.date | None = None) -> int:
    """Mail every reminder that is due today and was not sent before; returns how many were sent."""
    from core.mail import send_after_commit

    today = today or timezone.localdate()
    partners = Partner.objects.prefetch_related("users")
    sent = 0
    for partner in partners:
        recipients = [user.email for user in partner.users.all() if user.email and user.is_active]
        for item in expiring_items([partner], today=today):
            days = due_threshold(item.days_left(today))
            if days is None or _claim(item, days) is None:
                continue
            sent += 1
            if not recipients:
                continue
            with translation.override("zh-hans"):
                subject = _("【黔货进穗】%(title)s将于%(date)s到期") % {"title": item.title, "date": item.valid_until.isoformat()}
                body = _(
                    "%(partner)s：\n\n%(title)s将于 %(date)s 到期（还有 %(days)s 天）。"
                    "请及时续期并在卖家中心上传新证件，过期后商品上的认证标识将自动下线。\n\n%(url)s\n"
                ) % {
                    "partner": partner.name,
                    "title": item.title,
                    "date": item.valid_until.isoformat(),
                    "days": item.days_left(today),
                    "url": _site_url(item.url),
                }
            send_after_commit(subject, body, recipients)  # the one mail path: a Celery task after commit, never raises
    return sent


def _site_url(path: str) -> str:
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def banners_for(partners, *, today: dt.date | None = None) -> list[dict]:
    """What the seller centre shows on every page: the documents a reminder was sent for, still unrenewed."""
    today = today or timezone.localdate()
    items = expiring_items(partners, today=today)
    if not items:
        return []
    reminded = set(ExpiryReminder.objects.filter(partner__in=partners, valid_until__gte=today).values_list("subject_key", "valid_until"))
    return [
        {
            "level": "danger" if item.days_left(today) <= 7 else "warning",
            "title": _("%(title)s即将到期：") % {"title": item.title},
            "text": _("有效期至 %(date)s，还有 %(days)s 天。") % {"date": item.valid_until.isoformat(), "days": item.days_left(today)},
            "url": item.url,
            "link_text": _("去续期"),
        }
        for item in items
        if (item.subject_key, item.valid_until) in reminded
    ]
