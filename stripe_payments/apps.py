from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Stripe payments, webhooks and stock reservations for the consumer checkout.

    Named for Stripe so that no one takes it for Oscar's own `payment` app (installed beside it);
    the label stays "payments", so its tables, migrations and template folder keep their names."""

    name = "stripe_payments"
    label = "payments"
    verbose_name = _("在线支付")
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        from stripe_payments import checks, signals  # noqa: F401 — registers the system check and the signal receivers
