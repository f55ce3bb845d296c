"""The base class of every Celery task: a broker that is down never breaks the request that queues work.

Without it, ``task.delay()`` raises kombu's OperationalError when Redis (the broker) is gone, and
every caller — an email after an order, thumbnails after an upload, re-indexing after a save —
turns an optimisation into a 500. Here the task runs inline instead (best effort, logged once a
minute), and a failure of that inline run is logged, never raised into the caller.
"""

from __future__ import annotations

import logging
import time

from celery import Task
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)
_last_warning = 0.0


class ResilientTask(Task):
    def apply_async(self, args=None, kwargs=None, task_id=None, producer=None, link=None, link_error=None, shadow=None, **options):
        try:
            return super().apply_async(args, kwargs, task_id, producer, link, link_error, shadow, **options)
        except OperationalError as error:
            _warn(self.name, error)
            try:
                return self.apply(args, kwargs, task_id=task_id)
            except Exception:  # noqa: BLE001 — the inline run is best effort
                logger.exception("Task %s failed inline while the broker is down", self.name)
                return None


def _warn(name: str, error: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= 60:
        _last_warning = now
        logger.warning("Task queue unavailable (%s); running %s inline", error, name)
