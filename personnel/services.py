"""Every write of personnel (人事), and the salary base other apps read.

Services take keyword arguments with the acting user (`actor`), check permission, validate,
save through office.audit.record_save (history with who and why) inside transaction.atomic."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from office.audit import record_save
from office.numbering import next_serial
from office.services.common import lock, require, require_action, require_state, required_text
from office.services.supervision import supervised_item_open, supervised_items_complete_for_source
from office.services.voiding import record_void
from office.workdays import working_days_between

from . import permissions
from .choices import (
    ALL_SALARY_COMPONENTS,
    CIVIL_SERVANT_GRADES,
    ENDING_KINDS,
    INSTITUTION_GRADES,
    LEADING_RANKS,
    SALARY_COMPONENTS,
    SUPERVISION_PERSONNEL,
    AppointmentKind,
    AppointmentState,
    AssessmentGrade,
    PersonStatus,
    Rank,
    SensitiveAccessVia,
    Staffing,
    TitleLevel,
    TransferDirection,
)
from .idnumbers import normalise
from .models import (
    Appointment,
    Assessment,
    AssessmentRound,
    ExpertTask,
    Person,
    Recruitment,
    SalaryChange,
    SensitiveRead,
    Talk,
    TitleReview,
    TransferBatch,
)

PUBLICITY_MIN_WORKING_DAYS = 5
PERSON_FIELDS = [
    "user", "name", "sex", "birth_date", "citizen_id", "ethnicity", "political_status", "phone",
    "education", "degree", "work_start_date", "join_date", "staffing", "department", "post", "rank",
    "title", "title_level", "status", "status_date", "resume", "rewards",
]  # fmt: skip


def _require_manager(actor):
    require(permissions.can_manage(actor), "您没有人事管理权限。")


def _today():
    return timezone.localdate()


def _check_unique_id(citizen_id, exclude_pk=None):
    qs = Person.objects.filter(citizen_id=normalise(citizen_id))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"citizen_id": "该公民身份号码已登记在另一份人员档案中。"})


# --- staff records ---------------------------------------------------------------------------


def person_create(*, actor, **fields) -> Person:
    """Registers a staff record (人员档案). The ID number is checked (GB 11643 check digit, the
    birth date inside it agrees with the record) and unique."""
    _require_manager(actor)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    person = Person(**fields)
    person.citizen_id = normalise(person.citizen_id)
    with transaction.atomic():
        _check_unique_id(person.citizen_id)
        record_save(person, actor=actor, reason="建档")
    return person


def person_update(*, actor, person: Person, **fields) -> Person:
    """Changes a staff record's facts. Post, rank and department change through appointments."""
    _require_manager(actor)
    unknown = set(fields) - (set(PERSON_FIELDS) - {"post", "rank"})
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "职务、职级通过任免登记变更。"})
    with transaction.atomic():
        person = lock(person)
        for name, value in fields.items():
            setattr(person, name, value)
        person.citizen_id = normalise(person.citizen_id)
        _check_unique_id(person.citizen_id, exclude_pk=person.pk)
        record_save(person, actor=actor, reason="修改档案", update_fields=[*fields, "updated_at"])
    return person


# --- salary ----------------------------------------------------------------------------------


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def salary_change_record(
    *,
    actor,
    person: Person,
    effective_month: datetime.date,
    reason: str,
    components: dict,
    before: dict | None = None,
    scheme: str | None = None,
    note: str = "",
) -> SalaryChange:
    """Records a change of fixed monthly pay from `effective_month` (any day of the month).

    `components` are the figures after the change, by name (duty_pay, grade_pay, allowance for
    机关; post_pay, scale_pay, performance_pay, allowance for 事业单位). `before` defaults to
    the figures of the person's latest earlier change."""
    _require_manager(actor)
    scheme = scheme or person.salary_scheme
    names = {name for name, _label in ALL_SALARY_COMPONENTS}
    unknown = (set(components) | set(before or {})) - names
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "未知的工资项目。"})
    month = _month(effective_month) if effective_month else None
    change = SalaryChange(
        person=person, effective_month=month, reason=reason, scheme=scheme, note=note, created_by=actor
    )
    for name, value in components.items():
        setattr(change, name, None if value in (None, "") else Decimal(value))
    with transaction.atomic():
        if before is None and month is not None:
            previous = _latest_change(person, month, strictly_before=True)
            if previous is not None and previous.scheme == scheme:
                before = {name: getattr(previous, name) for name, _label in SALARY_COMPONENTS[scheme]}
        for name, value in (before or {}).items():
            setattr(change, f"before_{name}", None if value in (None, "") else Decimal(value))
        record_save(change, actor=actor, reason="薪资变动")
    return change


