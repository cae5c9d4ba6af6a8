from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, F, Q, Value, When
from simple_history.models import HistoricalRecords

from ..choices import SupervisionEventKind, SupervisionStatus
from .base import FieldConstraintsMixin, TimeStampedModel
from .org import Department

OPEN_FIRST = Case(When(status=SupervisionStatus.OPEN, then=Value(0)), default=Value(1))


class SupervisedItem(FieldConstraintsMixin, TimeStampedModel):
    """Anything with an owner department, a responsible person and a deadline (督办事项).

    Other apps open items through office.services.supervision only; the record that
    opened an item (an incoming document, an instruction, a meeting decision …) is `source`.
    """

    CONSTRAINT_FIELDS = {"supervised_item_deadline_after_start": "deadline"}

    title = models.CharField("事项", max_length=200)
    description = models.TextField("内容与要求", blank=True)
    # A code some app registered (office.plugins.Category); not a closed set of the core.
    category = models.CharField("类别", max_length=20)
    owner_department = models.ForeignKey(
        Department, verbose_name="承办科室", on_delete=models.PROTECT, related_name="supervised_items"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="责任人", on_delete=models.PROTECT, related_name="supervised_items"
    )
    start_date = models.DateField("交办日期")
    deadline = models.DateField("办结时限")
    deadline_working_days = models.PositiveSmallIntegerField("时限（工作日）", null=True, blank=True)
    # The deadline fell in a year whose official calendar is not known yet.
    deadline_provisional = models.BooleanField("时限待定", default=False)
    status = models.CharField("状态", max_length=12, choices=SupervisionStatus.choices, default=SupervisionStatus.OPEN)
    completed_at = models.DateTimeField("办结时间", null=True, blank=True)
    completed_on = models.DateField("办结日期", null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办结人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    completion_note = models.TextField("办结情况", blank=True)
    void_reason = models.CharField("撤销原因", max_length=200, blank=True)
    last_urged_at = models.DateTimeField("最近催办", null=True, blank=True)
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="立项人", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "督办事项"
        verbose_name_plural = "督办事项"
        ordering = ["deadline", "id"]
        permissions = [
            ("urge_superviseditem", "催办督办事项"),
            ("manage_superviseditem", "办结、重开、撤销任何督办事项"),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["owner_department", "status", "deadline"]),
            models.Index(fields=["responsible", "status", "deadline"]),
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["deadline"], name="supervised_item_deadline"),
            # The summary's 专题任务 and completion figures count by completion date.
            models.Index(fields=["completed_on"], name="supervised_item_completed_on"),
            # The lists' default order: open items first, each part by deadline.
            models.Index(OPEN_FIRST, F("deadline"), F("id"), name="supervised_item_open_first"),
            # The dashboard's figures (selectors.dashboard_figures): index-only scans of a year's
            # items, and of the open items carried over from earlier years, at a million items.
            models.Index(
                fields=["deadline"],
                include=["status", "completed_on", "category", "owner_department", "id"],
                name="supervised_item_year_figures",
            ),
            models.Index(
                fields=["deadline"],
                include=["status", "completed_on", "category", "owner_department", "id"],
                condition=Q(status="open"),
                name="supervised_item_open_figures",
            ),
            # What waits for a department head and for a person (selectors.waiting_counts).
            # They hold the source, so that leaving out what another block of the page lists
            # (`excluding`) reads no table row either.
            models.Index(
                fields=["owner_department", "deadline"],
                include=["source_type", "source_id"],
                condition=Q(status="open"),
                name="supervised_item_open_dept",
            ),
            models.Index(
                fields=["responsible", "deadline"],
                include=["owner_department", "source_type", "source_id"],
                condition=Q(status="open"),
                name="supervised_item_open_person",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="completed", completed_at__isnull=False, completed_on__isnull=False)
                | (~Q(status="completed") & Q(completed_at__isnull=True)),
                name="supervised_item_completion_consistent",
                violation_error_message="办结状态与办结时间、办结日期不一致：已办结的事项须有办结日期，未办结的不能有。",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("start_date")),
                name="supervised_item_deadline_after_start",
                violation_error_message="办结时限不能早于交办日期。",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def category_label(self):
        from ..plugins import category_label

        return category_label(self.category)

    @property
    def completed_on_time(self):
        return self.status == SupervisionStatus.COMPLETED and self.completed_on <= self.deadline


class SupervisionEvent(models.Model):
    """One step in an item's life: opening, a progress report (反馈), an urging (催办),
    completion, reopening or voiding. Events are never changed."""

    item = models.ForeignKey(SupervisedItem, verbose_name="督办事项", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("类型", max_length=12, choices=SupervisionEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("内容", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "督办记录"
        verbose_name_plural = "督办记录"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.item}"


class SupervisionTally(models.Model):
    """How many supervised items share a department, a category, a deadline month, a status and
    (completed items) whether they were completed on time: the dashboard's figures summed from a
    few thousand rows instead of counted from a million items (selectors.dashboard_figures).

    Derived data, not a record: PostgreSQL triggers on office_superviseditem keep it (migration
    0017), for every insert, update and delete, through services, QuerySet.update(), bulk_create
    and raw SQL alike. Nothing in Python writes it; SQLite has no tally and counts the items."""

    owner_department = models.ForeignKey(
        Department, verbose_name="承办科室", on_delete=models.CASCADE, related_name="+"
    )
    category = models.CharField("类别", max_length=20)
    month = models.DateField("办结时限所在月")  # the first day of the deadline's month
    status = models.CharField("状态", max_length=12, choices=SupervisionStatus.choices)
    on_time = models.BooleanField("按时办结")
    # No CHECK (count >= 0): were the tally ever wrong, writes of items would fail with it.
    count = models.IntegerField("事项数")

    class Meta:
        verbose_name = "督办事项汇总"
        verbose_name_plural = "督办事项汇总"
        default_permissions = ()
        constraints = [
            # Month first: a year's view reads a range of months (the triggers' ON CONFLICT key).
            models.UniqueConstraint(
                fields=["month", "status", "owner_department", "category", "on_time"],
                name="supervision_tally_key",
                violation_error_message="同一科室、类别、月份、状态的督办事项汇总只能有一行。",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.owner_department_id} {self.category} {self.status}：{self.count}"
