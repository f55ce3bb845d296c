from django.core.management.base import BaseCommand

from catalogue.view_counts import flush_product_views


class Command(BaseCommand):
    help = "把缓存中计数的商品浏览量写入 Oscar 的统计表（Celery beat 每 5 分钟运行一次）。"

    def handle(self, *args, **options) -> None:
        written = flush_product_views()
        self.stdout.write(f"{written} product views written")