def salary_change_void(*, actor, change: SalaryChange, reason: str) -> SalaryChange:
    _require_manager(actor)
    require_action(permissions.salary_change_actions(actor, change), "void", "此薪资记录不能作废。")
    return record_void(actor=actor, record=change, reason=reason, noun="薪资记录")


def _latest_change(person, month, strictly_before=False):
    qs = SalaryChange.objects.filter(person=person, voided_at__isnull=True)
    qs = qs.filter(effective_month__lt=month) if strictly_before else qs.filter(effective_month__lte=month)
    return qs.order_by("-effective_month", "-id").first()


def salary_base_for_month(*, person: Person, year: int, month: int) -> Decimal | None:
    """The fixed monthly base (RULES.md, Party dues) of `person` in `month` of `year`: the sum of
    the components after the latest salary change that took effect in or before that month, or
    None when the person has no such change. Voided changes do not count."""
    change = _latest_change(person, datetime.date(year, month, 1))
    return None if change is None else change.base


def salary_bases_for_month(*, persons, year: int, month: int) -> dict[int, Decimal | None]:
    """salary_base_for_month for many people in one query: {person id: base or None}."""
    ids = [p.pk if hasattr(p, "pk") else int(p) for p in persons]
    changes = (
        SalaryChange.objects.filter(person_id__in=ids, voided_at__isnull=True,
                                    effective_month__lte=datetime.date(year, month, 1))
        .order_by("person_id", "-effective_month", "-id")
    )  # fmt: skip
    result = dict.fromkeys(ids)
    for change in changes:
        if result[change.person_id] is None:
            result[change.person_id] = change.base
    return result


def salary_read_record(*, viewer, person: Person, via: str, change: SalaryChange | None = None) -> SensitiveRead | None:
    """Records that `viewer` looked at `person`'s salary records, unless it is their own."""
    if permissions.is_own(viewer, person) or not viewer.is_authenticated:
        return None
    if via != SensitiveAccessVia.EXPORT:  # an export is one EXPORT event in the audit log, not one per row
        _audit_salary_read(viewer, f"人员 {person.name}（#{person.pk}）", via)
    return SensitiveRead.objects.create(viewer=viewer, person=person, salary_change=change, via=via)


def _audit_salary_read(viewer, target, via):
    from office.models import AuditEvent
    from office.services.audit_log import audit

    audit(AuditEvent.SENSITIVE_READ, user=viewer, target=target, detail=f"查阅薪资（{SensitiveAccessVia(via).label}）")


# --- appointments ----------------------------------------------------------------------------


def publicity_working_days(start: datetime.date, end: datetime.date) -> int:
    """Working days of a publicity period, both ends included."""
    return working_days_between(start - datetime.timedelta(days=1), end)


def appointment_record(
    *,
    actor,
    person: Person,
    kind: str,
    effective_date: datetime.date,
    rank: str = "",
    post: str = "",
    department=None,
    document=None,
    document_number: str = "",
    reason: str = "",
    publicity_start: datetime.date | None = None,
    publicity_end: datetime.date | None = None,
) -> Appointment:
    """Records an appointment or removal (任免) to be applied. A promotion needs its 任前公示:
    at least 5 working days on the official calendar, ended by the effective date."""
    _require_manager(actor)
    errors = {}
    if kind not in AppointmentKind.values:
        errors["kind"] = "请选择任免类别。"
    if kind not in ENDING_KINDS:
        if not rank:
            errors["rank"] = "请选择职级。"
        if not (post or "").strip():
            errors["post"] = "请填写职务。"
    if person.status != PersonStatus.ACTIVE:
        errors["person"] = f"{person.name}的人员状态为“{person.get_status_display()}”，不能任免。"
    if kind == AppointmentKind.PROMOTION:
        if not publicity_start or not publicity_end:
            errors["publicity_start"] = "提拔须填写任前公示的起止日期。"
        elif publicity_end < publicity_start:
            errors["publicity_end"] = "任前公示结束日期不能早于开始日期。"
        else:
            days = publicity_working_days(publicity_start, publicity_end)
            if days < PUBLICITY_MIN_WORKING_DAYS:
                errors["publicity_end"] = (
                    f"任前公示期不少于{PUBLICITY_MIN_WORKING_DAYS}个工作日，"
                    f"{publicity_start:%Y-%m-%d}至{publicity_end:%Y-%m-%d}只有{days}个工作日。"
                )
            elif effective_date and publicity_end >= effective_date:
                errors["effective_date"] = "任职日期须在任前公示期满之后。"
    elif publicity_start or publicity_end:
        errors["publicity_start"] = "只有提拔须登记任前公示。"
    if errors:
        raise ValidationError(errors)
    appointment = Appointment(
        person=person,
        kind=kind,
        rank=rank or "",
        post=(post or "").strip(),
        department=department,
        effective_date=effective_date,
        document=document,
        document_number=(document_number or "").strip(),
        reason=reason or "",
        publicity_start=publicity_start,
        publicity_end=publicity_end,
        created_by=actor,
    )
    with transaction.atomic():
        year = effective_date.year
        appointment.serial = f"{year}-{next_serial('personnel:appointment', year):03d}"
        record_save(appointment, actor=actor, reason="任免登记")
    return appointment


