"""Background work for payments: buyer emails, and giving back stock that abandoned or crashed payments hold."""

from celery import shared_task

from core.mail import send_after_commit


@shared_task
def send_buyer_email(subject: str, body: str, to: str) -> None:
    """Kept for messages queued before core.mail took over; sends through the same after-commit path."""
    send_after_commit(subject, body, [to])


@shared_task
def release_stale_holds() -> int:
    """Celery beat, every minute: expired payment pages and payments that never got a session."""
    from stripe_payments.stock import release_expired

    return release_expired()
