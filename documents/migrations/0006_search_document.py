"""The search document of the registers (documents/search.py): character bigrams and single characters
in a tsvector (the approach of pg_bigm, done with `simple` lexemes and GIN), numbers normalised into
number_key under a trigram index. A trigger fills the columns on every insert and on every update of a
searched field, so bulk inserts, imports and factories are searchable like records saved by services.

Everything here runs on PostgreSQL only; on SQLite the columns stay empty and the filters fall back to
icontains. The same rules are written in Python in documents/search.py (for the typed query), and a test
holds the two to the same lexemes."""

import django.contrib.postgres.search
from django.db import migrations, models

FUNCTIONS = r"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE OR REPLACE FUNCTION documents_search_lexemes(doc text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT coalesce(array_agg(DISTINCT lexeme), '{}'::text[]) FROM (
    SELECT left(m[1], 100) AS lexeme
      FROM regexp_matches(lower(normalize(coalesce(doc, ''), NFKC)), '([a-z0-9]+)', 'g') AS m
    UNION ALL
    SELECT substr(r[1], i, n)
      FROM regexp_matches(normalize(coalesce(doc, ''), NFKC), '([㐀-䶿一-鿿]+)', 'g') AS r,
           generate_series(1, char_length(r[1])) AS i,
           (VALUES (1), (2)) AS v(n)
     WHERE i + n - 1 <= char_length(r[1])
  ) AS t
$f$;

CREATE OR REPLACE FUNCTION documents_search_vector(texts text[]) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT array_to_tsvector(documents_search_lexemes(array_to_string(texts, E'\n')))
$f$;

CREATE OR REPLACE FUNCTION documents_number_key(number text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT regexp_replace(
    regexp_replace(lower(normalize(coalesce(number, ''), NFKC)), '[][(){}【】〔〕〖〗|[:space:]]', '', 'g'),
    '号$', '')
$f$;

CREATE OR REPLACE FUNCTION documents_incoming_search() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW.search_vector := documents_search_vector(
    ARRAY[NEW.title, NEW.sender, NEW.sender_number, NEW.serial_number, NEW.search_extra]);
  NEW.search_public := CASE WHEN NEW.classification IN ('secret', 'confidential', 'top_secret')
    THEN documents_search_vector(ARRAY[NEW.sender, NEW.serial_number]) END;
  NEW.number_key := concat_ws('|', nullif(documents_number_key(NEW.sender_number), ''),
                                   nullif(documents_number_key(NEW.serial_number), ''));
  RETURN NEW;
END
$f$;

CREATE OR REPLACE FUNCTION documents_outgoing_search() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW.search_vector := documents_search_vector(
    ARRAY[NEW.title, NEW.document_number, NEW.main_recipients, NEW.search_extra]);
  NEW.search_public := CASE WHEN NEW.classification IN ('secret', 'confidential', 'top_secret')
    THEN documents_search_vector(ARRAY[NEW.document_number, NEW.main_recipients]) END;
  NEW.number_key := documents_number_key(NEW.document_number);
  RETURN NEW;
END
$f$;

CREATE TRIGGER documents_incoming_search
  BEFORE INSERT OR UPDATE OF title, sender, sender_number, serial_number, classification, search_extra
  ON documents_incomingdocument FOR EACH ROW EXECUTE FUNCTION documents_incoming_search();
CREATE TRIGGER documents_outgoing_search
  BEFORE INSERT OR UPDATE OF title, document_number, main_recipients, classification, search_extra
  ON documents_outgoingdocument FOR EACH ROW EXECUTE FUNCTION documents_outgoing_search();

UPDATE documents_incomingdocument SET title = title;
UPDATE documents_outgoingdocument SET title = title;

CREATE INDEX incoming_search_gin ON documents_incomingdocument USING gin (search_vector);
CREATE INDEX incoming_search_public_gin ON documents_incomingdocument USING gin (search_public)
  WHERE search_public IS NOT NULL;
CREATE INDEX incoming_number_key_trgm ON documents_incomingdocument USING gin (number_key gin_trgm_ops);
CREATE INDEX outgoing_search_gin ON documents_outgoingdocument USING gin (search_vector);
CREATE INDEX outgoing_search_public_gin ON documents_outgoingdocument USING gin (search_public)
  WHERE search_public IS NOT NULL;
CREATE INDEX outgoing_number_key_trgm ON documents_outgoingdocument USING gin (number_key gin_trgm_ops);

DROP INDEX IF EXISTS incomingdocument_title_trgm;
DROP INDEX IF EXISTS incomingdocument_sender_trgm;
DROP INDEX IF EXISTS incomingdocument_sender_number_trgm;
DROP INDEX IF EXISTS incomingdocument_serial_number_trgm;
DROP INDEX IF EXISTS outgoingdocument_title_trgm;
DROP INDEX IF EXISTS outgoingdocument_document_number_trgm;
DROP INDEX IF EXISTS outgoingdocument_main_recipients_trgm;
"""

DROP = r"""
DROP TRIGGER IF EXISTS documents_incoming_search ON documents_incomingdocument;
DROP TRIGGER IF EXISTS documents_outgoing_search ON documents_outgoingdocument;
DROP FUNCTION IF EXISTS documents_incoming_search();
DROP FUNCTION IF EXISTS documents_outgoing_search();
DROP FUNCTION IF EXISTS documents_search_vector(text[]);
DROP FUNCTION IF EXISTS documents_search_lexemes(text);
DROP FUNCTION IF EXISTS documents_number_key(text);
"""


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statements)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0005_outgoing_reviewer_signing_leader"),
    ]

    operations = [
        migrations.AddField(
            model_name="incomingdocument",
            name="number_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=300, verbose_name="文号检索键"),
        ),
        migrations.AddField(
            model_name="incomingdocument",
            name="search_extra",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="附加检索文本"),
        ),
        migrations.AddField(
            model_name="incomingdocument",
            name="search_public",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="incomingdocument",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="outgoingdocument",
            name="number_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=300, verbose_name="文号检索键"),
        ),
        migrations.AddField(
            model_name="outgoingdocument",
            name="search_extra",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="附加检索文本"),
        ),
        migrations.AddField(
            model_name="outgoingdocument",
            name="search_public",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="outgoingdocument",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(_run(FUNCTIONS), _run(DROP)),
    ]