def probation_end_of(effective_date: datetime.date) -> datetime.date:
    """One year after taking up the post (29 February gives 28 February)."""
    try:
        return effective_date.replace(year=effective_date.year + 1)
    except ValueError:
        return effective_date.replace(year=effective_date.year + 1, day=28)


def appointment_apply(*, actor, appointment: Appointment) -> Appointment:
    """Applies an appointment: the person's post, rank and department become the new ones (the
    old ones stay on the appointment and in the person's history). A promotion to a leading
    post (乡科级正职/副职) opens a one-year probation whose end is a supervised item for HR."""
    _require_manager(actor)
    with transaction.atomic():
        appointment = lock(appointment)
        require_state(appointment, [AppointmentState.RECORDED], "执行", noun="任免")
        person = lock(appointment.person)
        appointment.previous_rank = person.rank
        appointment.previous_post = person.post
        appointment.previous_department = person.department
        fields = ["updated_at"]
        if appointment.kind in ENDING_KINDS:
            person.post = ""
            fields.append("post")
            if appointment.rank:
                person.rank = appointment.rank
                fields.append("rank")
        else:
            person.post, person.rank = appointment.post, appointment.rank
            fields += ["post", "rank"]
            if appointment.department is not None:
                person.department = appointment.department
                fields.append("department")
        record_save(person, actor=actor, reason=f"{appointment.get_kind_display()}（任免{appointment.serial}）",
                    update_fields=fields)  # fmt: skip
        appointment.status = AppointmentState.APPLIED
        appointment.applied_at = timezone.now()
        update = ["status", "applied_at", "previous_rank", "previous_post", "previous_department", "updated_at"]
        if appointment.kind == AppointmentKind.PROMOTION and appointment.rank in LEADING_RANKS:
            appointment.probation_end = probation_end_of(appointment.effective_date)
            update.append("probation_end")
        record_save(appointment, actor=actor, reason="执行任免", update_fields=update)
        if appointment.probation_end:
            supervised_item_open(
                actor=actor,
                title=f"{person.name}任{appointment.post}试用期满考核",
                category=SUPERVISION_PERSONNEL,
                owner_department=actor.department,
                responsible=actor,
                start_date=appointment.effective_date,
                deadline=appointment.probation_end,
                description=f"{appointment.effective_date:%Y年%m月%d日}提拔任职，试用期一年，期满考核合格的正式任职。",
                source=appointment,
            )
    return appointment


def appointment_void(*, actor, appointment: Appointment, reason: str) -> Appointment:
    """Voids a recorded appointment that will not be applied."""
    _require_manager(actor)

    def check(record):
        require_state(record, [AppointmentState.RECORDED], "作废", noun="任免")

    return record_void(actor=actor, record=appointment, reason=reason, noun="任免", check=check)


def probation_confirm(*, actor, appointment: Appointment, note: str = "") -> Appointment:
    """The probation ended well: the supervised item is completed."""
    _require_manager(actor)
    require(appointment.probation_end is not None, "该任免没有试用期。")
    supervised_items_complete_for_source(actor=actor, source=appointment, note=note or "试用期满考核合格，正式任职。")
    return appointment


# --- recruitment, titles ---------------------------------------------------------------------


def recruitment_record(*, actor, person: Person, channel: str, date: datetime.date, note: str = "") -> Recruitment:
    _require_manager(actor)
    recruitment = Recruitment(person=person, channel=channel, date=date, note=note)
    with transaction.atomic():
        record_save(recruitment, actor=actor, reason="登记引进/招聘")
    return recruitment


