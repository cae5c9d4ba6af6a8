"""Petitions (信访事项) with their petitioners, receptions (公务接待), the duty roster (值班) with
its log and swaps, and safety patrols (安全巡查).

Every write goes through petitions.services; the statutory clocks live there."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from office.models import Department
from office.models.base import FieldConstraintsMixin, TimeStampedModel, VoidableModel

from .choices import (
    Channel,
    DutyLogKind,
    DutyRole,
    PetitionStatus,
    ReceptionActivity,
    ReceptionKind,
    ReceptionStatus,
    RectificationStatus,
    ReviewResult,
    Route,
    Satisfaction,
    Subject,
    SwapStatus,
)

USER = settings.AUTH_USER_MODEL


class Petition(FieldConstraintsMixin, TimeStampedModel, VoidableModel):
    """A petition (信访事项) from registration to 办结, with the dates of each statutory step."""

    CONSTRAINT_FIELDS = {"petitions_petition_year_serial": "serial"}

    VOID_STATUS = PetitionStatus.VOIDED

    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    number = models.CharField("信访编号", max_length=30, unique=True)
    channel = models.CharField("信访形式", max_length=10, choices=Channel.choices)
    received_on = models.DateField("登记日期")
    persons = models.PositiveSmallIntegerField("来访人数", default=1, help_text="集体来访一批多人，按人次统计。")
    subject = models.CharField("问题类别", max_length=20, choices=Subject.choices, default=Subject.OTHER)
    title = models.CharField("事由", max_length=200)
    content = models.TextField("信访内容")
    request = models.TextField("诉求", blank=True)
    attachment = models.FileField("附件", upload_to="petitions/%Y/", blank=True)
    higher_body = models.CharField("转交机关", max_length=100, blank=True, help_text="上级转交、交办的机关。")
    status = models.CharField("状态", max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.REGISTERED)

    is_repeat = models.BooleanField("重复信访", default=False)
    repeat_of = models.ForeignKey(
        "self", verbose_name="此前信访", null=True, blank=True, on_delete=models.PROTECT, related_name="repeats"
    )
    same_facts_as = models.ForeignKey(
        "self",
        verbose_name="同一事实的原信访事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    route = models.CharField("处理方式", max_length=10, choices=Route.choices, blank=True)
    decided_on = models.DateField("处理日期", null=True, blank=True)
    decision_note = models.TextField("处理意见", blank=True)
    transferred_to = models.CharField("转送机关", max_length=100, blank=True)
    handling_department = models.ForeignKey(
        Department, verbose_name="承办科室", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handler = models.ForeignKey(
        USER, verbose_name="承办人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    accepted_on = models.DateField("受理日期", null=True, blank=True)
    due_on = models.DateField("办理期限", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长天数", null=True, blank=True)
    extension_reason = models.CharField("延期理由", max_length=200, blank=True)
    extension_approved_by = models.ForeignKey(
        USER, verbose_name="批准延期领导", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extended_on = models.DateField("延期日期", null=True, blank=True)

    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply = models.TextField("答复意见", blank=True)
    satisfaction = models.CharField("满意度", max_length=12, choices=Satisfaction.choices, blank=True)

    review_requested_on = models.DateField("复查申请日期", null=True, blank=True)
    review_decided_on = models.DateField("复查意见日期", null=True, blank=True)
    review_result = models.CharField("复查结果", max_length=10, choices=ReviewResult.choices, blank=True)
    review_note = models.TextField("复查意见", blank=True)
    re_review_requested_on = models.DateField("复核申请日期", null=True, blank=True)
    re_review_decided_on = models.DateField("复核意见日期", null=True, blank=True)
    re_review_result = models.CharField("复核结果", max_length=10, choices=ReviewResult.choices, blank=True)
    re_review_note = models.TextField("复核意见", blank=True)

    closed_on = models.DateField("办结日期", null=True, blank=True)
    registered_by = models.ForeignKey(USER, verbose_name="登记人", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "信访事项"
        verbose_name_plural = "信访事项"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "serial"],
                name="petitions_petition_year_serial",
                violation_error_message="该年度的信访序号已被使用。",
            )
        ]
        permissions = [
            ("approve_extension", "批准信访事项延期"),
            ("view_petitioner_data", "查看信访人个人信息"),
        ]
        indexes = [
            models.Index(fields=["received_on"], name="petitions_received_idx"),
            models.Index(fields=["status", "received_on"], name="petitions_status_idx"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"


class Petitioner(models.Model):
    """One of the people who brought a petition. Personal data: masked for most viewers."""

    petition = models.ForeignKey(
        Petition, verbose_name="信访事项", on_delete=models.CASCADE, related_name="petitioners"
    )
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    address = models.CharField("住址", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "信访人"
        verbose_name_plural = "信访人"
        ordering = ["id"]
        indexes = [
            models.Index(fields=["id_number"], name="petitioner_id_number_idx"),
            models.Index(fields=["name", "phone"], name="petitioner_name_phone_idx"),
        ]

    def __str__(self):
        return self.name


class Reception(TimeStampedModel, VoidableModel):
    """A reception (公务接待) of a visiting unit, on the strength of its official letter (公函)."""

    VOID_STATUS = ReceptionStatus.VOIDED

    kind = models.CharField("接待类型", max_length=20, choices=ReceptionKind.choices, default=ReceptionKind.ROUTINE)
    event_name = models.CharField(
        "活动名称", max_length=100, blank=True, help_text="大型会议活动、考察检查组的名称，写入年度总结。"
    )
    visiting_unit = models.CharField("来访单位", max_length=100)
    letter_document = models.ForeignKey(
        "documents.IncomingDocument",
        verbose_name="公函（收文）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    letter_scan = models.FileField("公函扫描件", upload_to="receptions/%Y/", blank=True)
    letter_number = models.CharField("公函文号", max_length=60, blank=True)
    purpose = models.CharField("来访事由", max_length=200)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    place = models.CharField("接待地点", max_length=100)
    has_meals = models.BooleanField("安排用餐", default=False)
    has_lodging = models.BooleanField("安排住宿", default=False)
    has_meeting = models.BooleanField("会议座谈", default=False)
    has_inspection = models.BooleanField("考察调研", default=False)
    meal_companions = models.PositiveSmallIntegerField("陪餐人数", default=0)
    cost = models.DecimalField("接待费用（元）", max_digits=10, decimal_places=2, default=0)
    status = models.CharField("状态", max_length=10, choices=ReceptionStatus.choices, default=ReceptionStatus.DRAFT)
    approved_by = models.ForeignKey(
        USER, verbose_name="审批人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField("审批日期", null=True, blank=True)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name="登记人", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "公务接待"
        verbose_name_plural = "公务接待"
        ordering = ["-start_date", "-id"]
        permissions = [("approve_reception", "审批公务接待")]
        indexes = [models.Index(fields=["start_date"], name="reception_start_idx")]

    def __str__(self):
        return f"{self.start_date:%Y-%m-%d} {self.visiting_unit}"

    @property
    def visitor_count(self):
        return len(self.visitors.all())


class ReceptionVisitor(models.Model):
    reception = models.ForeignKey(Reception, verbose_name="公务接待", on_delete=models.CASCADE, related_name="visitors")
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=60, blank=True)

    class Meta:
        verbose_name = "来访人员"
        verbose_name_plural = "来访人员"
        ordering = ["id"]

    def __str__(self):
        return self.name


class ReceptionItem(models.Model):
    """A line of the 接待清单: what was provided, when, where, at what cost."""

    reception = models.ForeignKey(Reception, verbose_name="公务接待", on_delete=models.CASCADE, related_name="items")
    date = models.DateField("日期")
    activity = models.CharField("项目", max_length=12, choices=ReceptionActivity.choices)
    description = models.CharField("内容", max_length=200, blank=True)
    place = models.CharField("地点", max_length=100, blank=True)
    cost = models.DecimalField("金额（元）", max_digits=10, decimal_places=2, default=0)

    class Meta:
        verbose_name = "接待清单"
        verbose_name_plural = "接待清单"
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.date} {self.get_activity_display()}"


class DutyDay(TimeStampedModel):
    """A day of the duty roster (值班表): its 带班领导 and staff are its assignments."""

    date = models.DateField("日期", unique=True)
    is_holiday = models.BooleanField("节假日", default=False)
    holiday_name = models.CharField("节日", max_length=30, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "值班日"
        verbose_name_plural = "值班日"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}"


class DutyAssignment(FieldConstraintsMixin, models.Model):
    CONSTRAINT_FIELDS = {"petitions_duty_one_per_day": "person"}

    day = models.ForeignKey(DutyDay, verbose_name="值班日", on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(USER, verbose_name="值班人", on_delete=models.PROTECT, related_name="duty_assignments")
    role = models.CharField("职责", max_length=10, choices=DutyRole.choices)
    reminded_at = models.DateTimeField("提醒时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "值班安排"
        verbose_name_plural = "值班安排"
        ordering = ["day__date", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "person"],
                name="petitions_duty_one_per_day",
                violation_error_message="该人员当天已排班。",
            )
        ]
        indexes = [models.Index(fields=["person", "day"], name="duty_person_day_idx")]

    def __str__(self):
        return f"{self.day} {self.get_role_display()} {self.person}"


class DutySwap(TimeStampedModel):
    """A request to swap duty: `requester` gives `assignment` to `substitute`; when
    `counter_assignment` is given, the requester takes that one in return."""

    assignment = models.ForeignKey(DutyAssignment, verbose_name="原值班", on_delete=models.CASCADE, related_name="+")
    counter_assignment = models.ForeignKey(
        DutyAssignment, verbose_name="对调值班", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    requester = models.ForeignKey(USER, verbose_name="申请人", on_delete=models.PROTECT, related_name="+")
    substitute = models.ForeignKey(USER, verbose_name="替班人", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("理由", max_length=200)
    status = models.CharField("状态", max_length=10, choices=SwapStatus.choices, default=SwapStatus.PENDING)
    decided_by = models.ForeignKey(
        USER, verbose_name="审批人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "换班申请"
        verbose_name_plural = "换班申请"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.requester} → {self.substitute}"


class DutyLog(TimeStampedModel):
    """A duty log entry (值班记录): a call or an event, what was done, what was handed over."""

    day = models.ForeignKey(DutyDay, verbose_name="值班日", on_delete=models.PROTECT, related_name="logs")
    occurred_at = models.DateTimeField("时间")
    kind = models.CharField("类别", max_length=10, choices=DutyLogKind.choices, default=DutyLogKind.CALL)
    caller = models.CharField("来电/来人", max_length=100, blank=True)
    content = models.TextField("内容")
    action_taken = models.TextField("处理情况", blank=True)
    handover = models.TextField("交接事项", blank=True)
    recorded_by = models.ForeignKey(USER, verbose_name="记录人", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "值班记录"
        verbose_name_plural = "值班记录"
        ordering = ["-occurred_at", "-id"]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


class Patrol(TimeStampedModel, VoidableModel):
    """A safety patrol (安全巡查) of the premises; a hazard found opens a rectification."""

    date = models.DateField("巡查日期")
    inspector = models.ForeignKey(USER, verbose_name="巡查人", on_delete=models.PROTECT, related_name="+")
    companions = models.CharField("同行人员", max_length=100, blank=True)
    areas = models.CharField("巡查区域", max_length=200)
    findings = models.TextField("巡查情况", blank=True)
    hazard = models.TextField("发现隐患", blank=True)
    rectification_status = models.CharField(
        "整改状态", max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.NONE
    )
    rectification_owner = models.ForeignKey(
        USER, verbose_name="整改责任人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rectification_department = models.ForeignKey(
        Department, verbose_name="整改科室", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rectification_deadline = models.DateField("整改期限", null=True, blank=True)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    rectification_note = models.TextField("整改情况", blank=True)
    recorded_by = models.ForeignKey(USER, verbose_name="记录人", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "安全巡查"
        verbose_name_plural = "安全巡查"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date"], name="patrol_date_idx")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.areas}"
