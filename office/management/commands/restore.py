"""manage.py restore <dir>: checks the manifest's checksums, then restores database and media."""

from django.core.management.base import BaseCommand

from office.backup import restore


class Command(BaseCommand):
    help = "从 manage.py backup 生成的目录恢复数据库与附件；先核对校验和，默认只恢复到空数据库。"

    def add_arguments(self, parser):
        parser.add_argument("backup_dir", help="备份目录（含 manifest.json）")
        parser.add_argument(
            "--replace", action="store_true", help="先清空目标数据库和 MEDIA_ROOT 再恢复（不可撤销）"
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        manifest = restore(options["backup_dir"], replace=options["replace"], using=options["database"])
        self.stdout.write(
            self.style.SUCCESS(
                f"恢复完成：备份时间 {manifest['created_at']}，附件 {manifest['media_files']} 个。"
                "如代码比备份新，请再运行 manage.py migrate。"
            )
        )
