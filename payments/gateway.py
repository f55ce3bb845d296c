"""The only module that talks to Stripe, always through the official ``stripe`` library.

With STRIPE_SECRET_KEY set, the library talks to api.stripe.com. Without it, the
library is pointed (``stripe.api_base``) at the local test double in
``payments.sandbox`` — the same calls, the same responses, so development and the
tests exercise the real code path.
"""

from __future__ import annotations

from typing import Any

import stripe
from django.conf import settings

SANDBOX_SECRET_KEY = "sk_test_sandbox"
SANDBOX_WEBHOOK_SECRET = "whsec_sandbox"


def sandbox_enabled() -> bool:
    """The sandbox exists only while no real key is configured."""
    return not settings.STRIPE_SECRET_KEY


def webhook_secret() -> str:
    return settings.STRIPE_WEBHOOK_SECRET or (SANDBOX_WEBHOOK_SECRET if sandbox_enabled() else "")


def configure() -> None:
    """Point the library at Stripe or at the sandbox; read at call time so tests can override settings."""
    if sandbox_enabled():
        stripe.api_key = SANDBOX_SECRET_KEY
        stripe.api_base = settings.STRIPE_SANDBOX_API_BASE.rstrip("/")
        stripe.max_network_retries = 0
    else:
        stripe.api_key = settings.STRIPE_SECRET_KEY
        stripe.api_base = stripe.DEFAULT_API_BASE
        stripe.max_network_retries = 2


def create_checkout_session(**params: Any) -> stripe.checkout.Session:
    configure()
    return stripe.checkout.Session.create(**params)


def retrieve_checkout_session(session_id: str) -> stripe.checkout.Session:
    configure()
    return stripe.checkout.Session.retrieve(session_id)


def expire_checkout_session(session_id: str) -> stripe.checkout.Session:
    configure()
    return stripe.checkout.Session.expire(session_id)


def create_refund(payment_intent: str, amount_fen: int, idempotency_key: str, metadata: dict[str, str]) -> stripe.Refund:
    configure()
    return stripe.Refund.create(payment_intent=payment_intent, amount=amount_fen, metadata=metadata, idempotency_key=idempotency_key)


def construct_event(payload: bytes, signature: str | None) -> stripe.Event:
    """Raises ValueError or stripe.SignatureVerificationError for anything Stripe did not sign."""
    secret = webhook_secret()
    if not secret:
        raise stripe.SignatureVerificationError("No webhook secret configured", signature)
    return stripe.Webhook.construct_event(payload, signature, secret)
