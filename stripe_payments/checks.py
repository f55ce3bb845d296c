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


@checks.register(checks.Tags.security, deploy=True)
def stripe_configured_for_production(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: a live site needs its Stripe keys, and never the development sandbox."""
    errors = []
    if getattr(settings, "STRIPE_SANDBOX", False):
        errors.append(
            checks.Error(
                "STRIPE_SANDBOX is on: the development Stripe sandbox takes fake payments on this site.",
                hint="Unset STRIPE_SANDBOX and set the Stripe keys of the platform's account.",
                id="payments.E002",
            )
        )
    missing = [name for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET") if not getattr(settings, name, "")]
    if missing:
        errors.append(
            checks.Error(
                f"{', '.join(missing)} not set: checkout cannot take card payments.",
                hint="Copy the keys from the Stripe Dashboard (Developers → API keys, Webhooks).",
                id="payments.E003",
            )
        )
    return errors
