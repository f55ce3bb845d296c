"""How the sandbox sends a webhook: like Stripe, by an HTTP POST after the API call has answered.

Tests replace ``deliver`` (``stripe_payments.sandbox.delivery.deliver``) with an outbox so they
can deliver late, twice, out of order — or never, as when the buyer closes the browser.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from typing import Any

import requests

from stripe_payments.gateway import webhook_secret

logger = logging.getLogger(__name__)
API_VERSION = "2025-09-30.clover"


def build_event(event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"evt_test_{secrets.token_hex(12)}",
        "object": "event",
        "api_version": API_VERSION,
        "created": int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "type": event_type,
        "data": {"object": copy.deepcopy(obj)},  # a snapshot, as Stripe sends
    }


def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
    """Stripe's scheme: ``t=<unix time>,v1=HMAC-SHA256(secret, "<t>.<payload>")``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def _post(url: str, payload: str, signature: str) -> None:
    for attempt in range(3):
        time.sleep(0.5 * (attempt + 1))
        try:
            response = requests.post(
                url, data=payload.encode(), headers={"Content-Type": "application/json", "Stripe-Signature": signature}, timeout=10
            )
        except requests.RequestException as error:
            logger.warning("Sandbox webhook to %s failed: %s", url, error)
            continue
        if response.status_code < 500:
            return
    logger.error("Sandbox webhook to %s was not accepted", url)


def deliver(url: str, event: dict[str, Any]) -> None:
    """Send the signed event from a background thread, as Stripe would from its own servers."""
    payload = json.dumps(event)
    signature = sign(payload, webhook_secret())
    threading.Thread(target=_post, args=(url, payload, signature), daemon=True).start()
