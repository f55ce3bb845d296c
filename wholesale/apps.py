from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WholesaleConfig(AppConfig):
    name = "wholesale"
    verbose_name = _("批发采购")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wholesale import receivers  # noqa: F401 — connects the signal handlers
