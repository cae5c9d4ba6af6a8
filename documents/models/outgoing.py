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
    Disclosure,
    DocumentKind,
    OutgoingStatus,
    OutgoingStepKind,
    SecrecyPeriod,
    Urgency,
)
from .common import SEARCH_FIELDS, IssuingCode, Searchable


class OutgoingDocument(FieldConstraintsMixin, TimeStampedModel, VoidableModel, Searchable):
    """A document the bureau issues (发文), from the draft to the archive.

    The number (发文字号) is given once, at 编号, from the issuing code's locked per-year
    sequence; voiding keeps it used. Dispatch without a number is refused."""

    CONSTRAINT_FIELDS = {"outgoing_number_unique": "number_serial"}

    VOID_STATUS = OutgoingStatus.VOIDED

    title = models.CharField("标题", max_length=200)
    kind = models.CharField("文种", max_length=20, choices=DocumentKind.choices, default=DocumentKind.NOTICE)
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="拟稿人", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name="拟稿科室", on_delete=models.PROTECT, related_name="outgoing_drafted"
    )
    main_recipients = models.CharField("主送", max_length=300, blank=True)
    cc_recipients = models.CharField("抄送", max_length=300, blank=True)
    classification = models.CharField(
        "密级", max_length=20, choices=Classification.choices, default=Classification.NONE
    )
    secrecy_period = models.CharField("保密期限", max_length=10, choices=SecrecyPeriod.choices, blank=True)
    copy_number = models.CharField("份号", max_length=10, blank=True)
    custodian = models.CharField("保管人", max_length=50, blank=True)
    urgency = models.CharField("紧急程度", max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    disclosure = models.CharField(
        "公开属性", max_length=20, choices=Disclosure.choices, blank=True, default=Disclosure.UNMARKED
    )
    body = models.TextField("正文", blank=True)
    attachment_names = models.TextField(
        "附件说明",
        blank=True,
        help_text="每行一个附件名称（名称后不加标点）；不填则按上传的附件文件名列出。",
    )
    issuing_code = models.ForeignKey(
        IssuingCode, verbose_name="机关代字", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    countersign_departments = models.ManyToManyField(
        Department, verbose_name="会签科室", blank=True, through="Countersign", related_name="outgoing_countersigned"
    )
    status = models.CharField("状态", max_length=20, choices=OutgoingStatus.choices, default=OutgoingStatus.DRAFT)
    # Chosen by the drafter (separation of duties): only this person reviews, only this leader signs.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="核稿人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signing_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="拟签发领导",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_on = models.DateField("签发日期", null=True, blank=True)
    sign_opinion = models.TextField("签发意见", blank=True)
    number_year = models.PositiveSmallIntegerField("编号年度", null=True, blank=True)
    number_serial = models.PositiveIntegerField("序号", null=True, blank=True)
    document_number = models.CharField("发文字号", max_length=40, blank=True)
    numbered_at = models.DateTimeField("编号时间", null=True, blank=True)
    dispatched_on = models.DateField("印发日期", null=True, blank=True)
    printed_copies = models.PositiveIntegerField("印发份数", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at", *SEARCH_FIELDS])

    class Meta:
        verbose_name = "发文"
        verbose_name_plural = "发文"
        ordering = ["-created_at", "-id"]
        permissions = [
            ("manage_outgoingdocument", "发文编号、印发、归档、作废"),
            ("review_outgoingdocument", "发文核稿"),
            ("sign_outgoingdocument", "发文签发"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_code", "number_year", "number_serial"],
                condition=Q(number_serial__isnull=False),
                name="outgoing_number_unique",
                violation_error_message="该机关代字本年度的这个序号已被使用。",
            ),
        ]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="outgoing_created_idx"),
            models.Index(fields=["status"], name="outgoing_status_idx"),
            models.Index(fields=["department", "status"], name="outgoing_department_status_idx"),
            # A department's own 发文, newest first: its searches read them in this order (as the
            # 收文's incoming_lead_received_idx).
            models.Index(fields=["department", "-created_at", "-id"], name="outgoing_dept_created_idx"),
            models.Index(fields=["number_year", "-created_at", "-id"], name="outgoing_year_created_idx"),
            models.Index(fields=["dispatched_on"], name="outgoing_dispatched_idx"),
        ]

    def __str__(self):
        return f"{self.document_number or '未编号'} {CLASSIFIED_TITLE if self.is_classified else self.title}"

    @property
    def is_classified(self):
        return self.classification in CLASSIFIED


class Countersign(FieldConstraintsMixin, models.Model):
    """A department asked to co-sign (会签) a draft, and its opinion once given."""

    CONSTRAINT_FIELDS = {"countersign_unique": "department"}

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="countersigns")
    department = models.ForeignKey(Department, verbose_name="会签科室", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="会签人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField("会签时间", null=True, blank=True)
    opinion = models.TextField("会签意见", blank=True)

    class Meta:
        verbose_name = "会签"
        verbose_name_plural = "会签"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "department"],
                name="countersign_unique",
                violation_error_message="该科室已在会签名单中。",
            )
        ]

    def __str__(self):
        return f"{self.department} · {self.document_id}"


class OutgoingStep(models.Model):
    """One step of an outgoing document: who, when, and the opinion. Never changed."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField("环节", max_length=20, choices=OutgoingStepKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField("意见", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "发文办理环节"
        verbose_name_plural = "发文办理环节"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.document_id}"
