"""Sandbox objects (sessions, refunds) kept for a day in the ``stripe_sandbox`` cache.

Files on this machine by default (settings): shared by every worker of the server, and
independent of Redis, so the demo keeps taking (fake) payments while Redis is down.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.cache import caches

TTL = 24 * 3600
PREFIX = "stripe-sandbox:"


def _cache():
    return caches["stripe_sandbox"]


def new_id(prefix: str) -> str:
    return f"{prefix}_test_{secrets.token_hex(12)}"


def get(object_id: str) -> dict[str, Any] | None:
    return _cache().get(PREFIX + object_id)


def put(obj: dict[str, Any]) -> dict[str, Any]:
    _cache().set(PREFIX + obj["id"], obj, TTL)
    return obj


def link(alias: str, object_id: str) -> None:
    _cache().set(PREFIX + "alias:" + alias, object_id, TTL)


def resolve(alias: str) -> dict[str, Any] | None:
    object_id = _cache().get(PREFIX + "alias:" + alias)
    return get(object_id) if object_id else None
