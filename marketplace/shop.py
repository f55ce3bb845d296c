"""Oscar's root app, minus the dashboard: the design mounts it at /dashboard/, not /shop/dashboard/."""

from oscar.config import Shop


class ShopConfig(Shop):
    def get_urls(self):
        return [url for url in super().get_urls() if str(url.pattern) != "dashboard/"]
