"""Send the certificate and licence expiry reminders that are due today (what the daily beat task does)."""

from django.core.management.base import BaseCommand

from cooperatives.reminders import send_expiry_reminders


class Command(BaseCommand):
    help = "Email cooperatives about certificates and licences expiring in 90, 30 and 7 days (each once)."

    def handle(self, *args, **options):
        sent = send_expiry_reminders()
        self.stdout.write(f"Expiry reminders sent: {sent}")
