"""Celery tasks of the shared kernel: sending one email (see core.mail)."""

from celery import shared_task

from core import mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_email(message: dict) -> None:
    """Send a queued message through the real backend; an SMTP outage (OSError) is retried with backoff."""
    mail.deliver(message)
