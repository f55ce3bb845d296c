from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = "黔货进穗"

    def ready(self) -> None:
        from marketplace import invalidation, renditions

        invalidation.connect()
        renditions.connect()
