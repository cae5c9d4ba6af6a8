"""Party affairs (党建): the organisation tree and committees, members and their transfers, dues
(rate tables, monthly assessments, reductions, payments), organisational life (a link from a
meetings.Meeting to a branch), development of members, awards, care visits, disclosures and
integrity activities.

Every write goes through partybuilding.services; the rules (dues bands, development intervals,
the committee quorum) live there, the bands and rates themselves are data (DuesRateTable)."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from office.models import Department
from office.models.base import FieldConstraintsMixin, TimeStampedModel, VoidableModel

from .choices import (
    AwardKind,
    BaseSource,
    CareKind,
    CommitteePost,
    DisclosureScope,
    DuesCategory,
    IntegrityKind,
    MemberKind,
    MemberStatus,
    OrganKind,
    PaymentMethod,
    ReductionKind,
    Rounding,
    Stage,
    TransferDirection,
)

MONEY = {"max_digits": 12, "decimal_places": 2}
USER = settings.AUTH_USER_MODEL


def month_start(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, 1)


class Organ(TimeStampedModel):
    """A Party organisation of the bureau (机关党委, 党总支, 党支部, 党小组), in a tree.

    A branch's committee serves a term (3 years by default) from `term_start`."""

    name = models.CharField("名称", max_length=80, unique=True)
    kind = models.CharField("类型", max_length=16, choices=OrganKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级党组织", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    department = models.ForeignKey(
        Department, verbose_name="所在科室/单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    established_on = models.DateField("成立日期")
    term_start = models.DateField("本届任期开始", null=True, blank=True)
    term_years = models.PositiveSmallIntegerField(
        "任期（年）", default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    is_active = models.BooleanField("存续", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党组织"
        verbose_name_plural = "党组织"
        ordering = ["sort_order", "id"]
        permissions = [("manage_party", "管理党建工作")]

    def __str__(self):
        return self.name

    @property
    def term_end(self):
        if self.term_start is None:
            return None
        return self.term_start + relativedelta(years=self.term_years) - datetime.timedelta(days=1)

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "上级党组织不能是其本身。"})


class Member(FieldConstraintsMixin, TimeStampedModel):
    """A Party member (正式党员 or 预备党员) of a branch, linked to a staff record where there is one
    (personnel.Person) or entered on their own (retirees, members whose records are elsewhere),
    with an entered monthly base for their dues."""

    CONSTRAINT_FIELDS = {"pb_member_full_has_date": "full_on", "pb_member_person_once": "person"}

    name = models.CharField("姓名", max_length=40)
    user = models.OneToOneField(
        USER, verbose_name="系统账号", null=True, blank=True, on_delete=models.PROTECT, related_name="party_member"
    )
    person = models.ForeignKey(
        "personnel.Person",
        verbose_name="人员档案",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="party_memberships",
        help_text="在职人员关联人事档案，党费基数取自其工资记录。",
    )
    organ = models.ForeignKey(Organ, verbose_name="所在党组织", on_delete=models.PROTECT, related_name="members")
    kind = models.CharField("党员类别", max_length=14, choices=MemberKind.choices, default=MemberKind.FULL)
    status = models.CharField("状态", max_length=16, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    joined_on = models.DateField("入党日期")
    full_on = models.DateField("转正日期", null=True, blank=True)
    dues_category = models.CharField(
        "党费类别", max_length=10, choices=DuesCategory.choices, default=DuesCategory.STAFF
    )
    entered_base = models.DecimalField(
        "录入月基数（元）",
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="无人事工资记录时（退休人员等）按此基数核定党费。",
    )
    left_on = models.DateField("离开日期", null=True, blank=True, help_text="组织关系转出或出党的日期。")
    note = models.CharField("备注", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党员"
        verbose_name_plural = "党员"
        ordering = ["organ__sort_order", "organ_id", "joined_on", "id"]
        indexes = [models.Index(fields=["organ", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="probationary") | Q(full_on__isnull=False),
                name="pb_member_full_has_date",
                violation_error_message="正式党员须填写转正日期。",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(person__isnull=False),
                name="pb_member_person_once",
                violation_error_message="该人员已有党员档案。",
            ),
        ]

    def __str__(self):
        return self.name

    def is_member_in(self, year: int, month: int) -> bool:
        """Whether the member belongs here for dues in that month (joined by its end, not yet gone)."""
        first = month_start(year, month)
        last = first + relativedelta(months=1) - datetime.timedelta(days=1)
        return self.joined_on <= last and (self.left_on is None or self.left_on >= first)


class CommitteeMember(FieldConstraintsMixin, TimeStampedModel):
    """A post on a branch committee (支委) held by a member for a term."""

    CONSTRAINT_FIELDS = {"pb_post_end_after_start": "end"}

    organ = models.ForeignKey(Organ, verbose_name="党组织", on_delete=models.PROTECT, related_name="committee")
    member = models.ForeignKey(Member, verbose_name="委员", on_delete=models.PROTECT, related_name="posts")
    post = models.CharField("职务", max_length=20, choices=CommitteePost.choices)
    start = models.DateField("任职日期")
    end = models.DateField("离任日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "支委会成员"
        verbose_name_plural = "支委会成员"
        ordering = ["organ", "post", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="pb_post_end_after_start",
                violation_error_message="离任日期不能早于任职日期。",
            ),
        ]

    def __str__(self):
        return f"{self.organ} {self.get_post_display()} {self.member}"


class Transfer(TimeStampedModel):
    """A transfer of a member's organisational relationship (组织关系转入/转出)."""

    member = models.ForeignKey(Member, verbose_name="党员", on_delete=models.PROTECT, related_name="transfers")
    direction = models.CharField("方向", max_length=4, choices=TransferDirection.choices)
    on = models.DateField("日期")
    other_organisation = models.CharField("转出/转入单位党组织", max_length=120)
    letter_number = models.CharField("介绍信编号", max_length=40, blank=True)
    created_by = models.ForeignKey(USER, verbose_name="经办人", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "组织关系转接"
        verbose_name_plural = "组织关系转接"
        ordering = ["-on", "-id"]

    def __str__(self):
        return f"{self.member} {self.get_direction_display()} {self.on}"


class DuesRateTable(TimeStampedModel):
    """The dues bands, rates and rounding in force from a date (the administrator keeps them).

    A month is assessed with the table whose `effective_from` is the latest on or before the
    month's first day."""

    effective_from = models.DateField("执行日期", unique=True)
    rounding = models.CharField("舍入方式", max_length=16, choices=Rounding.choices, default=Rounding.HALF_UP)
    quantum = models.DecimalField(
        "舍入单位（元）",
        max_digits=6,
        decimal_places=2,
        default=Decimal("0.01"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    flat_amount = models.DecimalField(
        "学生/下岗/低保月交（元）", **MONEY, default=Decimal("0.20"), validators=[MinValueValidator(Decimal("0"))]
    )
    note = models.CharField("依据", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党费标准"
        verbose_name_plural = "党费标准"
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.effective_from:%Y-%m-%d}起执行"


class DuesBand(FieldConstraintsMixin, models.Model):
    """One band of a rate table: bases up to `upper` (inclusive; none: above every other band)
    pay `rate` percent of the whole base."""

    CONSTRAINT_FIELDS = {"pb_band_unique": "upper", "pb_band_one_top": "upper"}

    table = models.ForeignKey(DuesRateTable, verbose_name="党费标准", on_delete=models.CASCADE, related_name="bands")
    category = models.CharField("类别", max_length=10, choices=DuesCategory.choices)
    upper = models.DecimalField("月基数上限（含，元）", **MONEY, null=True, blank=True)
    rate = models.DecimalField(
        "比例（%）", max_digits=5, decimal_places=3, validators=[MinValueValidator(Decimal("0"))]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党费档次"
        verbose_name_plural = "党费档次"
        ordering = ["table", "category", models.F("upper").asc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "category", "upper"],
                name="pb_band_unique",
                violation_error_message="同一类别的档次上限不能重复。",
            ),
            models.UniqueConstraint(
                fields=["table", "category"],
                condition=Q(upper__isnull=True),
                name="pb_band_one_top",
                violation_error_message="同一类别只能有一个不设上限的最高档。",
            ),
        ]

    def __str__(self):
        limit = f"≤{self.upper}" if self.upper is not None else "以上"
        return f"{self.get_category_display()} {limit} {self.rate}%"


class DuesReduction(TimeStampedModel, VoidableModel):
    """A reduction or exemption (减交/免交) of a member's dues for a run of months: agreed by the
    branch and approved by the higher committee, both dated."""

    member = models.ForeignKey(Member, verbose_name="党员", on_delete=models.PROTECT, related_name="reductions")
    kind = models.CharField("类型", max_length=8, choices=ReductionKind.choices)
    monthly_amount = models.DecimalField(
        "减交后月交（元）", **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )
    first_month = models.DateField("起始月份")
    last_month = models.DateField("截止月份")
    reason = models.CharField("原因", max_length=200)
    branch_agreed_on = models.DateField("支部同意日期")
    approved_on = models.DateField("上级党委批准日期")
    approved_by = models.CharField("批准机关", max_length=80)
    created_by = models.ForeignKey(USER, verbose_name="录入人", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党费减免"
        verbose_name_plural = "党费减免"
        ordering = ["-first_month", "-id"]

    def __str__(self):
        return f"{self.member} {self.get_kind_display()} {self.first_month:%Y-%m}–{self.last_month:%Y-%m}"


class DuesAssessment(FieldConstraintsMixin, TimeStampedModel):
    """A member's dues for one month (核定): the base, where it came from, the rate and the amount."""

    CONSTRAINT_FIELDS = {"pb_assessment_once": "month"}

    member = models.ForeignKey(Member, verbose_name="党员", on_delete=models.PROTECT, related_name="assessments")
    organ = models.ForeignKey(Organ, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("月份", help_text="该月第一天。")
    category = models.CharField("党费类别", max_length=10, choices=DuesCategory.choices)
    base = models.DecimalField("月基数（元）", **MONEY, null=True, blank=True)
    base_source = models.CharField("基数来源", max_length=10, choices=BaseSource.choices)
    rate = models.DecimalField("比例（%）", max_digits=5, decimal_places=3, null=True, blank=True)
    computed = models.DecimalField("按标准应交（元）", **MONEY)
    amount = models.DecimalField("核定（元）", **MONEY)
    table = models.ForeignKey(DuesRateTable, verbose_name="党费标准", on_delete=models.PROTECT, related_name="+")
    reduction = models.ForeignKey(
        DuesReduction, verbose_name="减免", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党费核定"
        verbose_name_plural = "党费核定"
        ordering = ["-month", "organ", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "month"],
                name="pb_assessment_once",
                violation_error_message="该党员该月的党费已核定。",
            )
        ]
        indexes = [models.Index(fields=["month", "organ"])]

    def __str__(self):
        return f"{self.member} {self.month:%Y-%m} {self.amount}"


class DuesPayment(TimeStampedModel, VoidableModel):
    """A payment (收缴) by a member for one or more months, with its method and date."""

    member = models.ForeignKey(Member, verbose_name="党员", on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField("缴纳日期")
    method = models.CharField("缴纳方式", max_length=10, choices=PaymentMethod.choices)
    amount = models.DecimalField("金额（元）", **MONEY)
    receipt_number = models.CharField("收据号", max_length=40, blank=True)
    created_by = models.ForeignKey(USER, verbose_name="经办人", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党费收缴"
        verbose_name_plural = "党费收缴"
        ordering = ["-paid_on", "-id"]

    def __str__(self):
        return f"{self.member} {self.paid_on} {self.amount}"


class DuesPaymentMonth(models.Model):
    """The part of a payment for one assessed month."""

    payment = models.ForeignKey(DuesPayment, verbose_name="缴纳", on_delete=models.PROTECT, related_name="lines")
    assessment = models.ForeignKey(
        DuesAssessment, verbose_name="核定", on_delete=models.PROTECT, related_name="payment_lines"
    )
    amount = models.DecimalField("金额（元）", **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党费缴纳月份"
        verbose_name_plural = "党费缴纳月份"
        ordering = ["assessment__month"]

    def __str__(self):
        return f"{self.assessment} ← {self.amount}"


class UnpaidReason(TimeStampedModel):
    """A recorded reason why a member did not pay for a run of months (外出务工联系不上, 病重 …);
    such months do not count towards the six-month flag."""

    member = models.ForeignKey(Member, verbose_name="党员", on_delete=models.PROTECT, related_name="unpaid_reasons")
    first_month = models.DateField("起始月份")
    last_month = models.DateField("截止月份")
    reason = models.CharField("原因", max_length=200)
    created_by = models.ForeignKey(USER, verbose_name="录入人", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "未缴党费原因"
        verbose_name_plural = "未缴党费原因"
        ordering = ["-first_month"]

    def __str__(self):
        return f"{self.member} {self.reason}"


class OrganisationalLife(TimeStampedModel):
    """A branch's organisational life (三会一课 and the rest): the meetings app's Meeting (type,
    attendees, sign-in, minutes) held by a branch."""

    meeting = models.OneToOneField(
        "meetings.Meeting", verbose_name="会议", on_delete=models.PROTECT, related_name="party_life"
    )
    organ = models.ForeignKey(Organ, verbose_name="党组织", on_delete=models.PROTECT, related_name="life")
    committee_size = models.PositiveSmallIntegerField("支委会应到人数", null=True, blank=True)
    committee_present = models.PositiveSmallIntegerField("支委会实到人数", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "组织生活"
        verbose_name_plural = "组织生活"
        ordering = ["-meeting__start"]

    def __str__(self):
        return f"{self.organ} · {self.meeting}"


class Development(TimeStampedModel):
    """One person's way into the Party (发展党员): applicant → activist → candidate →
    probationary member → full member, with the records each stage needs."""

    name = models.CharField("姓名", max_length=40)
    user = models.ForeignKey(
        USER, verbose_name="系统账号", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organ = models.ForeignKey(Organ, verbose_name="党支部", on_delete=models.PROTECT, related_name="developments")
    birth_date = models.DateField("出生日期")
    stage = models.CharField("阶段", max_length=14, choices=Stage.choices, default=Stage.APPLICANT)
    applied_on = models.DateField("递交申请日期")
    talk_on = models.DateField("谈话日期", null=True, blank=True)
    talk_by = models.CharField("谈话人", max_length=40, blank=True)
    activist_on = models.DateField("确定积极分子日期", null=True, blank=True)
    contacts = models.CharField("培养联系人", max_length=80, blank=True)
    candidate_on = models.DateField("确定发展对象日期", null=True, blank=True)
    political_review_on = models.DateField("政治审查日期", null=True, blank=True)
    training_days = models.PositiveSmallIntegerField("集中培训天数", null=True, blank=True)
    training_hours = models.PositiveSmallIntegerField("集中培训学时", null=True, blank=True)
    sponsors = models.ManyToManyField(Member, verbose_name="入党介绍人", blank=True, related_name="sponsored")
    vote_on = models.DateField("支部大会讨论日期", null=True, blank=True)
    votes_entitled = models.PositiveSmallIntegerField("有表决权人数", null=True, blank=True)
    votes_yes = models.PositiveSmallIntegerField("赞成票", null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField("延长预备期（月）", null=True, blank=True)
    full_on = models.DateField("转正日期", null=True, blank=True)
    removed_on = models.DateField("取消资格日期", null=True, blank=True)
    removed_reason = models.CharField("取消原因", max_length=200, blank=True)
    member = models.OneToOneField(
        Member, verbose_name="党员档案", null=True, blank=True, on_delete=models.PROTECT, related_name="development"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "发展党员"
        verbose_name_plural = "发展党员"
        ordering = ["organ", "applied_on", "id"]
        indexes = [models.Index(fields=["stage"])]

    def __str__(self):
        return f"{self.name}（{self.get_stage_display()}）"

    @property
    def probation_end(self):
        if self.vote_on is None:
            return None
        return self.vote_on + relativedelta(years=1, months=self.extension_months or 0)


class DevelopmentAssessment(TimeStampedModel):
    """The six-monthly assessment (考察) of an activist."""

    development = models.ForeignKey(
        Development, verbose_name="发展党员", on_delete=models.PROTECT, related_name="assessments"
    )
    assessed_on = models.DateField("考察日期")
    text = models.TextField("考察意见")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "积极分子考察"
        verbose_name_plural = "积极分子考察"
        ordering = ["development", "assessed_on"]

    def __str__(self):
        return f"{self.development.name} {self.assessed_on}"


class Award(TimeStampedModel, VoidableModel):
    """An award (两优一先) to a member or an organisation, by year and awarding body."""

    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(1949), MaxValueValidator(2100)])
    kind = models.CharField("类别", max_length=14, choices=AwardKind.choices)
    recipient = models.CharField("受表彰对象", max_length=80)
    member = models.ForeignKey(
        Member, verbose_name="党员", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    organ = models.ForeignKey(
        Organ, verbose_name="党组织", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    awarding_body = models.CharField("表彰机关", max_length=80)
    awarded_on = models.DateField("表彰日期")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "表彰（两优一先）"
        verbose_name_plural = "表彰（两优一先）"
        ordering = ["-year", "kind", "id"]

    def __str__(self):
        return f"{self.year}年{self.get_kind_display()} {self.recipient}"


class CareVisit(TimeStampedModel, VoidableModel):
    """A care visit (走访慰问) to households, with the kind and the amount given."""

    visited_on = models.DateField("走访日期")
    kind = models.CharField("对象类别", max_length=16, choices=CareKind.choices)
    recipients = models.CharField("走访对象", max_length=200)
    households = models.PositiveSmallIntegerField("户数", default=1, validators=[MinValueValidator(1)])
    amount = models.DecimalField(
        "慰问金额（元）", **MONEY, default=Decimal("0.00"), validators=[MinValueValidator(Decimal("0"))]
    )
    organ = models.ForeignKey(
        Organ, verbose_name="党组织", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField("备注", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "走访慰问"
        verbose_name_plural = "走访慰问"
        ordering = ["-visited_on", "-id"]

    def __str__(self):
        return f"{self.visited_on} {self.recipients}"


class Disclosure(TimeStampedModel, VoidableModel):
    """A Party affairs disclosure (党务公开): content, scope and date."""

    title = models.CharField("标题", max_length=200)
    content = models.TextField("公开内容")
    scope = models.CharField("公开范围", max_length=8, choices=DisclosureScope.choices)
    published_on = models.DateField("公开日期")
    organ = models.ForeignKey(
        Organ, verbose_name="党组织", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党务公开"
        verbose_name_plural = "党务公开"
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return self.title


class IntegrityActivity(TimeStampedModel, VoidableModel):
    """An integrity activity (党风廉政): a 廉洁过节 notice (copies sent, to whom, the outgoing
    document where there is one), a supervision check with findings, a warning-education
    event, or a reminder talk."""

    kind = models.CharField("类别", max_length=18, choices=IntegrityKind.choices)
    held_on = models.DateField("日期")
    title = models.CharField("名称", max_length=200)
    copies = models.PositiveSmallIntegerField("份数", null=True, blank=True)
    recipients = models.CharField("发送对象/参加对象", max_length=200, blank=True)
    outgoing_document = models.ForeignKey(
        "documents.OutgoingDocument",
        verbose_name="发文",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    findings = models.TextField("发现问题及整改", blank=True)
    participants = models.PositiveSmallIntegerField("参加人数", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党风廉政"
        verbose_name_plural = "党风廉政"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title
