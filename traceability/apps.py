from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    name = "traceability"
    verbose_name = _("质量追溯")
    default_auto_field = "django.db.models.BigAutoField"
