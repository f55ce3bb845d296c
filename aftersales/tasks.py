"""Periodic work of after-sale: claims nobody answered in time go to staff (Celery beat, every 15 minutes)."""

from celery import shared_task

from aftersales import services


@shared_task
def escalate_claims() -> int:
    return services.escalate_overdue()
