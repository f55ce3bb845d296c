"""Shared by the catalogue tests: what a page costs in queries as the demo catalogue grows."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_as_the_catalogue_grows(client, url: str):
    """Queries of one warm request to ``url`` before and after 200 more demo products, and the last answer.

    Each count is taken on a second request, after a first one has warmed the caches.
    """
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    call_command("seed_demo", products=200, verbosity=0)
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    return len(small.captured_queries), len(large.captured_queries), response
