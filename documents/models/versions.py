"""The versions of an outgoing document's 正文: each round of drafting and review keeps its own,
as an official record (never changed but for its extracted text, never deleted)."""

from django.conf import settings
from django.db import models

from ..choices import TextStatus, VersionSource, VersionStep
from .outgoing import OutgoingDocument


class BodyVersion(models.Model):
    """One version of the 正文: a Word document uploaded at a step, or the text written on the
    draft's page. `text` holds the plain text (paragraphs one a line) and `paragraphs` each
    paragraph with its style and heading level, extracted once by a Celery task."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    step = models.CharField("环节", max_length=20, choices=VersionStep.choices)
    source = models.CharField("来源", max_length=10, choices=VersionSource.choices)
    file = models.FileField("文件", upload_to="documents/versions/%Y/%m/", blank=True)
    original_name = models.CharField("文件名", max_length=200, blank=True)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    note = models.CharField("修改说明", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提交人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    text = models.TextField("正文文字", blank=True)
    paragraphs = models.JSONField("段落", default=list, blank=True)
    text_status = models.CharField(
        "文字提取", max_length=10, choices=TextStatus.choices, blank=True, default=TextStatus.NONE
    )
    text_error = models.CharField("提取失败原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "正文版本"
        verbose_name_plural = "正文版本"
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="body_version_unique",
                violation_error_message="该版本号的正文已存在，请刷新页面后重新上传。",
            )
        ]

    def __str__(self):
        return f"第{self.number}版（{self.get_step_display()}）"
