"""manage.py backup: the database and the media files, with a checksum manifest (office.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from office.backup import backup


class Command(BaseCommand):
    help = "备份数据库与附件（MEDIA_ROOT），生成带 SHA-256 校验和的清单。"

    def add_arguments(self, parser):
        parser.add_argument("--output", default="var/backups", help="备份存放目录（默认 var/backups）")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        target = backup(Path(options["output"]), using=options["database"])
        self.stdout.write(self.style.SUCCESS(f"备份完成：{target}"))
        return None
