"""Personnel (人事): staff records, appointments, recruitment, titles, salary changes, annual
assessments, transfers, expert service and talks.

Every write goes through personnel.services; these models hold the one-row rules only.
ID numbers, phones, birth dates and salary figures are personal data: who sees them in full is
decided in personnel.permissions, how they are masked in office.masking."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from office.models.base import FieldConstraintsMixin, TimeStampedModel, VoidableModel
from office.models.org import phone_validator

from .choices import (
    ALL_SALARY_COMPONENTS,
    ETHNICITY_CHOICES,
    HAN,
    SALARY_COMPONENTS,
    AppointmentKind,
    AppointmentState,
    AssessmentGrade,
    Degree,
    Education,
    PersonStatus,
    PoliticalStatus,
    Rank,
    RecruitmentChannel,
    SalaryReason,
    SalaryScheme,
    SensitiveAccessVia,
    Sex,
    Staffing,
    TalkKind,
    TitleLevel,
    TransferDirection,
)
from .idnumbers import id_problem, normalise

money = {
    "max_digits": 10,
    "decimal_places": 2,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(Decimal("0"))],
}


class Person(TimeStampedModel):
    """A staff record (人员档案): everyone the bureau pays or counts, with or without a login
    (retired staff have none). The current post, rank and department are kept here and changed
    by applying appointments; the history table keeps the old values."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person",
    )
    name = models.CharField("姓名", max_length=50)
    sex = models.CharField("性别", max_length=6, choices=Sex.choices)
    birth_date = models.DateField("出生日期")
    citizen_id = models.CharField("公民身份号码", max_length=18, unique=True)
    ethnicity = models.CharField("民族", max_length=2, choices=ETHNICITY_CHOICES, default=HAN)
    political_status = models.CharField(
        "政治面貌", max_length=2, choices=PoliticalStatus.choices, default=PoliticalStatus.MASSES
    )
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[phone_validator])
    education = models.CharField("学历", max_length=14, choices=Education.choices, blank=True)
    degree = models.CharField("学位", max_length=10, choices=Degree.choices, blank=True)
    work_start_date = models.DateField("参加工作时间", null=True, blank=True)
    join_date = models.DateField("进入本单位时间", null=True, blank=True)
    staffing = models.CharField("编制", max_length=16, choices=Staffing.choices)
    department = models.ForeignKey(
        "office.Department",
        verbose_name="科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_records",
    )
    post = models.CharField("职务", max_length=60, blank=True)
    rank = models.CharField("职级", max_length=16, choices=Rank.choices, blank=True)
    title = models.CharField("专业技术职称", max_length=60, blank=True, help_text="如：高级工程师。")
    title_level = models.CharField("职称级别", max_length=14, choices=TitleLevel.choices, blank=True)
    status = models.CharField("人员状态", max_length=16, choices=PersonStatus.choices, default=PersonStatus.ACTIVE)
    status_date = models.DateField("状态日期", null=True, blank=True)
    resume = models.TextField("简历", blank=True, help_text="每段一行：起止年月、单位及职务。")
    rewards = models.TextField("奖惩情况", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "人员档案"
        verbose_name_plural = "人员档案"
        ordering = ["department__sort_order", "name", "id"]
        indexes = [models.Index(fields=["status", "department"])]
        permissions = [
            ("manage_personnel", "管理人事档案与任免"),
            ("view_personal_data", "查看人员身份证号、电话、出生日期"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.citizen_id = normalise(self.citizen_id)
        problem = id_problem(self.citizen_id, self.birth_date)
        if problem:
            raise ValidationError({"citizen_id": problem})
        if self.status != PersonStatus.ACTIVE and not self.status_date:
            raise ValidationError({"status_date": f"人员状态为“{self.get_status_display()}”时须填写状态日期。"})

    def age_on(self, day: datetime.date) -> int:
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    @property
    def salary_scheme(self):
        return SalaryScheme.INSTITUTION if self.staffing == Staffing.INSTITUTION else SalaryScheme.ORGAN


class Appointment(TimeStampedModel, VoidableModel):
    """An appointment or removal (任免). Recorded first, then applied: applying writes the new
    post, rank and department onto the Person (keeping the old ones here and in its history).
    A promotion carries its 任前公示 period; a promotion to a leading post its probation."""

    VOID_STATUS = AppointmentState.VOIDED

    person = models.ForeignKey(Person, verbose_name="人员", on_delete=models.PROTECT, related_name="appointments")
    kind = models.CharField("任免类别", max_length=16, choices=AppointmentKind.choices)
    status = models.CharField(
        "状态", max_length=10, choices=AppointmentState.choices, default=AppointmentState.RECORDED
    )
    rank = models.CharField("职级", max_length=16, choices=Rank.choices, blank=True)
    post = models.CharField("职务", max_length=60, blank=True)
    department = models.ForeignKey(
        "office.Department", verbose_name="任职科室", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    effective_date = models.DateField("任免日期")
    document = models.ForeignKey(
        "documents.OutgoingDocument",
        verbose_name="任免文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    document_number = models.CharField("任免文号", max_length=60, blank=True)
    serial = models.CharField("登记号", max_length=20, blank=True, editable=False)
    reason = models.TextField("任免理由", blank=True)
    publicity_start = models.DateField("任前公示开始", null=True, blank=True)
    publicity_end = models.DateField("任前公示结束", null=True, blank=True)
    probation_end = models.DateField("试用期满", null=True, blank=True)
    # What the person held before it was applied (filled by appointment_apply).
    previous_rank = models.CharField("原职级", max_length=16, choices=Rank.choices, blank=True)
    previous_post = models.CharField("原职务", max_length=60, blank=True)
    previous_department = models.ForeignKey(
        "office.Department", verbose_name="原科室", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField("执行时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "任免"
        verbose_name_plural = "任免"
        ordering = ["-effective_date", "-id"]
        indexes = [models.Index(fields=["effective_date", "kind"])]

    def __str__(self):
        return f"{self.person} {self.get_kind_display()} {self.post}".strip()


class Recruitment(TimeStampedModel, VoidableModel):
    """A person who came in through one of the recruitment channels (人才引进/招聘)."""

    person = models.ForeignKey(Person, verbose_name="人员", on_delete=models.PROTECT, related_name="recruitments")
    channel = models.CharField("渠道", max_length=20, choices=RecruitmentChannel.choices)
    date = models.DateField("到岗日期")
    note = models.CharField("说明", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "人才引进/招聘"
        verbose_name_plural = "人才引进/招聘"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.person} {self.get_channel_display()}"


class TitleReview(TimeStampedModel, VoidableModel):
    """One person's professional title review (职称评审) in a year: passed or not."""

    person = models.ForeignKey(Person, verbose_name="人员", on_delete=models.PROTECT, related_name="title_reviews")
    series = models.CharField("系列", max_length=40, help_text="如：工程、经济、会计。")
    title = models.CharField("职称名称", max_length=60, blank=True, help_text="如：高级工程师。")
    level = models.CharField("级别", max_length=14, choices=TitleLevel.choices)
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(1980), MaxValueValidator(2100)])
    passed = models.BooleanField("通过", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "职称评审"
        verbose_name_plural = "职称评审"
        ordering = ["-year", "-id"]

    def __str__(self):
        return f"{self.person} {self.year} {self.get_level_display()}"


class SalaryChange(FieldConstraintsMixin, TimeStampedModel, VoidableModel):
    """A change of a person's fixed monthly pay (薪资变动), from the month it takes effect.

    The components after the change are the monthly base from that month on (the base Party
    dues are assessed on, RULES.md): 机关 职务工资 + 级别工资 + 津贴补贴; 事业单位 岗位工资 +
    薪级工资 + 绩效工资 + 津贴补贴. `effective_month` is the first day of the month."""

    CONSTRAINT_FIELDS = {"personnel_salary_month_first_day": "effective_month"}

    person = models.ForeignKey(Person, verbose_name="人员", on_delete=models.PROTECT, related_name="salary_changes")
    effective_month = models.DateField("起薪月份")
    reason = models.CharField("变动原因", max_length=10, choices=SalaryReason.choices)
    scheme = models.CharField("工资类别", max_length=12, choices=SalaryScheme.choices)
    before_duty_pay = models.DecimalField("变动前职务工资", **money)
    before_grade_pay = models.DecimalField("变动前级别工资", **money)
    before_post_pay = models.DecimalField("变动前岗位工资", **money)
    before_scale_pay = models.DecimalField("变动前薪级工资", **money)
    before_performance_pay = models.DecimalField("变动前绩效工资", **money)
    before_allowance = models.DecimalField("变动前津贴补贴", **money)
    duty_pay = models.DecimalField("职务工资", **money)
    grade_pay = models.DecimalField("级别工资", **money)
    post_pay = models.DecimalField("岗位工资", **money)
    scale_pay = models.DecimalField("薪级工资", **money)
    performance_pay = models.DecimalField("绩效工资", **money)
    allowance = models.DecimalField("津贴补贴", **money)
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "薪资变动"
        verbose_name_plural = "薪资变动"
        ordering = ["-effective_month", "-id"]
        indexes = [models.Index(fields=["person", "effective_month"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_month__day=1),
                name="personnel_salary_month_first_day",
                violation_error_message="变动月份须为某月1日。",
            ),
        ]

    def __str__(self):
        return f"{self.person} {self.effective_month:%Y-%m} {self.get_reason_display()}"

    def clean(self):
        if self.effective_month and self.effective_month.day != 1:
            self.effective_month = self.effective_month.replace(day=1)
        if not self.scheme:
            return
        wanted = {name for name, _label in SALARY_COMPONENTS[self.scheme]}
        errors = {}
        for name, label in ALL_SALARY_COMPONENTS:
            if name in wanted and getattr(self, name) is None:
                errors[name] = f"{self.get_scheme_display()}工资须填写变动后的{label}。"
            if name not in wanted and (getattr(self, name) is not None or getattr(self, f"before_{name}") is not None):
                errors[name] = f"{self.get_scheme_display()}工资没有“{label}”一项。"
        if errors:
            raise ValidationError(errors)

    def _sum(self, prefix=""):
        values = [getattr(self, prefix + name) for name, _label in SALARY_COMPONENTS[self.scheme]]
        if all(v is None for v in values):
            return None
        return sum((v or Decimal("0") for v in values), Decimal("0.00"))

    @property
    def base(self) -> Decimal:
        """The fixed monthly base after the change."""
        return self._sum()

    @property
    def base_before(self) -> Decimal | None:
        return self._sum("before_")

    def components(self, prefix=""):
        return [(label, getattr(self, prefix + name)) for name, label in SALARY_COMPONENTS[self.scheme]]


class SensitiveRead(models.Model):
    """Someone other than its owner looked at a person's salary records (who, when, whose, how)."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="查看人", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name="被查看人员", on_delete=models.PROTECT, related_name="sensitive_reads"
    )
    salary_change = models.ForeignKey(
        SalaryChange, verbose_name="薪资记录", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    via = models.CharField("途径", max_length=10, choices=SensitiveAccessVia.choices)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "薪资查阅记录"
        verbose_name_plural = "薪资查阅记录"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.viewer} → {self.person} {self.at:%Y-%m-%d %H:%M}"


class AssessmentRound(FieldConstraintsMixin, TimeStampedModel):
    """A year's annual assessment (年度考核) of one unit: the people enrolled and their grades."""

    CONSTRAINT_FIELDS = {"personnel_round_year_unit": "year", "personnel_round_year_whole": "year"}

    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(1980), MaxValueValidator(2100)])
    unit = models.ForeignKey(
        "office.Department",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="留空表示全局。",
    )
    closed = models.BooleanField("已结束", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "年度考核"
        verbose_name_plural = "年度考核"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit"],
                name="personnel_round_year_unit",
                violation_error_message="该单位该年度已有考核。",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(unit__isnull=True),
                name="personnel_round_year_whole",
                violation_error_message="该年度已有全局考核。",
            ),
        ]

    def __str__(self):
        return f"{self.year}年度考核（{self.unit or '全局'}）"


class Assessment(FieldConstraintsMixin, TimeStampedModel):
    """One person's grade in a round; blank until graded."""

    CONSTRAINT_FIELDS = {"personnel_assessment_once": "person"}

    round = models.ForeignKey(
        AssessmentRound, verbose_name="考核", on_delete=models.PROTECT, related_name="assessments"
    )
    person = models.ForeignKey(Person, verbose_name="人员", on_delete=models.PROTECT, related_name="assessments")
    grade = models.CharField("等次", max_length=20, choices=AssessmentGrade.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "考核等次"
        verbose_name_plural = "考核等次"
        ordering = ["round", "person__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"],
                name="personnel_assessment_once",
                violation_error_message="该人员在本轮考核中已有结果。",
            )
        ]

    def __str__(self):
        return f"{self.person} {self.round.year} {self.get_grade_display()}"


class TransferBatch(TimeStampedModel, VoidableModel):
    """A reorganisation (转隶): people moved from or to another body on a date."""

    direction = models.CharField("方向", max_length=4, choices=TransferDirection.choices)
    other_body = models.CharField("涉改单位", max_length=100)
    date = models.DateField("转隶日期")
    document_number = models.CharField("依据文号", max_length=60, blank=True)
    persons = models.ManyToManyField(Person, verbose_name="转隶人员", related_name="transfers")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "转隶"
        verbose_name_plural = "转隶"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_direction_display()} {self.other_body}"


class ExpertTask(TimeStampedModel, VoidableModel):
    """A task of expert service at the grassroots (专家服务基层) claimed by staff."""

    title = models.CharField("任务", max_length=200)
    place = models.CharField("地点", max_length=100)
    date = models.DateField("日期")
    experts = models.ManyToManyField(Person, verbose_name="承担人员", related_name="expert_tasks")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "专家服务基层"
        verbose_name_plural = "专家服务基层"
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title


class Talk(TimeStampedModel, VoidableModel):
    """A talk (谈话): who talked with whom, of which kind, when; notes for HR and leaders."""

    talker = models.ForeignKey(Person, verbose_name="谈话人", on_delete=models.PROTECT, related_name="talks_given")
    talkee = models.ForeignKey(Person, verbose_name="谈话对象", on_delete=models.PROTECT, related_name="talks_received")
    kind = models.CharField("谈话类型", max_length=16, choices=TalkKind.choices)
    date = models.DateField("谈话日期")
    notes = models.TextField("谈话要点", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "谈话"
        verbose_name_plural = "谈话"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.talker}→{self.talkee} {self.get_kind_display()}"

    def clean(self):
        if self.talker_id and self.talker_id == self.talkee_id:
            raise ValidationError({"talkee": "谈话人与谈话对象不能是同一人。"})
