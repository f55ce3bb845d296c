"""Celery: slow work (emails now; imports, reports and indexing later) off the request.

With REDIS_URL set, tasks go to Redis and a worker runs them:
    .venv/bin/celery -A marketplace worker -l info
Without it (the embedded default and `make run`), tasks run inline, in the request.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

# Every task queued while the broker is down runs inline instead of failing its caller (core/queue.py).
app = Celery("marketplace", task_cls="core.queue:ResilientTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
