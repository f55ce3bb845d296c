"""Wholesale buyers' business licences move to the private storage under random names (issue #12, point 7)."""

from django.db import migrations, models

import core.private_files
import core.uploads


def to_private(apps, schema_editor):
    core.private_files.move_to_private_storage(apps.get_model("wholesale", "BusinessAccount"), "licence", "wholesale/licences")


class Migration(migrations.Migration):
    dependencies = [("wholesale", "0004_institution_budgets")]

    operations = [
        migrations.AlterField(
            model_name="businessaccount",
            name="licence",
            field=models.FileField(
                storage=core.private_files.private_storage,
                upload_to=core.private_files.RandomName("wholesale/licences"),
                validators=[core.uploads.validate_document],
                verbose_name="营业执照",
            ),
        ),
        migrations.RunPython(to_private, migrations.RunPython.noop),
    ]
