"""The planner's view of the words: PostgreSQL keeps the most common lexemes of a tsvector column
with their frequencies (10 per unit of the statistics target: 1,000 by default). With bigrams, a word
found in 3% of a million documents (水库) was not among them and was estimated at 0.5%, so the register
fetched all 28,000 matches to sort them instead of walking the date order. 10,000 lexemes cover every
bigram above about 0.1%."""

from django.db import migrations

SQL = """
ALTER TABLE documents_incomingdocument ALTER COLUMN search_vector SET STATISTICS 1000;
ALTER TABLE documents_outgoingdocument ALTER COLUMN search_vector SET STATISTICS 1000;
"""
BACKWARD = """
ALTER TABLE documents_incomingdocument ALTER COLUMN search_vector SET STATISTICS -1;
ALTER TABLE documents_outgoingdocument ALTER COLUMN search_vector SET STATISTICS -1;
"""


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statements)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0013_search_time_buckets"),
    ]

    operations = [migrations.RunPython(_run(SQL), _run(BACKWARD))]
