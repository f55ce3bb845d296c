"""Every email leaves through a Celery task after the transaction commits — whoever sends it.

Why an email backend and not a helper to remember: Oscar (order and account mails), Django
(password reset), Wagtail (form submissions) and our apps all call ``send_mail`` or
``EmailMessage.send()``, most of them inside a request and its transaction. With
``EMAIL_BACKEND = "core.mail.TaskEmailBackend"`` each message is turned into plain data and handed
to ``core.tasks.send_email`` on commit (a rolled-back order sends nothing); the task sends it with
the real backend (``EMAIL_DELIVERY_BACKEND``, from ``EMAIL_URL``) and retries while SMTP is down.
A mail failure is logged, never raised into the request: the buyer sees their order, not an error.
Without a broker (the embedded default) the task runs inline after commit, with the same guard;
with a broker that is down, the message is sent inline instead, still guarded.

``send_after_commit(subject, body, to, …)`` is the one helper for code that builds its own mail.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Sequence
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

logger = logging.getLogger(__name__)


def serialise(message) -> dict:
    """An EmailMessage as JSON-safe data (attachments base64)."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            filename = attachment.get_filename() or "attachment"
            content, mimetype = attachment.get_payload(decode=True) or b"", attachment.get_content_type()
        else:
            filename, content, mimetype = attachment[0], attachment[1], attachment[2]
        data = content.encode() if isinstance(content, str) else bytes(content)
        attachments.append([filename, base64.b64encode(data).decode(), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
    }


def deliver(data: dict) -> None:
    """Send serialised mail now, through the real backend. Raises what the backend raises."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=get_connection(settings.EMAIL_DELIVERY_BACKEND),
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    message.send()


def _queue(data: dict) -> None:
    """After commit: to the task queue; a failure is logged and never reaches the request."""
    from core.tasks import send_email

    try:
        send_email.delay(data)
    except Exception as error:  # noqa: BLE001 — an inline run that failed (SMTP), or a broker that is down
        if settings.CELERY_TASK_ALWAYS_EAGER:
            logger.error("Email %r to %s not sent: %s", data["subject"], data["to"], error)
            return
        logger.warning("Task queue unavailable (%s); sending %r inline", error, data["subject"])
        try:
            deliver(data)
        except Exception:  # noqa: BLE001
            logger.exception("Email %r to %s not sent", data["subject"], data["to"])


class TaskEmailBackend(BaseEmailBackend):
    """The site's EMAIL_BACKEND: queues each message after commit instead of talking to SMTP."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = serialise(message)
            transaction.on_commit(lambda data=data: _queue(data))
            count += 1
        return count


def send_after_commit(subject: str, body: str, to: Sequence[str], *, attachments: Sequence[tuple] = (), from_email=None) -> None:
    """Build a plain-text email (optionally with (filename, bytes, mimetype) attachments) and send it
    once the transaction commits, through EMAIL_BACKEND (the task queue on a real site); never raises."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    message = EmailMultiAlternatives(str(subject), str(body), from_email or settings.DEFAULT_FROM_EMAIL, recipients)
    for attachment in attachments:
        message.attach(*attachment)
    transaction.on_commit(lambda: _send_guarded(message))


def _send_guarded(message) -> None:
    try:
        message.send()
    except Exception:  # noqa: BLE001 — a mail failure never reaches the request
        logger.exception("Email %r to %s not sent", message.subject, message.to)
