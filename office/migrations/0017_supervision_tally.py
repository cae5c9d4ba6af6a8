"""The dashboard's tally of supervised items (office.models.SupervisionTally), kept by PostgreSQL.

Statement-level triggers with transition tables add each statement's items to their key
(department, category, deadline month, status, completed on time) and take the old versions
away, grouped, so one INSERT … SELECT of a million items costs one grouped upsert, not a million.
Keys are upserted in key order, so two transactions touching the same keys lock them in the same
order. Rows that fall to zero stay (a few thousand keys at most); a TRUNCATE of the items empties
the tally. The existing items are counted
once here, under a lock that holds writers off until the triggers are in place.

PostgreSQL only: on SQLite the table stays empty and the dashboard counts the items."""

import django.db.models.deletion
from django.db import migrations, models

KEY = """owner_department_id, category, date_trunc('month', deadline::timestamp)::date AS month,
       status, coalesce(status = 'completed' AND completed_on <= deadline, false) AS on_time"""

UPSERT = """
INSERT INTO office_supervisiontally AS t (owner_department_id, category, month, status, on_time, count)
SELECT owner_department_id, category, month, status, on_time, sum(n) FROM ({rows}) AS c
 GROUP BY month, status, owner_department_id, category, on_time
HAVING sum(n) <> 0
 ORDER BY month, status, owner_department_id, category, on_time
    ON CONFLICT (month, status, owner_department_id, category, on_time)
    DO UPDATE SET count = t.count + excluded.count"""

# S608: no input reaches this SQL, only the constants of this module.
ADDED = f"SELECT {KEY}, 1 AS n FROM new_items"  # noqa: S608
REMOVED = f"SELECT {KEY}, -1 AS n FROM old_items"  # noqa: S608

CREATE = f"""
CREATE OR REPLACE FUNCTION office_supervision_tally() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {UPSERT.format(rows=ADDED)};
  ELSIF TG_OP = 'TRUNCATE' THEN
    DELETE FROM office_supervisiontally;
  ELSIF TG_OP = 'DELETE' THEN
    {UPSERT.format(rows=REMOVED)};
  ELSE
    {UPSERT.format(rows=f"{ADDED} UNION ALL {REMOVED}")};
  END IF;
  RETURN NULL;
END
$f$;

CREATE TRIGGER office_supervision_tally_insert AFTER INSERT ON office_superviseditem
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION office_supervision_tally();
CREATE TRIGGER office_supervision_tally_update AFTER UPDATE ON office_superviseditem
  REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION office_supervision_tally();
CREATE TRIGGER office_supervision_tally_delete AFTER DELETE ON office_superviseditem
  REFERENCING OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION office_supervision_tally();
CREATE TRIGGER office_supervision_tally_truncate AFTER TRUNCATE ON office_superviseditem
  FOR EACH STATEMENT EXECUTE FUNCTION office_supervision_tally();
"""  # noqa: S608

# Writers wait from here to the end of the migration's transaction: no item
# is written between the count and the triggers.
BACKFILL = f"""
LOCK TABLE office_superviseditem IN SHARE ROW EXCLUSIVE MODE;
DELETE FROM office_supervisiontally;
INSERT INTO office_supervisiontally (owner_department_id, category, month, status, on_time, count)
SELECT owner_department_id, category, month, status, on_time, count(*) FROM (SELECT {KEY} FROM office_superviseditem) AS i
 GROUP BY month, status, owner_department_id, category, on_time;
ANALYZE office_supervisiontally;
"""  # noqa: S608

DROP = """
DROP TRIGGER IF EXISTS office_supervision_tally_insert ON office_superviseditem;
DROP TRIGGER IF EXISTS office_supervision_tally_update ON office_superviseditem;
DROP TRIGGER IF EXISTS office_supervision_tally_delete ON office_superviseditem;
DROP TRIGGER IF EXISTS office_supervision_tally_truncate ON office_superviseditem;
DROP FUNCTION IF EXISTS office_supervision_tally();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKFILL, params=None)
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("office", "0016_audit_admin_events")]

    operations = [
        migrations.CreateModel(
            name="SupervisionTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("category", models.CharField(max_length=20, verbose_name="类别")),
                ("month", models.DateField(verbose_name="办结时限所在月")),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "办理中"), ("completed", "已办结"), ("voided", "已撤销")],
                        max_length=12,
                        verbose_name="状态",
                    ),
                ),
                ("on_time", models.BooleanField(verbose_name="按时办结")),
                ("count", models.IntegerField(verbose_name="事项数")),
                (
                    "owner_department",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="office.department",
                        verbose_name="承办科室",
                    ),
                ),
            ],
            options={
                "verbose_name": "督办事项汇总",
                "verbose_name_plural": "督办事项汇总",
                "default_permissions": (),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("month", "status", "owner_department", "category", "on_time"),
                        name="supervision_tally_key",
                        violation_error_message="同一科室、类别、月份、状态的督办事项汇总只能有一行。",
                    )
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
