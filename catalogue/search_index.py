"""Product search on Elasticsearch (or OpenSearch in ES-compatible mode) when SEARCH_URL is set.

The database search in catalogue/search.py is the embedded default and serves a catalogue
of tens of thousands of products well; a search cluster takes over for larger ones. The
index holds the same `search_document` (characters, pinyin, initials, county, categories),
so both backends answer the same queries; the cluster adds typo tolerance (fuzziness)
everywhere. Filters, facets and ordering stay in the database: the cluster only returns ids.
"""

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

MAX_HITS = 2000
MAPPING = {
    "properties": {
        "search_document": {"type": "text", "analyzer": "standard"},
        "title": {"type": "text", "analyzer": "standard"},
    }
}


def enabled() -> bool:
    return bool(settings.SEARCH_URL)


@lru_cache(maxsize=1)
def _client(url: str) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=5, retry_on_timeout=True, max_retries=2)


def client() -> Elasticsearch:
    return _client(settings.SEARCH_URL)


def index_name() -> str:
    return settings.SEARCH_INDEX


def ensure_index() -> None:
    if not client().indices.exists(index=index_name()):
        client().indices.create(index=index_name(), mappings=MAPPING)


def _document(product) -> dict:
    return {
        "_index": index_name(),
        "_id": str(product.pk),
        "_source": {"search_document": product.search_document, "title": product.title, "is_public": product.is_public},
    }


def index_products(products) -> int:
    """Write (or overwrite) the products' documents; returns how many were sent."""
    ensure_index()
    sent, _errors = bulk(client(), (_document(product) for product in products), refresh="wait_for")
    return sent


def remove_product(pk: int) -> None:
    client().options(ignore_status=404).delete(index=index_name(), id=str(pk))


def search_ids(query: str) -> list[int]:
    """Ids of products whose document matches every word of the query (typos forgiven)."""
    response = client().search(
        index=index_name(),
        size=MAX_HITS,
        source=False,
        query={
            "bool": {
                "should": [
                    {"match_phrase": {"search_document": {"query": query}}},
                    {"match": {"search_document": {"query": query, "operator": "and", "fuzziness": "AUTO"}}},
                ],
                "minimum_should_match": 1,
            }
        },
    )
    return [int(hit["_id"]) for hit in response["hits"]["hits"]]
