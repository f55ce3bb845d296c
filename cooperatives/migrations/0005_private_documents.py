"""Licences and certificate files of applications move to the private storage (issue #12, point 7)."""

from django.db import migrations, models

import cooperatives.models
import core.private_files
import core.uploads


def to_private(apps, schema_editor):
    core.private_files.move_to_private_storage(
        apps.get_model("cooperatives", "CooperativeApplication"), "business_licence", "cooperatives/private"
    )
    core.private_files.move_to_private_storage(apps.get_model("cooperatives", "ApplicationDocument"), "file", "cooperatives/private")


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0004_statement_refunds")]

    operations = [
        migrations.AlterField(
            model_name="cooperativeapplication",
            name="business_licence",
            field=models.FileField(
                storage=core.private_files.private_storage,
                upload_to=cooperatives.models.licence_upload_to,
                validators=[core.uploads.validate_document],
                verbose_name="营业执照",
            ),
        ),
        migrations.AlterField(
            model_name="applicationdocument",
            name="file",
            field=models.FileField(
                storage=core.private_files.private_storage,
                upload_to=cooperatives.models.licence_upload_to,
                validators=[core.uploads.validate_document],
                verbose_name="资质证书",
            ),
        ),
        migrations.RunPython(to_private, migrations.RunPython.noop),
    ]
