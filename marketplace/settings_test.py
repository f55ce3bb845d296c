"""Test settings: the production settings with fast hashing and throw-away media."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Never the development database: tests use their own (pytest-django creates it).
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

from marketplace.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="qhjs-test-media-")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND  # what core.mail's task sends through, when a test turns it on
# The Stripe sandbox is a development tool: on for the tests (with DEBUG off), in this process only.
STRIPE_SANDBOX = True
CACHES["stripe_sandbox"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "stripe-sandbox"}  # noqa: F405
if REDIS_URL:  # noqa: F405 — keep test keys apart from anything else in that Redis
    CACHES["default"]["KEY_PREFIX"] = "qhjs-test"  # noqa: F405
# The page cache is off in tests (a test's changes never commit, so nothing would invalidate it);
# tests/test_pagecache.py turns it on. In this process only: a file cache would outlive the test database.
PAGE_CACHE_SECONDS = 0
# Thumbnails are made when a page asks (as before); tests/test_pagecache.py calls the upload task itself.
RENDITIONS_ON_UPLOAD = False
if not REDIS_URL:  # noqa: F405
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}  # noqa: F405
else:
    CACHES["pages"]["KEY_PREFIX"] = "qhjs-test-pages"  # noqa: F405
# Tests run Celery tasks inline (the same task code); no worker is started.
CELERY_TASK_ALWAYS_EAGER = True
