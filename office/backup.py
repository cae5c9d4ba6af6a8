"""Backup and restore of the database and the media files (`manage.py backup` / `restore`).

A backup is a directory:

    database.sql   PostgreSQL: pg_dump, plain SQL without owners or grants (restored with psql)
    database.sqlite3   SQLite (the embedded default): a consistent copy by SQLite's backup API
    media.tar      every file under MEDIA_ROOT, paths relative to it
    manifest.json  when, from which database engine, the Django migrations applied, and the
                   size and SHA-256 of every file above

`restore` checks every checksum before it changes anything, and restores only into an empty
database (and an empty MEDIA_ROOT) unless told to replace what is there."""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections

MANIFEST = "manifest.json"
MEDIA = "media.tar"
FORMAT = 1


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env(db):
    env = {**os.environ}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


def _vendor(connection):
    if connection.vendor not in ("postgresql", "sqlite"):
        raise CommandError(f"不支持的数据库：{connection.vendor}（仅支持 PostgreSQL 与 SQLite）。")
    return connection.vendor


def _run(command, env, **kwargs):
    try:
        return subprocess.run(command, env=env, check=True, capture_output=True, **kwargs)  # noqa: S603
    except FileNotFoundError as exc:
        raise CommandError(f"找不到 {command[0]}：请安装 PostgreSQL 客户端（postgresql-client）。") from exc
    except subprocess.CalledProcessError as exc:
        raise CommandError(f"{command[0]} 失败：{exc.stderr.decode(errors='replace').strip()[-2000:]}") from exc


def dump_database(target_dir, using="default"):
    connection = connections[using]
    vendor = _vendor(connection)
    db = connection.settings_dict
    if vendor == "postgresql":
        path = target_dir / "database.sql"
        _run(["pg_dump", "--no-owner", "--no-privileges", "--encoding=UTF8", "--file", str(path)], _pg_env(db))
    else:
        path = target_dir / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(path)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    return path


def archive_media(target_dir):
    path = target_dir / MEDIA
    root = Path(settings.MEDIA_ROOT)
    count = 0
    with tarfile.open(path, "w") as tar:
        if root.exists():
            for file in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
                tar.add(file, arcname=file.relative_to(root).as_posix(), recursive=False)
                count += 1
    return path, count


def applied_migrations(using="default"):
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def backup(output_dir, using="default"):
    """Writes a backup into a new directory under output_dir and returns its path."""
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%d-%H%M%S")
    target = Path(output_dir) / f"office-backup-{stamp}"
    suffix = 1
    while target.exists():
        suffix += 1
        target = Path(output_dir) / f"office-backup-{stamp}-{suffix}"
    target.mkdir(parents=True)
    try:
        database = dump_database(target, using)
        media, media_count = archive_media(target)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(tz=datetime.UTC).isoformat(),
            "database": {"vendor": connections[using].vendor, "file": database.name},
            "migrations": applied_migrations(using),
            "media_files": media_count,
            "files": {p.name: {"size": p.stat().st_size, "sha256": sha256(p)} for p in (database, media)},
        }
        (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def verify(backup_dir):
    """Reads the manifest and checks every file's size and checksum; returns the manifest."""
    backup_dir = Path(backup_dir)
    try:
        manifest = json.loads((backup_dir / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise CommandError(f"无法读取备份清单 {backup_dir / MANIFEST}：{exc}") from exc
    if manifest.get("format") != FORMAT:
        raise CommandError(f"不认识的备份格式：{manifest.get('format')!r}。")
    for name, expected in manifest["files"].items():
        path = backup_dir / name
        if not path.is_file():
            raise CommandError(f"备份缺少文件 {name}。")
        if path.stat().st_size != expected["size"] or sha256(path) != expected["sha256"]:
            raise CommandError(f"备份文件 {name} 的校验和与清单不符，文件可能已损坏或被改动，已停止恢复。")
    return manifest


def database_is_empty(using="default"):
    return not connections[using].introspection.table_names()


def _drop_everything(using):
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            for table in connection.introspection.table_names():
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')


def restore_database(backup_dir, manifest, using="default"):
    connection = connections[using]
    vendor = _vendor(connection)
    if manifest["database"]["vendor"] != vendor:
        raise CommandError(f"备份来自 {manifest['database']['vendor']}，不能恢复到 {vendor}。")
    source = Path(backup_dir) / manifest["database"]["file"]
    if vendor == "postgresql":
        connection.close()
        _run(
            ["psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--single-transaction", "--file", str(source)],
            _pg_env(connection.settings_dict),
        )
    else:
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    connection.close()


def restore_media(backup_dir):
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(Path(backup_dir) / MEDIA) as tar:
        # The "data" filter refuses absolute paths, "..", links out of the tree and devices.
        tar.extractall(root, filter="data")  # noqa: S202


def media_is_empty():
    root = Path(settings.MEDIA_ROOT)
    return not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def restore(backup_dir, *, replace=False, using="default"):
    manifest = verify(backup_dir)
    if not database_is_empty(using):
        if not replace:
            raise CommandError("目标数据库不是空的：请恢复到新建的空数据库，或加 --replace 先清空（不可撤销）。")
        _drop_everything(using)
    if not media_is_empty():
        if not replace:
            raise CommandError(f"MEDIA_ROOT（{settings.MEDIA_ROOT}）不是空的：请先清空，或加 --replace。")
        root = Path(settings.MEDIA_ROOT)
        for child in root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    restore_database(backup_dir, manifest, using)
    restore_media(backup_dir)
    return manifest
