import pytest
import stripe
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from tests.checkout_helpers import Outbox, StripeThroughDjango


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site (regions, cooperatives, products, pages, users)."""
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Each test starts in Chinese with an empty cache (a request in English must not leak)
    and no product views, product cards or page copies still held in this process from an earlier test's requests."""
    from catalogue import view_counts

    cache.clear()
    caches["fragments"].clear()
    caches["page-copies"].clear()
    view_counts._buffer.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.get(username="staff")


@pytest.fixture
def cooperative_user(django_user_model):
    return django_user_model.objects.get(username="coop-weining")


@pytest.fixture
def consumer_user(django_user_model):
    return django_user_model.objects.get(username="consumer")


@pytest.fixture
def run_on_commit(monkeypatch):
    """Tests run inside one transaction that never commits: run on-commit work (emails) at once.

    Not autouse: the modules that want it say so (``pytest.mark.usefixtures("run_on_commit")``).
    """
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def outbox(monkeypatch, settings):
    """The stripe library pointed at the sandbox; sandbox webhooks collected instead of sent."""
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.STRIPE_SANDBOX_API_BASE = "http://testserver/stripe-sandbox"
    monkeypatch.setattr(stripe, "default_http_client", StripeThroughDjango())
    box = Outbox(Client())
    monkeypatch.setattr("stripe_payments.sandbox.delivery.deliver", box.deliver)
    return box
