"""Every read of personnel (人事) a page or endpoint needs, restricted to what the user may see.

The registers are HR's: a user with the model's view permission (HR, leaders, the administrator
for the roster) sees every row; anyone else only the rows about themselves. A row a user may
not see is a 404."""

import datetime

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from .choices import PersonStatus
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
from .permissions import VIEW_READS, VIEW_TALK, can_view_salary


def _own_or_all(queryset, user, perm, person_field="person"):
    if not user.is_authenticated:
        return queryset.none()
    if user.has_perm(perm):
        return queryset
    return queryset.filter(**{f"{person_field}__user": user})


def own_person(user) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def person_list(*, user):
    queryset = Person.objects.select_related("department", "user")
    if not user.is_authenticated:
        return queryset.none()
    return queryset if user.has_perm("personnel.view_person") else queryset.filter(user=user)


def person_get(*, user, pk) -> Person:
    person = person_list(user=user).filter(pk=pk).first()
    if person is None:
        raise Http404("没有找到该人员档案。")
    return person


def person_choices():
    """Serving staff for the forms' person pickers."""
    return Person.objects.filter(status=PersonStatus.ACTIVE).select_related("department").order_by("name")


def appointment_list(*, user):
    queryset = Appointment.objects.select_related("person", "department", "previous_department", "document")
    return _own_or_all(queryset, user, "personnel.view_appointment")


def appointment_get(*, user, pk) -> Appointment:
    appointment = appointment_list(user=user).filter(pk=pk).first()
    if appointment is None:
        raise Http404("没有找到该任免记录。")
    return appointment


def recruitment_list(*, user):
    return _own_or_all(Recruitment.objects.select_related("person"), user, "personnel.view_recruitment")


def title_list(*, user):
    return _own_or_all(TitleReview.objects.select_related("person"), user, "personnel.view_titlereview")


def salary_list(*, user):
    """Salary records: HR's register; anyone else their own only (leaders included)."""
    return _own_or_all(SalaryChange.objects.select_related("person"), user, "personnel.view_salarychange")


def salary_get(*, user, pk) -> SalaryChange:
    change = salary_list(user=user).filter(pk=pk).first()
    if change is None:
        raise Http404("没有找到该薪资记录。")
    return change


def round_list(*, user):
    queryset = (
        AssessmentRound.objects.select_related("unit")
        .annotate(
            enrolled=Count("assessments"),
            excellent=Count("assessments", filter=Q(assessments__grade="excellent")),
            ungraded=Count("assessments", filter=Q(assessments__grade="")),
        )
        .order_by("-year", "id")
    )
    if not user.is_authenticated or not user.has_perm("personnel.view_assessmentround"):
        return queryset.none()
    return queryset


def round_get(*, user, pk) -> AssessmentRound:
    assessment_round = round_list(user=user).filter(pk=pk).first()
    if assessment_round is None:
        raise Http404("没有找到该年度考核。")
    return assessment_round


def round_assessments(assessment_round):
    return assessment_round.assessments.select_related("person", "person__department").order_by(
        "person__department__sort_order", "person__name"
    )


def transfer_list(*, user):
    queryset = TransferBatch.objects.annotate(person_count=Count("persons")).order_by("-date", "-id")
    if not user.is_authenticated or not user.has_perm("personnel.view_transferbatch"):
        return queryset.none()
    return queryset.prefetch_related(Prefetch("persons", queryset=Person.objects.only("id", "name")))


def expert_list(*, user):
    queryset = ExpertTask.objects.prefetch_related(Prefetch("experts", queryset=Person.objects.only("id", "name")))
    return _own_or_all(queryset, user, "personnel.view_experttask", person_field="experts").distinct()


def talk_list(*, user):
    """Talks with their notes: HR and leaders only."""
    queryset = Talk.objects.select_related("talker", "talkee")
    if not user.is_authenticated or not user.has_perm(VIEW_TALK):
        return queryset.none()
    return queryset


def sensitive_reads(*, user):
    if not user.is_authenticated or not user.has_perm(VIEW_READS):
        return SensitiveRead.objects.none()
    return SensitiveRead.objects.select_related("viewer", "person", "salary_change")


def _quarter_start(day: datetime.date, months: int) -> datetime.date:
    index = (day.month - 1) // months * months
    return datetime.date(day.year, index + 1, 1)


def talks_behind(*, today: datetime.date | None = None):
    """Who is behind the talk rhythm (PERSONNEL_TALK_RHYTHM): the talker, the period's start,
    and the talkees with no talk from the talker since then. None when there is no talker."""
    from .services import talk_rhythm

    rhythm = talk_rhythm()
    today = today or timezone.localdate()
    serving = Person.objects.filter(status=PersonStatus.ACTIVE).select_related("department")
    talker = (
        serving.filter(department__code=rhythm["talker_department"], rank=rhythm["talker_rank"]).order_by("id").first()
    )
    if talker is None:
        return None
    since = _quarter_start(today, rhythm["months"])
    talked = Talk.objects.filter(talker=talker, date__gte=since, date__lte=today, voided_at__isnull=True).values(
        "talkee_id"
    )
    behind = (
        serving.filter(rank=rhythm["talkee_rank"])
        .exclude(pk=talker.pk)
        .exclude(pk__in=talked)
        .order_by("department__sort_order", "name")
    )
    return {"talker": talker, "since": since, "behind": list(behind)}


def person_timeline(*, user, person: Person) -> list[dict]:
    """The person's history as one list, newest first: appointments, titles, salary changes
    (only for those who may see salaries) and assessments. One query per kind."""
    events = []
    for a in person.appointments.filter(voided_at__isnull=True).select_related("department"):
        text = f"{a.get_kind_display()}：{a.post or '—'}"
        if a.rank:
            text += f"（{a.get_rank_display()}）"
        if a.previous_post:
            text += f"，原任{a.previous_post}"
        events.append({"date": a.effective_date, "kind": "任免", "text": text, "status": a.get_status_display()})
    for t in person.title_reviews.filter(voided_at__isnull=True):
        outcome = "通过" if t.passed else "未通过"
        events.append(
            {
                "date": datetime.date(t.year, 12, 31),
                "kind": "职称",
                "text": f"{t.year}年{t.series}系列{t.get_level_display()}{_paren(t.title)}评审{outcome}",
                "status": "",
            }
        )
    if can_view_salary(user, person):
        for s in person.salary_changes.filter(voided_at__isnull=True):
            events.append(
                {
                    "date": s.effective_month,
                    "kind": "薪资",
                    "text": f"{s.get_reason_display()}，月固定工资{s.base}元",
                    "status": "",
                }
            )
    for a in Assessment.objects.filter(person=person).exclude(grade="").select_related("round"):
        events.append(
            {
                "date": datetime.date(a.round.year, 12, 31),
                "kind": "考核",
                "text": f"{a.round.year}年度考核：{a.get_grade_display()}",
                "status": "",
            }
        )
    events.sort(key=lambda e: e["date"], reverse=True)
    return events


def _paren(text):
    return f"（{text}）" if text else ""


def probations_ending(*, within_days=60, limit=10, today=None):
    """Applied promotions whose probation ends within `within_days` (HR's home block)."""
    from .choices import AppointmentState

    today = today or timezone.localdate()
    return (
        Appointment.objects.filter(
            status=AppointmentState.APPLIED,
            probation_end__gte=today,
            probation_end__lte=today + datetime.timedelta(days=within_days),
        )
        .select_related("person")
        .order_by("probation_end")[:limit]
    )
