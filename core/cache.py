"""A Redis cache that degrades to a miss: the cache is an optimisation, never a dependency.

Django's RedisCache raises when Redis is down, and everything built on the cache (sessions,
Wagtail's site lookup, the page cache, the impact figures, rate limits) answers 500 with it.
Here every operation that fails on a Redis error is logged (at most once a minute per process,
so an outage does not flood the log) and answered as a miss: ``get`` gives the default,
``set``/``delete`` do nothing, ``add`` reports "not added", ``incr`` counts from the delta.
Short socket timeouts (``OPTIONS`` in settings) keep a dead or hung Redis from holding a worker.
``/healthz`` still reports the cache as down: its write-then-read gets a miss back.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
_last_warning = 0.0


def _warn(operation: str, error: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= 60:
        _last_warning = now
        logger.warning("Cache unavailable (%s: %s); serving without it", operation, error)


def _degrade(fallback):
    """Run the cache operation; on a Redis error log it and return ``fallback(*args, **kwargs)``."""

    def decorator(method):
        @functools.wraps(method)
        def wrapped(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                _warn(method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapped

    return decorator


def _default(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    get = _degrade(_default)(RedisCache.get)
    get_many = _degrade(lambda keys, *a, **k: {})(RedisCache.get_many)
    has_key = _degrade(lambda *a, **k: False)(RedisCache.has_key)
    add = _degrade(lambda *a, **k: False)(RedisCache.add)
    set = _degrade(lambda *a, **k: None)(RedisCache.set)
    set_many = _degrade(lambda data, *a, **k: list(data))(RedisCache.set_many)
    touch = _degrade(lambda *a, **k: False)(RedisCache.touch)
    delete = _degrade(lambda *a, **k: False)(RedisCache.delete)
    delete_many = _degrade(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _degrade(lambda *a, **k: False)(RedisCache.clear)
    incr = _degrade(lambda key, delta=1, *a, **k: delta)(RedisCache.incr)
    decr = _degrade(lambda key, delta=1, *a, **k: -delta)(RedisCache.decr)
    # get_or_set, the async methods and the session backends go through these.
