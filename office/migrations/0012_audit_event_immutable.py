"""The audit log refuses UPDATE, and DELETE of rows younger than 180 days, in the database itself
(PostgreSQL), so no client, not even a superuser's SQL through the application's account, can
rewrite the trail. The retention prune deletes only older rows, which the trigger lets through."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION office_auditevent_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'office_auditevent is append-only: UPDATE refused';
    END IF;
    IF OLD.at > now() - interval '180 days' THEN
        RAISE EXCEPTION 'office_auditevent keeps rows for 180 days: DELETE of row % refused', OLD.id;
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER office_auditevent_guard
    BEFORE UPDATE OR DELETE ON office_auditevent
    FOR EACH ROW EXECUTE FUNCTION office_auditevent_guard();
"""

DROP = """
DROP TRIGGER IF EXISTS office_auditevent_guard ON office_auditevent;
DROP FUNCTION IF EXISTS office_auditevent_guard();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("office", "0011_audit_event")]

    operations = [migrations.RunPython(forwards, backwards)]
