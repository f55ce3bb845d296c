from django.core.management.base import BaseCommand

from impact.ledger import backfill


class Command(BaseCommand):
    help = "Write impact ledger rows for order lines that have none (orders from before the ledger, or a missed signal)."

    def handle(self, *args, **options):
        written = backfill()
        self.stdout.write(f"Impact ledger: {written} order lines recorded.")
