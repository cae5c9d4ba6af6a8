"""manage.py backup and restore: a round trip into an empty PostgreSQL database finds the same
records and attachments; a damaged backup or a non-empty database is refused."""

import hashlib
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from office.models import Department, RegisterExport, SupervisedItem, User
from tests.factories import SupervisedItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def records(media, clerk, handler):
    items = [SupervisedItemFactory(responsible=handler, owner_department=handler.department, created_by=clerk)]
    items.append(SupervisedItemFactory(title="汛前检查整改落实情况", responsible=handler, created_by=clerk))
    export = RegisterExport(requested_by=clerk, register="office.export.Test", title="督办台账", status="done", rows=2)
    export.file.save("督办台账 2026.xlsx", ContentFile(b"PK\x03\x04 attachment bytes \xe4\xb8\xad"), save=True)
    return items, export


def snapshot():
    return {
        "users": sorted(User.objects.values_list("username", "name", "password")),
        "departments": sorted(Department.objects.values_list("code", "name")),
        "items": sorted(SupervisedItem.objects.values_list("pk", "title", "deadline", "responsible__username")),
        "history": SupervisedItem.history.count(),
        "exports": sorted(RegisterExport.objects.values_list("pk", "title", "file")),
    }


def backup(tmp_path):
    call_command("backup", output=str(tmp_path / "backups"), stdout=open("/dev/null", "w"))  # noqa: SIM115
    (directory,) = (tmp_path / "backups").iterdir()
    return directory


def empty_everything(media):
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    assert connection.introspection.table_names() == []
    for path in sorted(media.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()


def test_backup_then_restore_into_an_empty_database_finds_the_same_records_and_files(tmp_path, media, records):
    _, export = records
    before = snapshot()
    file_bytes = (media / export.file.name).read_bytes()

    directory = backup(tmp_path)
    manifest = json.loads((directory / "manifest.json").read_text())
    assert set(manifest["files"]) == {"database.sql", "media.tar"}
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((directory / name).read_bytes()).hexdigest() == entry["sha256"]
    assert manifest["media_files"] == 1
    assert "office.0001_initial" in manifest["migrations"]

    empty_everything(media)
    assert not (media / export.file.name).exists()

    call_command("restore", str(directory), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before
    restored = RegisterExport.objects.get(pk=export.pk)
    assert restored.file.name == export.file.name
    assert Path(restored.file.path).read_bytes() == file_bytes


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path, media, records):
    directory = backup(tmp_path)
    empty_everything(media)
    tar = directory / "media.tar"
    sound = tar.read_bytes()
    data = bytearray(sound)
    data[600] ^= 0xFF
    tar.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="校验和与清单不符"):
        call_command("restore", str(directory))
    assert connection.introspection.table_names() == []
    # Put the schema back for the test database's teardown: restoring the sound backup is much
    # quicker than migrating again (a minute and more on a slow machine).
    tar.write_bytes(sound)
    call_command("restore", str(directory), stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_restore_refuses_a_database_that_is_not_empty_unless_told(tmp_path, media, records):
    before = snapshot()
    directory = backup(tmp_path)
    with pytest.raises(CommandError, match="目标数据库不是空的"):
        call_command("restore", str(directory))
    SupervisedItem.objects.filter(title="汛前检查整改落实情况").update(title="改过")
    call_command("restore", str(directory), replace=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before
