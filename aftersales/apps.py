from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftersalesConfig(AppConfig):
    """After-sale claims (售后): a buyer claims on an order line, its cooperative answers, money goes back
    through the one refund service (stripe_payments.refunds)."""

    name = "aftersales"
    verbose_name = _("售后")
    default_auto_field = "django.db.models.BigAutoField"