TITLE_ORDER = [TitleLevel.JUNIOR, TitleLevel.INTERMEDIATE, TitleLevel.ASSOCIATE, TitleLevel.SENIOR]


def title_review_record(
    *, actor, person: Person, series: str, level: str, year: int, passed: bool, title: str = ""
) -> TitleReview:
    """Records a title review; a passed review at a higher level becomes the person's title."""
    _require_manager(actor)
    series = required_text(series, "series", "评审系列")
    review = TitleReview(person=person, series=series, title=title or "", level=level, year=year, passed=passed)
    with transaction.atomic():
        record_save(review, actor=actor, reason="登记职称评审")
        if passed:
            person = lock(person)
            current = TITLE_ORDER.index(person.title_level) if person.title_level else -1
            if TITLE_ORDER.index(level) > current:
                person.title_level = level
                person.title = title or f"{series}{TitleLevel(level).label}"
                record_save(person, actor=actor, reason="职称评审通过",
                            update_fields=["title", "title_level", "updated_at"])  # fmt: skip
    return review


# --- annual assessment -----------------------------------------------------------------------


def excellent_share() -> Decimal:
    return Decimal(str(getattr(settings, "PERSONNEL_EXCELLENT_SHARE", Decimal("0.20"))))


@dataclass(frozen=True)
class Quota:
    """The 优秀 quota of a round: `cap` = share × those assessed, rounded down."""

    assessed: int
    excellent: int
    cap: int
    share: Decimal

    @property
    def over(self):
        return self.excellent > self.cap

    @property
    def near(self):
        """One place left, or none: the form warns before the next 优秀 is refused."""
        return not self.over and self.cap - self.excellent <= 1

    @property
    def message(self):
        percent = f"{self.share * 100:.0f}%"
        return (
            f"优秀{self.excellent}人，上限{self.cap}人（参加考核{self.assessed}人的{percent}），"
            f"还可评{max(self.cap - self.excellent, 0)}人。"
        )


def _quota(assessed: int, excellent: int) -> Quota:
    share = excellent_share()
    cap = int((Decimal(assessed) * share).to_integral_value(rounding=ROUND_FLOOR))
    return Quota(assessed=assessed, excellent=excellent, cap=cap, share=share)


def assessment_quota(assessment_round: AssessmentRound) -> Quota:
    """Those assessed are everyone enrolled in the round except 不定等次 (not graded)."""
    grades = list(assessment_round.assessments.values_list("grade", flat=True))
    assessed = sum(1 for g in grades if g != AssessmentGrade.UNGRADED)
    return _quota(assessed, sum(1 for g in grades if g == AssessmentGrade.EXCELLENT))


def allowed_grades(person: Person):
    """公务员 (行政编) 优秀/称职/基本称职/不称职; the others 优秀/合格/基本合格/不合格; 不定等次 for both."""
    return CIVIL_SERVANT_GRADES if person.staffing == Staffing.ADMINISTRATIVE else INSTITUTION_GRADES


def assessment_round_open(*, actor, year: int, unit=None, persons=None) -> AssessmentRound:
    """Opens a year's round for a unit (or the whole bureau) and enrols its serving staff."""
    _require_manager(actor)
    if AssessmentRound.objects.filter(year=year, unit=unit).exists():
        raise ValidationError({"year": f"{year}年度{unit or '全局'}的考核已建立。"})
    with transaction.atomic():
        assessment_round = AssessmentRound(year=year, unit=unit)
        record_save(assessment_round, actor=actor, reason="建立年度考核")
        if persons is None:
            persons = Person.objects.filter(status=PersonStatus.ACTIVE)
            if unit is not None:
                persons = persons.filter(department=unit)
        Assessment.objects.bulk_create([Assessment(round=assessment_round, person=p) for p in persons])
    return assessment_round


