from celery import shared_task
from oscar.core.loading import get_model

from catalogue import search_index


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def reindex_product(pk: int) -> None:
    """Send one product's search document to the search cluster (a worker does this when Redis is set)."""
    product = get_model("catalogue", "Product").objects.filter(pk=pk).first()
    if product is None:
        search_index.remove_product(pk)
    else:
        search_index.index_products([product])


@shared_task
def flush_product_views() -> int:
    """Write the product views counted in the cache to Oscar's analytics (Celery beat, every 5 minutes)."""
    from catalogue.view_counts import flush_product_views as flush

    return flush()
