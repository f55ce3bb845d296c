"""gunicorn's settings (it reads ./gunicorn.conf.py by itself): `.venv/bin/gunicorn marketplace.wsgi`.

The worker timeout and the Stripe client's timeout are set together: one Stripe call, its retry
included (stripe_payments.gateway.worst_case_call_seconds), must end before gunicorn kills the worker.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT_SECONDS", "30"))
graceful_timeout = timeout