def assessment_grades_record(*, actor, assessment_round: AssessmentRound, grades: dict) -> Quota:
    """Sets grades ({person id: grade}) in a round. Refused if a grade does not fit the person's
    编制, or if 优秀 would pass the cap (exactly the cap is allowed). Returns the quota after, whose
    `near` tells the form to warn."""
    _require_manager(actor)
    grades = {int(pid): grade or "" for pid, grade in grades.items()}
    with transaction.atomic():
        assessment_round = lock(assessment_round)
        if assessment_round.closed:
            raise ValidationError({"round": "该年度考核已结束，不能修改等次。"})
        rows = {a.person_id: a for a in assessment_round.assessments.select_related("person").select_for_update()}
        errors = {}
        for person_id, grade in grades.items():
            row = rows.get(person_id)
            if row is None:
                errors["person"] = "该人员不在本次考核名单中。"
                continue
            if grade and grade not in allowed_grades(row.person):
                errors["grade"] = (
                    f"{row.person.name}（{row.person.get_staffing_display()}）的考核等次不能为"
                    f"“{AssessmentGrade(grade).label}”。"
                )
        if errors:
            raise ValidationError(errors)
        after = {pid: grades.get(pid, row.grade) for pid, row in rows.items()}
        quota = _quota(
            sum(1 for g in after.values() if g != AssessmentGrade.UNGRADED),
            sum(1 for g in after.values() if g == AssessmentGrade.EXCELLENT),
        )
        if quota.over:
            raise ValidationError(
                {"grade": f"优秀等次不得超过参加考核人数的{quota.share * 100:.0f}%：参加考核{quota.assessed}人，"
                          f"优秀最多{quota.cap}人，此次将为{quota.excellent}人。"}
            )  # fmt: skip
        for pid, grade in after.items():
            row = rows[pid]
            if row.grade != grade:
                row.grade = grade
                record_save(row, actor=actor, reason="评定等次", update_fields=["grade", "updated_at"])
    return quota


def assessment_round_close(*, actor, assessment_round: AssessmentRound) -> AssessmentRound:
    _require_manager(actor)
    with transaction.atomic():
        assessment_round = lock(assessment_round)
        if assessment_round.assessments.filter(grade="").exists():
            raise ValidationError({"round": "还有人员未评定等次，不能结束考核。"})
        assessment_round.closed = True
        record_save(assessment_round, actor=actor, reason="结束考核", update_fields=["closed", "updated_at"])
    return assessment_round


# --- transfers, expert service, talks --------------------------------------------------------


def transfer_record(
    *, actor, direction: str, other_body: str, date: datetime.date, persons, document_number: str = ""
) -> TransferBatch:
    """A reorganisation (转隶). People moved out leave the roster with status 调出 on that date."""
    _require_manager(actor)
    other_body = required_text(other_body, "other_body", "涉改单位")
    persons = list(persons)
    if not persons:
        raise ValidationError({"persons": "请选择转隶人员。"})
    batch = TransferBatch(direction=direction, other_body=other_body, date=date, document_number=document_number)
    with transaction.atomic():
        record_save(batch, actor=actor, reason="登记转隶")
        batch.persons.set(persons)
        if direction == TransferDirection.OUT:
            for person in persons:
                person = lock(person)
                person.status, person.status_date = PersonStatus.TRANSFERRED_OUT, date
                record_save(person, actor=actor, reason=f"转隶至{other_body}",
                            update_fields=["status", "status_date", "updated_at"])  # fmt: skip
    return batch


def expert_task_record(*, actor, title: str, place: str, date: datetime.date, experts) -> ExpertTask:
    _require_manager(actor)
    experts = list(experts)
    if not experts:
        raise ValidationError({"experts": "请选择承担任务的人员。"})
    task = ExpertTask(title=(title or "").strip(), place=(place or "").strip(), date=date)
    with transaction.atomic():
        record_save(task, actor=actor, reason="登记专家服务基层任务")
        task.experts.set(experts)
    return task


def talk_record(*, actor, talker: Person, talkee: Person, kind: str, date: datetime.date, notes: str = "") -> Talk:
    _require_manager(actor)
    talk = Talk(talker=talker, talkee=talkee, kind=kind, date=date, notes=notes or "")
    with transaction.atomic():
        record_save(talk, actor=actor, reason="登记谈话")
    return talk


DEFAULT_TALK_RHYTHM = {"talker_department": "office", "talker_rank": Rank.CHIEF, "talkee_rank": Rank.CHIEF,
                       "months": 3}  # fmt: skip


def talk_rhythm() -> dict:
    """PERSONNEL_TALK_RHYTHM: by default the office director (the 正科级 of the office) talks
    with each section chief (正科级 elsewhere) at least once a quarter."""
    return {**DEFAULT_TALK_RHYTHM, **getattr(settings, "PERSONNEL_TALK_RHYTHM", {})}


def salary_reads_record(*, viewer, persons, via: str) -> int:
    """The read log for a page or export showing several people's salary figures at once."""
    rows = [SensitiveRead(viewer=viewer, person=p, via=via) for p in persons if not permissions.is_own(viewer, p)]
    if viewer.is_authenticated and rows:
        SensitiveRead.objects.bulk_create(rows)
        _audit_salary_read(viewer, f"{len(rows)} 人", via)
    return len(rows)
