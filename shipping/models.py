from oscar.apps.shipping.models import *  # noqa: F403 — Oscar's fork pattern
