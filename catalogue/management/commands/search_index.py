"""Rebuild the product index on the search cluster named by SEARCH_URL."""

from django.core.management.base import BaseCommand, CommandError
from oscar.core.loading import get_model

from catalogue import search_index

BATCH = 1000


class Command(BaseCommand):
    help = "Send every product's search document to SEARCH_URL (Elasticsearch/OpenSearch)."

    def handle(self, *args, **options):
        if not search_index.enabled():
            raise CommandError("SEARCH_URL is not set: products are searched in the database, nothing to index.")
        Product = get_model("catalogue", "Product")
        products = Product.objects.order_by("pk")
        total = products.count()
        sent = 0
        for start in range(0, total, BATCH):
            sent += search_index.index_products(products[start : start + BATCH])
            self.stdout.write(f"  indexed {sent}/{total}")
        self.stdout.write(self.style.SUCCESS(f"Indexed {sent} products into {search_index.index_name()}."))
