from oscar.apps.payment.models import *  # noqa: F403 — Oscar's fork pattern
