"""With SEARCH_URL set, product search goes to the cluster through the official client."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from oscar.core.loading import get_model

from catalogue import search_index
from tests.search_double import SearchDouble

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")


@pytest.fixture
def cluster(settings):
    with SearchDouble() as double:
        settings.SEARCH_URL = double.url
        settings.SEARCH_INDEX = "test-products"
        search_index._client.cache_clear()
        yield double
    search_index._client.cache_clear()


def test_rebuild_sends_every_product_and_search_uses_the_cluster(client, cluster):
    call_command("search_index", verbosity=0)
    assert len(cluster.indices["test-products"]) == Product.objects.count()
    response = client.get("/shop/search/", {"q": "dymj"})
    assert cluster.searches == ["dymj"]
    assert [p.title for p in response.context["products"]] and all(
        p.title.startswith("都匀毛尖") for p in response.context["products"]
    )


def test_facets_still_filter_cluster_results(client, cluster):
    call_command("search_index", verbosity=0)
    response = client.get("/shop/search/", {"q": "weining", "storage": "chilled"})
    assert all(p.origin_county.slug == "weining" and p.storage == "chilled" for p in response.context["products"])


def test_saving_and_deleting_a_product_updates_the_cluster(cluster, django_capture_on_commit_callbacks):
    product = Product.objects.get(title="威宁洋芋 5kg")
    with django_capture_on_commit_callbacks(execute=True):
        product.title = "威宁洋芋 新薯 5kg"
        product.save()
    assert "新薯" in cluster.indices["test-products"][str(product.pk)]["search_document"]
    pk = product.pk
    product.harvest_batches.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        product.delete()
    assert str(pk) not in cluster.indices["test-products"]


def test_rebuild_without_a_cluster_says_so(settings):
    settings.SEARCH_URL = ""
    with pytest.raises(CommandError, match="SEARCH_URL is not set"):
        call_command("search_index")
