import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site (regions, cooperatives, products, pages, users)."""
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Each test starts in Chinese with an empty cache (a request in English must not leak)."""
    cache.clear()
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
