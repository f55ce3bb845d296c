from django.core.management.base import BaseCommand

from aftersales import services


class Command(BaseCommand):
    help = "Hand claims the cooperative has not answered within AFTERSALES_RESPONSE_HOURS to platform staff."

    def handle(self, *args, **options):
        count = services.escalate_overdue()
        self.stdout.write(f"Escalated {count} claim(s) to staff.")
