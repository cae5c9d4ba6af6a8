"""Trigram indexes for the registers' search (title, sender, numbers) on PostgreSQL.

icontains becomes UPPER(col) LIKE UPPER('%…%') there, so the indexes are on UPPER(column).
SQLite has no such index; the same search scans, with the same results."""

from django.db import migrations

COLUMNS = {
    "documents_incomingdocument": ["title", "sender", "sender_number", "serial_number"],
    "documents_outgoingdocument": ["title", "document_number", "main_recipients"],
}
CREATE = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX IF NOT EXISTS {table[10:]}_{column}_trgm ON {table} USING gin (UPPER({column}) gin_trgm_ops)"
    for table, columns in COLUMNS.items()
    for column in columns
]
DROP = [f"DROP INDEX IF EXISTS {table[10:]}_{column}_trgm" for table, columns in COLUMNS.items() for column in columns]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
