"""Give back stock held by payment pages that expired without a webhook (cron-friendly; also done lazily)."""

from django.core.management.base import BaseCommand

from stripe_payments.stock import release_expired


class Command(BaseCommand):
    help = "Release stock reservations of expired, unpaid Stripe Checkout Sessions."

    def handle(self, *args, **options):
        released = release_expired()
        self.stdout.write(f"Released {released} reserved units.")
