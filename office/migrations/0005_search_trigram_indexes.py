"""Trigram indexes for searching supervised items by any part of the title or text, on PostgreSQL.

icontains becomes UPPER(title) LIKE UPPER('%…%') there, so the indexes are on UPPER(column).
SQLite has no such index; the same search scans, with the same results."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS supervised_item_title_trgm ON office_superviseditem "
    "USING gin (UPPER(title) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS supervised_item_description_trgm ON office_superviseditem "
    "USING gin (UPPER(description) gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS supervised_item_title_trgm", "DROP INDEX IF EXISTS supervised_item_description_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("office", "0004_supervision_indexes")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
