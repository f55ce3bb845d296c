from django.core.management.base import BaseCommand

from marketplace.renditions import make_all


class Command(BaseCommand):
    help = "生成所有商品图片的缩略图和内容图片的各尺寸版本（上传后由任务自动生成；此命令用于批量导入之后）。"

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{make_all()} images done")
