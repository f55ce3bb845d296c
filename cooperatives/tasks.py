"""Periodic work of the cooperatives context (Celery beat: CELERY_BEAT_SCHEDULE in settings)."""

from celery import shared_task


@shared_task
def send_expiry_reminders() -> int:
    """Daily: certificates and licences expiring in 90, 30 and 7 days (also `manage.py send_expiry_reminders`)."""
    from cooperatives.reminders import send_expiry_reminders as send

    return send()
