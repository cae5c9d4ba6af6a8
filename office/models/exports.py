from django.conf import settings
from django.db import models


class RegisterExport(models.Model):
    """An Excel export of a large register, written by a Celery worker and kept for its requester
    (office/export.py). Small registers are exported in the request and leave no row."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "排队中"), (RUNNING, "生成中"), (DONE, "已完成"), (FAILED, "失败")]

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    register = models.CharField("登记簿", max_length=120)  # the dotted path of its office.export.Register
    title = models.CharField("名称", max_length=100)
    params = models.JSONField("筛选条件", default=dict)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=QUEUED)
    file = models.FileField("文件", upload_to="exports/%Y/%m/", blank=True)
    rows = models.PositiveIntegerField("行数", default=0)
    error = models.CharField("错误", max_length=300, blank=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "登记簿导出"
        verbose_name_plural = "登记簿导出"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="register_export_user_idx")]

    def __str__(self):
        return f"{self.title}（{self.get_status_display()}）"
