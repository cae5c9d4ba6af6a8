from django.db import migrations


def create_roles(apps, schema_editor):
    from office.roles import sync_roles

    sync_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("office", "0001_initial"),
        ("auth", "__latest__"),
        ("axes", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
