"""Every read of the petitions app, restricted to what the user may see."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone

from office.choices import SupervisionStatus
from office.models import SupervisedItem

from . import permissions as perms
from .choices import PetitionStatus, ReceptionKind
from .models import DutyAssignment, DutyDay, DutyLog, DutySwap, Patrol, Petition, Petitioner, Reception

OPEN_CLOCK_STATES = [
    PetitionStatus.REGISTERED,
    PetitionStatus.ACCEPTED,
    PetitionStatus.REVIEW,
    PetitionStatus.RE_REVIEW,
]


def _open_clock_deadline():
    """The deadline of the record's running clock (its open supervised item), as a subquery."""
    return Subquery(
        SupervisedItem.objects.filter(
            source_type=ContentType.objects.get_for_model(Petition),
            source_id=OuterRef("pk"),
            status=SupervisionStatus.OPEN,
        )
        .order_by("deadline")
        .values("deadline")[:1]
    )


def petition_list(*, user):
    """The petitions `user` sees: all for the petitions officer, leaders and the administrator;
    for a department, those assigned to it or to the person."""
    qs = (
        Petition.objects.select_related("handling_department", "handler")
        .prefetch_related(Prefetch("petitioners", queryset=Petitioner.objects.order_by("id")))
        .annotate(clock_deadline=_open_clock_deadline())
        .order_by("-received_on", "-id")
    )
    if not user.is_authenticated:
        return qs.none()
    if perms.sees_all_petitions(user):
        return qs
    condition = Q(handler=user.pk)
    if user.department_id:
        condition |= Q(handling_department=user.department_id)
    return qs.filter(condition)


def petition_get(*, user, pk):
    petition = (
        petition_list(user=user)
        .select_related("repeat_of", "same_facts_as", "extension_approved_by", "registered_by")
        .filter(pk=pk)
        .first()
    )
    if petition is None:
        raise Http404
    return petition


def petition_repeats(petition):
    """The earlier petitions this one repeats and the later ones that repeat it."""
    return Petition.objects.filter(Q(pk=petition.repeat_of_id) | Q(repeat_of=petition)).order_by("received_on")


def petitions_due(user, *, limit=5, days=5):
    """The running clocks ending within `days` days (or overdue), for the petitions officer."""
    if not user.is_authenticated or not user.has_perm(perms.HANDLE_PETITION):
        return Petition.objects.none()
    soon = timezone.localdate() + datetime.timedelta(days=days)
    return (
        Petition.objects.filter(voided_at__isnull=True, status__in=OPEN_CLOCK_STATES)
        .annotate(clock_deadline=_open_clock_deadline())
        .filter(clock_deadline__lte=soon)
        .order_by("clock_deadline", "id")[:limit]
    )


def days_left(deadline, today=None):
    if deadline is None:
        return None
    return (deadline - (today or timezone.localdate())).days


# --- receptions ------------------------------------------------------------------------------


def reception_list(*, user):
    if not perms.sees_receptions(user):
        return Reception.objects.none()
    return (
        Reception.objects.select_related("approved_by", "letter_document")
        .annotate(visitors_total=Count("visitors", distinct=True))
        .order_by("-start_date", "-id")
    )


def reception_get(*, user, pk):
    reception = reception_list(user=user).filter(pk=pk).first()
    if reception is None:
        raise Http404
    return reception


def reception_event_names(year):
    return list(
        Reception.objects.filter(start_date__year=year, voided_at__isnull=True)
        .exclude(kind=ReceptionKind.ROUTINE)
        .values_list("event_name", flat=True)
    )


# --- duty ------------------------------------------------------------------------------------


def duty_days(first, last):
    """The roster from `first` to `last`, with each day's people (two queries)."""
    return DutyDay.objects.filter(date__range=(first, last)).prefetch_related(
        Prefetch("assignments", queryset=DutyAssignment.objects.select_related("person").order_by("role", "id"))
    )


def duty_days_for_export(params):
    """The roster of a year (and month), as the duty page shows it; everyone signed in sees it."""
    today = timezone.localdate()
    try:
        year = int(params.get("year") or today.year)
        month = int(params.get("month") or 0)
    except ValueError:
        year, month = today.year, 0
    qs = duty_days(datetime.date(year, 1, 1), datetime.date(year, 12, 31)).order_by("date")
    return qs.filter(date__month=month) if 1 <= month <= 12 else qs


def duty_day_get(pk):
    day = (
        DutyDay.objects.filter(pk=pk)
        .prefetch_related(
            Prefetch("assignments", queryset=DutyAssignment.objects.select_related("person").order_by("role", "id"))
        )
        .first()
    )
    if day is None:
        raise Http404
    return day


def duty_logs(day):
    return DutyLog.objects.filter(day=day).select_related("recorded_by").order_by("occurred_at", "id")


def duty_log_list(*, user):
    """Every log for those who oversee duty; for anyone else, the logs of the days they were on."""
    qs = DutyLog.objects.select_related("day", "recorded_by").order_by("-occurred_at", "-id")
    if not user.is_authenticated:
        return qs.none()
    if perms.sees_duty_logs(user) or perms.can_manage_duty(user):
        return qs
    return qs.filter(day__assignments__person=user).distinct()


def next_duty(user):
    """The user's next duty (today or later), or None."""
    if not user.is_authenticated:
        return None
    return (
        DutyAssignment.objects.filter(person=user, day__date__gte=timezone.localdate())
        .select_related("day")
        .order_by("day__date")
        .first()
    )


def my_assignments(user, *, limit=10):
    return (
        DutyAssignment.objects.filter(person=user, day__date__gte=timezone.localdate())
        .select_related("day")
        .order_by("day__date")[:limit]
    )


def duty_swaps(user):
    qs = DutySwap.objects.select_related(
        "assignment__day", "counter_assignment__day", "requester", "substitute", "decided_by"
    ).order_by("-created_at", "-id")
    if perms.can_manage_duty(user):
        return qs
    return qs.filter(Q(requester=user) | Q(substitute=user))


def duty_swap_get(user, pk):
    swap = duty_swaps(user).filter(pk=pk).first()
    if swap is None:
        raise Http404
    return swap


# --- patrols ---------------------------------------------------------------------------------


def patrol_list(*, user):
    qs = Patrol.objects.select_related("inspector", "rectification_owner", "rectification_department").order_by(
        "-date", "-id"
    )
    if not user.is_authenticated:
        return qs.none()
    if perms.sees_patrols(user):
        return qs
    return qs.filter(rectification_owner=user)


def patrol_get(*, user, pk):
    patrol = patrol_list(user=user).filter(pk=pk).first()
    if patrol is None:
        raise Http404
    return patrol
