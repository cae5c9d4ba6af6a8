"""The documents' serials move to the one counter of office.numbering, keeping every number given."""

from django.db import migrations


def copy_counters(apps, schema_editor):
    SerialCounter = apps.get_model("office", "SerialCounter")
    Counter = apps.get_model("documents", "Counter")
    IssuingSequence = apps.get_model("documents", "IssuingSequence")
    rows = [SerialCounter(key=f"documents:{c.key}", year=c.year, last_value=c.last_value) for c in Counter.objects.all()]
    rows += [
        SerialCounter(key=f"documents:outgoing:{s.issuing_code_id}", year=s.year, last_value=s.last_value)
        for s in IssuingSequence.objects.all()
    ]
    SerialCounter.objects.bulk_create(rows, ignore_conflicts=True)


def copy_back(apps, schema_editor):
    SerialCounter = apps.get_model("office", "SerialCounter")
    Counter = apps.get_model("documents", "Counter")
    IssuingSequence = apps.get_model("documents", "IssuingSequence")
    for row in SerialCounter.objects.filter(key__startswith="documents:"):
        key = row.key.removeprefix("documents:")
        if key.startswith("outgoing:"):
            IssuingSequence.objects.create(
                issuing_code_id=int(key.removeprefix("outgoing:")), year=row.year, last_value=row.last_value
            )
        else:
            Counter.objects.create(key=key, year=row.year, last_value=row.last_value)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_search_trigram_indexes"),
        ("office", "0008_shared_counter_exports"),
    ]

    operations = [
        migrations.RunPython(copy_counters, copy_back),
        migrations.DeleteModel(name="Counter"),
        migrations.DeleteModel(name="IssuingSequence"),
    ]
