"""List the catalogue texts that have no English yet: `manage.py untranslated [--counts] [--model app.Model]`.

Exit status 1 when something lacks English, so a deploy or CI step can insist on a fully
translated catalogue (`manage.py untranslated --counts || …`).
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import i18n


class Command(BaseCommand):
    help = gettext_lazy("列出缺少英文的商品、分类、合作社、证书、批次等文本。")

    def add_arguments(self, parser):
        parser.add_argument("--counts", action="store_true", help=gettext_lazy("只列出每类缺少英文的条数。"))
        parser.add_argument("--model", action="append", default=[], help=gettext_lazy("只检查这些模型，例如 catalogue.Product（可重复）。"))

    def handle(self, *args, counts: bool = False, model: list[str], **options):
        models = self._models(model)
        missing_total = 0
        for translated_model in models:
            rows = i18n.untranslated(translated_model)
            missing = rows.count()
            missing_total += missing
            label = f"{translated_model._meta.label} ({translated_model._meta.verbose_name})"
            if counts or not missing:
                self.stdout.write(f"{label}: {missing}")
                continue
            self.stdout.write(f"{label}: {missing}")
            for obj in rows.iterator():
                fields = ", ".join(obj.missing_english())
                self.stdout.write(f"  #{obj.pk} {str(obj)[:60]} — {fields}")
        if missing_total:
            self.stdout.write(self.style.WARNING(_("%(count)s 条缺少英文。") % {"count": missing_total}))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(_("全部有英文。")))

    def _models(self, labels: list[str]) -> list:
        translated = i18n.translated_models()
        if not labels:
            return translated
        chosen = []
        for label in labels:
            try:
                model = apps.get_model(label)
            except (LookupError, ValueError) as error:
                raise CommandError(_("没有这个模型：%(label)s") % {"label": label}) from error
            if model not in translated:
                raise CommandError(_("%(label)s 没有可翻译的字段。") % {"label": label})
            chosen.append(model)
        return chosen
