"""The rooms' overlap rule in the database, the seeded meeting types, and the roles' permissions.

The exclusion constraint exists on PostgreSQL only: SQLite (the embedded default) has neither
GiST nor range types, and there the service's check under the room lock is the rule. It is
added here rather than in Meta.constraints so that the model state (and `makemigrations`)
stays the same on both databases, and full_clean() never runs a PostgreSQL-only query."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "meeting_room_no_overlap"


def _constraint():
    from django.contrib.postgres.constraints import ExclusionConstraint
    from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
    from django.db.models import F, Func, Q

    return ExclusionConstraint(
        name=CONSTRAINT,
        expressions=[
            # '[)': a meeting ending at 10:00 and one starting at 10:00 do not overlap.
            (
                Func(F("start"), F("end"), function="TSTZRANGE", output_field=DateTimeRangeField()),
                RangeOperators.OVERLAPS,
            ),
            ("room", RangeOperators.EQUAL),
        ],
        condition=Q(room__isnull=False) & ~Q(state="cancelled"),
    )


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_constraint(apps.get_model("meetings", "Meeting"), _constraint())


def remove_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_constraint(apps.get_model("meetings", "Meeting"), _constraint())


def seed_types(apps, schema_editor):
    from meetings.choices import SEEDED_TYPES

    MeetingType = apps.get_model("meetings", "MeetingType")
    for order, (code, name) in enumerate(SEEDED_TYPES, start=1):
        MeetingType.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order * 10})


def create_roles(apps, schema_editor):
    from office.roles import sync_roles

    sync_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("office", "0002_roles"),
    ]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, remove_constraint),
        migrations.RunPython(seed_types, migrations.RunPython.noop),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
