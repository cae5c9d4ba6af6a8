from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from office.models import Department
from office.models.base import FieldConstraintsMixin, TimeStampedModel

from ..choices import Retention
from .incoming import IncomingDocument
from .outgoing import OutgoingDocument


class ArchiveItem(FieldConstraintsMixin, TimeStampedModel):
    """A filed item (件) with its archive number (档号) in the DA/T 22-2015 pattern:
    全宗号-门类代码·年度-保管期限-机构代码-件号, e.g. X001-WS·2026-Y-BGS-0001."""

    CONSTRAINT_FIELDS = {"archive_piece_unique": "piece_number"}

    fonds_code = models.CharField("全宗号", max_length=20)
    category_code = models.CharField("门类代码", max_length=10, default="WS")
    year = models.PositiveSmallIntegerField("年度")
    retention = models.CharField("保管期限", max_length=4, choices=Retention.choices)
    org_code = models.CharField("机构代码", max_length=20)
    piece_number = models.PositiveIntegerField("件号")
    archive_number = models.CharField("档号", max_length=80, unique=True)
    title = models.CharField("题名", max_length=200)
    responsible_body = models.CharField("责任者", max_length=100, blank=True)
    document_number = models.CharField("文号", max_length=60, blank=True)
    document_date = models.DateField("文件日期", null=True, blank=True)
    pages = models.PositiveSmallIntegerField("页数", null=True, blank=True)
    department = models.ForeignKey(Department, verbose_name="机构（问题）", on_delete=models.PROTECT, related_name="+")
    incoming = models.OneToOneField(
        IncomingDocument,
        verbose_name="收文",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="archive_item",
    )
    outgoing = models.OneToOneField(
        OutgoingDocument,
        verbose_name="发文",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="archive_item",
    )
    archived_on = models.DateField("归档日期")
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="归档人", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "归档文件"
        verbose_name_plural = "归档文件"
        ordering = ["year", "retention", "org_code", "piece_number"]
        permissions = [("manage_archiveitem", "文件归档")]
        constraints = [
            models.UniqueConstraint(
                fields=["fonds_code", "category_code", "year", "retention", "org_code", "piece_number"],
                name="archive_piece_unique",
                violation_error_message="该件号在同一全宗、类别、年度、保管期限和机构中已被使用。",
            )
        ]
        indexes = [models.Index(fields=["archived_on"], name="archive_archived_on_idx")]

    def __str__(self):
        return f"{self.archive_number} {self.title}"
