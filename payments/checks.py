"""System checks: a live Stripe key without a webhook secret would reject every webhook, silently losing orders."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def stripe_webhook_secret(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.STRIPE_SECRET_KEY and not settings.STRIPE_WEBHOOK_SECRET:
        return [
            checks.Error(
                "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: every Stripe webhook would be rejected.",
                hint="Copy the endpoint's signing secret (whsec_…) from the Stripe Dashboard → Webhooks.",
                id="payments.E001",
            )
        ]
    return []
