from django.db import models

from .base import FieldConstraintsMixin


class SerialCounter(FieldConstraintsMixin, models.Model):
    """The last serial given in a year for one sequence: 收文 (收〔2026〕123号), each issuing code's
    发文字号, an archive group's 件号, 信访编号, 任免文号 … (office/numbering.py).

    The row is locked while a serial is taken, so two people registering at once get consecutive
    numbers, and a rolled-back registration gives its number back: the serials stay gap-free."""

    key = models.CharField("序列", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    last_value = models.PositiveIntegerField("已用到", default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"
        constraints = [
            models.UniqueConstraint(
                fields=["key", "year"],
                name="office_serial_counter_unique",
                violation_error_message="该序列的本年度计数器已存在。",
            )
        ]

    def __str__(self):
        return f"{self.key} {self.year}：{self.last_value}"
