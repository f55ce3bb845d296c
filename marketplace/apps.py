from urllib.parse import urlsplit

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_site(**kwargs) -> None:
    """django.contrib.sites' row (SITE_ID) follows SITE_URL and carries the shop's name.

    Oscar builds the links and the sender name of its mails (password reset, alerts) from this row;
    left at Django's "example.com" every such link would point elsewhere. Runs after every migrate.
    """
    from django.conf import settings
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "127.0.0.1:8000"
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": str(settings.OSCAR_SHOP_NAME)})


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = "黔货进穗"

    def ready(self) -> None:
        from marketplace import invalidation, renditions

        invalidation.connect()
        renditions.connect()
        from django.apps import apps

        # After the sites app's own post_migrate (which creates example.com on a new database).
        post_migrate.connect(sync_site, sender=apps.get_app_config("sites"), dispatch_uid="marketplace.sync_site")
