"""Certificate scans move to the private storage under random names (issue #12, point 7)."""

from django.db import migrations, models

import core.private_files
import core.uploads


def to_private(apps, schema_editor):
    core.private_files.move_to_private_storage(apps.get_model("traceability", "Certificate"), "document", "traceability/certificates")


class Migration(migrations.Migration):
    dependencies = [("traceability", "0003_english_texts")]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="document",
            field=models.FileField(
                help_text="JPG、PNG、WebP 图片或 PDF，不超过 10 MB。",
                storage=core.private_files.private_storage,
                upload_to=core.private_files.RandomName("traceability/certificates"),
                validators=[core.uploads.validate_document],
                verbose_name="证书扫描件",
            ),
        ),
        migrations.RunPython(to_private, migrations.RunPython.noop),
    ]
