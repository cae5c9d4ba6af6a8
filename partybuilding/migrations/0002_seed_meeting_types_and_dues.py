"""Seeds the Party meeting types (meetings.MeetingType, by code) and the dues rate table of
中组部《关于中国共产党党费收缴、使用和管理的规定》(2008), which the administrator may
later supersede with a table from another date."""

import datetime
from decimal import Decimal

from django.db import migrations

TYPES = [
    ("party_general", "党员大会"),
    ("party_committee", "支委会"),
    ("party_group_meeting", "党小组会"),
    ("party_lecture", "党课"),
    ("party_day", "主题党日"),
    ("party_life_meeting", "组织生活会"),
    ("party_review", "民主评议党员"),
    ("party_study", "集中学习"),
    ("party_expert_lecture", "专家讲座"),
]

BANDS = [
    ("staff", Decimal("3000.00"), Decimal("0.5")),
    ("staff", Decimal("5000.00"), Decimal("1.0")),
    ("staff", Decimal("10000.00"), Decimal("1.5")),
    ("staff", None, Decimal("2.0")),
    ("retired", Decimal("5000.00"), Decimal("0.5")),
    ("retired", None, Decimal("1.0")),
]


def seed(apps, schema_editor):
    MeetingType = apps.get_model("meetings", "MeetingType")
    for order, (code, name) in enumerate(TYPES, start=60):
        MeetingType.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    Table = apps.get_model("partybuilding", "DuesRateTable")
    Band = apps.get_model("partybuilding", "DuesBand")
    table, created = Table.objects.get_or_create(
        effective_from=datetime.date(2008, 4, 1),
        defaults={
            "rounding": "ROUND_HALF_UP",
            "quantum": Decimal("0.01"),
            "flat_amount": Decimal("0.20"),
            "note": "中组部《关于中国共产党党费收缴、使用和管理的规定》（2008）",
        },
    )
    if created:
        Band.objects.bulk_create(Band(table=table, category=c, upper=u, rate=r) for c, u, r in BANDS)


class Migration(migrations.Migration):
    dependencies = [
        ("partybuilding", "0001_initial"),
        ("meetings", "0002_room_overlap_types_roles"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
