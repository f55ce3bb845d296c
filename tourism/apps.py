from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TourismConfig(AppConfig):
    name = "tourism"
    verbose_name = _("文旅线路")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tourism import receivers  # noqa: F401 — connects the signal receivers
