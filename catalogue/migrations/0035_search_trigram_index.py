"""On PostgreSQL: pg_trgm and a trigram GIN index so substring and fuzzy search stay fast.

SQLite (the embedded default) has neither and scans instead, which is fine for demo sizes.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS catalogue_product_search_trgm "
        "ON catalogue_product USING gin (search_document gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalogue_product_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0034_produce_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
