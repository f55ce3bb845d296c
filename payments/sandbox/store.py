"""Sandbox objects (sessions, refunds) kept in the cache for a day."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.cache import cache

TTL = 24 * 3600
PREFIX = "stripe-sandbox:"


def new_id(prefix: str) -> str:
    return f"{prefix}_test_{secrets.token_hex(12)}"


def get(object_id: str) -> dict[str, Any] | None:
    return cache.get(PREFIX + object_id)


def put(obj: dict[str, Any]) -> dict[str, Any]:
    cache.set(PREFIX + obj["id"], obj, TTL)
    return obj


def link(alias: str, object_id: str) -> None:
    cache.set(PREFIX + "alias:" + alias, object_id, TTL)


def resolve(alias: str) -> dict[str, Any] | None:
    object_id = cache.get(PREFIX + "alias:" + alias)
    return get(object_id) if object_id else None
