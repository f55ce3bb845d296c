from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("帮扶成效")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from impact import receivers  # noqa: F401 — connects the order_placed handler
