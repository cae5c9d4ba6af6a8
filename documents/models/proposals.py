import calendar
import datetime

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from office.models import Department
from office.models.base import FieldConstraintsMixin, TimeStampedModel, VoidableModel

from ..choices import InstructionStatus, ProposalKind, ProposalResult, ProposalStatus, Satisfaction
from .incoming import IncomingDocument


class Proposal(FieldConstraintsMixin, TimeStampedModel, VoidableModel):
    """A deputy's proposal (人大代表建议) or a CPPCC member's proposal (政协委员提案) assigned to us."""

    CONSTRAINT_FIELDS = {"proposal_number_unique": "number"}

    VOID_STATUS = ProposalStatus.VOIDED

    kind = models.CharField("类型", max_length=10, choices=ProposalKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    number = models.CharField("编号", max_length=30)
    proposer = models.CharField("代表/委员", max_length=100)
    title = models.CharField("标题", max_length=200)
    lead_department = models.ForeignKey(
        Department, verbose_name="主办科室", on_delete=models.PROTECT, related_name="proposals_led"
    )
    co_departments = models.ManyToManyField(
        Department, verbose_name="协办科室", blank=True, related_name="proposals_cohandled"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承办人", on_delete=models.PROTECT, related_name="+"
    )
    assigned_on = models.DateField("交办日期")
    deadline = models.DateField("答复时限")
    reply = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    result = models.CharField("办理结果", max_length=1, choices=ProposalResult.choices, blank=True)
    satisfaction = models.CharField("满意度", max_length=12, choices=Satisfaction.choices, blank=True)
    status = models.CharField("状态", max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.HANDLING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["-assigned_on", "-id"]
        permissions = [("manage_proposal", "登记和管理建议提案")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "number"],
                name="proposal_number_unique",
                violation_error_message="本年度该类建议提案的这个编号已被使用。",
            )
        ]
        indexes = [models.Index(fields=["year", "kind"], name="proposal_year_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number} {self.title}"


def default_deadline(assigned_on: datetime.date) -> datetime.date:
    """Three months after assignment (RULES.md: reply within 3 months)."""
    month = assigned_on.month + 3
    year = assigned_on.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(assigned_on.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


class Instruction(TimeStampedModel, VoidableModel):
    """A leader's instruction (领导批示), on an incoming document or on its own."""

    VOID_STATUS = InstructionStatus.VOIDED

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批示领导", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("批示内容")
    instructed_on = models.DateField("批示日期")
    incoming = models.ForeignKey(
        IncomingDocument,
        verbose_name="所批文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instructions",
    )
    department = models.ForeignKey(
        Department, verbose_name="承办科室", on_delete=models.PROTECT, related_name="instructions"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="责任人", on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField("办结时限")
    status = models.CharField("状态", max_length=12, choices=InstructionStatus.choices, default=InstructionStatus.OPEN)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    completion_note = models.TextField("落实情况", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "领导批示"
        verbose_name_plural = "领导批示"
        ordering = ["-instructed_on", "-id"]
        indexes = [models.Index(fields=["deadline", "status"], name="instruction_deadline_idx")]

    def __str__(self):
        text = "涉密件" if self.is_classified else self.text[:30]
        return f"{self.leader}批示（{self.instructed_on:%Y-%m-%d}）：{text}"

    @property
    def is_classified(self):
        """An instruction on a classified document: its text is the document's content."""
        return self.incoming_id is not None and self.incoming.is_classified
