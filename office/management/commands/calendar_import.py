"""Imports years of the official calendar from the chinesecalendar package into the table."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from office.services.calendar import calendar_import_year


class Command(BaseCommand):
    help = "从 chinesecalendar 软件包导入某年的法定节假日和调休上班日，例如：calendar_import 2027"

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int, metavar="年份")
        parser.add_argument(
            "--replace", action="store_true", help="该年已存在时，用软件包的数据替换其全部节假日和调休上班日"
        )

    def handle(self, *args, years, replace, **options):
        for year in years:
            try:
                calendar_year = calendar_import_year(year=year, replace=replace)
            except ValidationError as exc:
                codes = {error.code for errors in exc.error_dict.values() for error in errors}
                message = "；".join(exc.messages)
                if "exists" in codes:
                    message += "如需用软件包的数据替换，请加 --replace。"
                raise CommandError(message) from None
            days = list(calendar_year.days.values_list("is_workday", flat=True))
            self.stdout.write(
                self.style.SUCCESS(
                    f"已导入{year}年工作日历：节假日 {days.count(False)} 天，调休上班 {days.count(True)} 天。"
                )
            )
