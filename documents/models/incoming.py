from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from office.models import Department
from office.models.base import FieldConstraintsMixin, TimeStampedModel, VoidableModel

from ..choices import (
    CLASSIFIED,
    CLASSIFIED_TITLE,
    Classification,
    DocumentKind,
    HandlingType,
    IncomingStatus,
    IncomingStepKind,
    SecrecyPeriod,
    Urgency,
)
from .common import SEARCH_FIELDS, Searchable

# The open statuses (documents.selectors.INCOMING_OPEN, which a test holds equal): not 退回, 办结, 作废.
OPEN_STATUSES = ["received", "registered", "reviewed", "proposed", "instructed", "handling", "circulating"]


class IncomingDocument(FieldConstraintsMixin, TimeStampedModel, VoidableModel, Searchable):
    """A document received from another body (收文), from 签收 to 办结.

    The internal serial is given at 登记 from a locked per-year counter, so serials are
    gap-free; a document is voided (作废) with a reason, never deleted."""

    CONSTRAINT_FIELDS = {"incoming_serial_unique": "serial"}

    VOID_STATUS = IncomingStatus.VOIDED

    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    serial = models.PositiveIntegerField("收文序号", null=True, blank=True)
    serial_number = models.CharField("收文编号", max_length=30, blank=True)
    sender = models.CharField("来文单位", max_length=100)
    sender_number = models.CharField("来文字号", max_length=60, blank=True)
    title = models.CharField("标题", max_length=200)
    kind = models.CharField("文种", max_length=20, choices=DocumentKind.choices, default=DocumentKind.NOTICE)
    classification = models.CharField(
        "密级", max_length=20, choices=Classification.choices, default=Classification.NONE
    )
    secrecy_period = models.CharField("保密期限", max_length=10, choices=SecrecyPeriod.choices, blank=True)
    copy_number = models.CharField("份号", max_length=10, blank=True)
    custodian = models.CharField("保管人", max_length=50, blank=True)
    urgency = models.CharField("紧急程度", max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    copies = models.PositiveSmallIntegerField("份数", default=1)
    pages = models.PositiveSmallIntegerField("页数", null=True, blank=True)
    received_at = models.DateTimeField("收文时间")
    deadline = models.DateField("办理时限", null=True, blank=True)
    remarks = models.TextField("备注", blank=True)
    handling_type = models.CharField(
        "办理类型", max_length=10, choices=HandlingType.choices, default=HandlingType.ACTION
    )
    status = models.CharField("状态", max_length=20, choices=IncomingStatus.choices, default=IncomingStatus.RECEIVED)
    instructing_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批办领导",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_department = models.ForeignKey(
        Department,
        verbose_name="主办科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incoming_led",
    )
    co_departments = models.ManyToManyField(
        Department, verbose_name="协办科室", blank=True, related_name="incoming_cohandled"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="签收人", on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField("办结时间", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at", *SEARCH_FIELDS])

    class Meta:
        verbose_name = "收文"
        verbose_name_plural = "收文"
        ordering = ["-received_at", "-id"]
        permissions = [
            ("manage_incomingdocument", "收文登记、初审、拟办、分办、传阅、催办、作废"),
            ("instruct_incomingdocument", "收文批办"),
            ("view_classified", "查看涉密文件的登记信息"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "serial"],
                condition=Q(serial__isnull=False),
                name="incoming_serial_unique",
                violation_error_message="该年度的收文序号已被使用。",
            ),
        ]
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="incoming_received_idx"),
            models.Index(fields=["status", "deadline"], name="incoming_status_deadline_idx"),
            models.Index(fields=["lead_department", "status"], name="incoming_lead_status_idx"),
            # The register filtered by year, newest first: one index range per year.
            models.Index(fields=["year", "-received_at", "-id"], name="incoming_year_received_idx"),
            # A department's own documents, newest first: its searches read them in this order and
            # stop at the page (search.windowed with a Split), not every match of the bureau.
            models.Index(fields=["lead_department", "-received_at", "-id"], name="incoming_lead_received_idx"),
            # The open documents only (a few percent of a million): the to-do lists and 逾期 filter,
            # in the to-do list's order and with every column its conditions read, so that the
            # keys of a busy clerk's list come from this index alone (selectors.waiting_documents).
            models.Index(
                fields=["deadline", "-received_at", "-id"],
                include=["status", "lead_department", "instructing_leader"],
                condition=Q(status__in=OPEN_STATUSES),
                name="incoming_waiting_idx",
            ),
            # The register's filters, so that a page and its (capped) count read only matching rows.
            models.Index(fields=["kind"], name="incoming_kind_idx"),
            models.Index(fields=["urgency"], condition=~Q(urgency="normal"), name="incoming_urgent_idx"),
            models.Index(
                fields=["classification"], condition=~Q(classification="none"), name="incoming_classified_idx"
            ),
        ]

    def __str__(self):
        return f"{self.serial_number or '未登记'} {CLASSIFIED_TITLE if self.is_classified else self.title}"

    @property
    def is_classified(self):
        return self.classification in CLASSIFIED


class IncomingStep(models.Model):
    """One handling step of an incoming document: who, when, and the opinion. Never changed."""

    document = models.ForeignKey(IncomingDocument, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField("环节", max_length=20, choices=IncomingStepKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField("意见", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "收文办理环节"
        verbose_name_plural = "收文办理环节"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.document_id}"


class CirculationReader(FieldConstraintsMixin, models.Model):
    """A reader a document circulates to (传阅), with the time the reader finished reading."""

    CONSTRAINT_FIELDS = {"circulation_reader_unique": "reader"}

    document = models.ForeignKey(IncomingDocument, on_delete=models.CASCADE, related_name="readers")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="阅件人", on_delete=models.PROTECT, related_name="circulations"
    )
    sent_at = models.DateTimeField("送阅时间", auto_now_add=True)
    read_at = models.DateTimeField("阅毕时间", null=True, blank=True)
    opinion = models.TextField("阅件意见", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "传阅"
        verbose_name_plural = "传阅"
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "reader"],
                name="circulation_reader_unique",
                violation_error_message="该人员已在传阅名单中。",
            )
        ]
        indexes = [models.Index(fields=["reader", "read_at"], name="circulation_reader_read_idx")]

    def __str__(self):
        return f"{self.reader} · {self.document_id}"
