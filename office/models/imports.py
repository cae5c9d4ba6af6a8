from django.conf import settings
from django.db import models


class RegisterImport(models.Model):
    """A large register import (office/services/imports.py), run by a Celery worker with its
    progress: the rows checked so far of the total, then the rows written or every row's error.
    Small imports run in the request and leave no row."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "排队中"), (RUNNING, "检查中"), (DONE, "已导入"), (FAILED, "未导入")]

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    importer = models.CharField("导入程序", max_length=120)  # the dotted path of the app's import service
    title = models.CharField("名称", max_length=100)
    file = models.FileField("文件", upload_to="imports/%Y/%m/")
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=QUEUED)
    rows_total = models.PositiveIntegerField("总行数", default=0)
    rows_done = models.PositiveIntegerField("已检查行数", default=0)
    created = models.PositiveIntegerField("导入条数", default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    done_url = models.CharField("完成后查看", max_length=200, blank=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "登记簿导入"
        verbose_name_plural = "登记簿导入"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.title}（{self.get_status_display()}）"

    @property
    def finished(self):
        return self.status in (self.DONE, self.FAILED)

    @property
    def percent(self):
        if self.status == self.DONE:
            return 100
        return int(self.rows_done * 100 / self.rows_total) if self.rows_total else 0
