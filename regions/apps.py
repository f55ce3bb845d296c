from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = _("地区与结对")
    default_auto_field = "django.db.models.BigAutoField"
