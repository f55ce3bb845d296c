"""A SKU names one seller on the whole platform (issue #12: SKU squatting).

Before the constraint, existing duplicates (same SKU, any case, at several cooperatives) are
resolved: the oldest stock record keeps the SKU, each later one gets its cooperative's code
appended (``WN-001-coop-duyun``), so no order history or stock is lost.
"""

import django.db.models.functions.text
from django.db import migrations, models


def give_duplicates_their_own_sku(apps, schema_editor):
    StockRecord = apps.get_model("partner", "StockRecord")
    taken: set[str] = set()
    for record in StockRecord.objects.select_related("partner").order_by("pk"):
        sku = (record.partner_sku or "").strip() or f"SKU-{record.pk}"
        if sku.upper() in taken:
            base = f"{sku}-{record.partner.code or record.partner_id}"[:120]
            sku, number = base, 2
            while sku.upper() in taken:
                sku, number = f"{base}-{number}", number + 1
        if sku != record.partner_sku:
            StockRecord.objects.filter(pk=record.pk).update(partner_sku=sku)
        taken.add(sku.upper())


class Migration(migrations.Migration):
    dependencies = [("partner", "0008_partner_county")]

    operations = [
        migrations.RunPython(give_duplicates_their_own_sku, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="stockrecord",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Upper("partner_sku"),
                name="partner_sku_unique_on_the_platform",
                violation_error_message="该 SKU 已在平台上使用（SKU 全平台唯一，不区分大小写），请换一个。",
            ),
        ),
    ]
