"""The only module that talks to Stripe, always through the official ``stripe`` library.

With STRIPE_SECRET_KEY set, the library talks to api.stripe.com (timeout
STRIPE_TIMEOUT_SECONDS, one retry). Without it, in development only (DEBUG or
STRIPE_SANDBOX), the library is pointed (``stripe.api_base``) at the local test double in
``stripe_payments.sandbox``, called in-process — the same calls, the same responses, so
development and the tests exercise the real code path. Without either, the shop takes
no card payments and says so.
"""

from __future__ import annotations

import re
import time
from typing import Any

import stripe
from django.conf import settings

SANDBOX_SECRET_KEY = "sk_test_sandbox"
SANDBOX_WEBHOOK_SECRET = "whsec_sandbox"
#: How far a webhook's signed timestamp may be from our clock, either way (Stripe's default tolerance).
WEBHOOK_TOLERANCE_SECONDS = 300
#: Real Stripe: one retry of a timed-out or dropped call (with the same idempotency key).
NETWORK_RETRIES = 1


class PaymentsNotConfigured(stripe.StripeError):
    """No Stripe key and no sandbox: the site cannot take card payments (handled like Stripe being down)."""


def sandbox_enabled() -> bool:
    """The sandbox exists only without a real key, and only in development (DEBUG or STRIPE_SANDBOX,
    which ``check --deploy`` reports as an error): a production site without keys takes no payments."""
    return not settings.STRIPE_SECRET_KEY and (settings.DEBUG or getattr(settings, "STRIPE_SANDBOX", False))


def payments_available() -> bool:
    return bool(settings.STRIPE_SECRET_KEY) or sandbox_enabled()


def webhook_secret() -> str:
    return settings.STRIPE_WEBHOOK_SECRET or (SANDBOX_WEBHOOK_SECRET if sandbox_enabled() else "")


def worst_case_call_seconds() -> float:
    """The longest one Stripe call can keep a worker: every attempt timing out. Must stay under the worker timeout."""
    return settings.STRIPE_TIMEOUT_SECONDS * (NETWORK_RETRIES + 1)


class _TimedRequestsClient(stripe.RequestsClient):
    """The library's own HTTP client with our timeout (its default waits 80 s, past gunicorn's 30)."""


def configure() -> None:
    """Point the library at Stripe or at the sandbox; read at call time so tests can override settings.

    The sandbox is called in-process (``stripe_payments.sandbox.client``): a call never waits for a free
    worker of the very server that is making it, so the demo cannot deadlock itself under load.
    A test (or anyone) that installed its own ``stripe.default_http_client`` keeps it.
    """
    from stripe_payments.sandbox.client import InProcessSandboxClient

    current = stripe.default_http_client
    ours = current is None or isinstance(current, (InProcessSandboxClient, _TimedRequestsClient))
    if not payments_available():
        raise PaymentsNotConfigured("No STRIPE_SECRET_KEY and the sandbox is off")
    if sandbox_enabled():
        stripe.api_key = SANDBOX_SECRET_KEY
        stripe.api_base = settings.STRIPE_SANDBOX_API_BASE.rstrip("/")
        stripe.max_network_retries = 0
        if ours and not isinstance(current, InProcessSandboxClient):
            stripe.default_http_client = InProcessSandboxClient()
    else:
        stripe.api_key = settings.STRIPE_SECRET_KEY
        stripe.api_base = stripe.DEFAULT_API_BASE
        stripe.max_network_retries = NETWORK_RETRIES
        if ours and not isinstance(current, _TimedRequestsClient):
            stripe.default_http_client = _TimedRequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS)


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
    """Raises ValueError or stripe.SignatureVerificationError for anything Stripe did not sign.

    The library refuses timestamps older than its tolerance but accepts any in the future; a
    signature "from the future" is refused here too, so a captured payload cannot be kept for later.
    """
    secret = webhook_secret()
    if not secret:
        raise stripe.SignatureVerificationError("No webhook secret configured", signature)
    event = stripe.Webhook.construct_event(payload, signature, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS)
    stamp = re.search(r"(?:^|,)t=(\d+)", signature or "")
    if stamp is None or int(stamp.group(1)) > time.time() + WEBHOOK_TOLERANCE_SECONDS:
        raise stripe.SignatureVerificationError("Timestamp outside the tolerance zone", signature)
    return event
