from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from office.models.base import FieldConstraintsMixin

from ..choices import TextStatus
from .incoming import IncomingDocument
from .outgoing import OutgoingDocument


class Attachment(FieldConstraintsMixin, models.Model):
    """A file of an incoming or outgoing document, stored with its SHA-256. Never for documents
    marked 秘密 and above (the service refuses them and records the refusal)."""

    incoming = models.ForeignKey(
        IncomingDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    outgoing = models.ForeignKey(
        OutgoingDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField("文件", upload_to="documents/%Y/%m/")
    original_name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    file_type = models.CharField("类型", max_length=10)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    # The file's text (PDF, Word), extracted once by a Celery task, for searching the registers.
    text = models.TextField("文件文字", blank=True)
    text_status = models.CharField(
        "文字提取", max_length=10, choices=TextStatus.choices, blank=True, default=TextStatus.NONE
    )
    text_error = models.CharField("提取失败原因", max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(incoming__isnull=False, outgoing__isnull=True)
                | Q(incoming__isnull=True, outgoing__isnull=False),
                name="attachment_one_document",
                violation_error_message="附件须属于且只属于一份收文或发文。",
            )
        ]

    def __str__(self):
        return self.original_name
