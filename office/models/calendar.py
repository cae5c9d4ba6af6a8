from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import CalendarSource
from .base import TimeStampedModel


class CalendarYear(TimeStampedModel):
    """A year of the official calendar that is known: its exceptions are complete.

    A year without a row is not covered; deadlines in it are computed on weekends alone
    and marked provisional.
    """

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=10, choices=CalendarSource.choices, default=CalendarSource.MANUAL)
    note = models.CharField("说明", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "工作日历年度"
        verbose_name_plural = "工作日历年度"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年"


class CalendarDay(models.Model):
    """A day that breaks the weekend rule: a holiday on a weekday or a make-up workday (调休)
    on a weekend. Holidays that fall on a weekend are kept too, for their names."""

    calendar_year = models.ForeignKey(CalendarYear, verbose_name="年度", on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("上班", help_text="勾选表示调休上班日；不勾选表示法定节假日。")
    name = models.CharField("名称", max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "节假日/调休日"
        verbose_name_plural = "节假日/调休日"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name or ('调休上班' if self.is_workday else '休息')}"

    def clean(self):
        if self.date and self.calendar_year_id and self.date.year != self.calendar_year.year:
            raise ValidationError({"date": f"日期不在{self.calendar_year.year}年内。"})
