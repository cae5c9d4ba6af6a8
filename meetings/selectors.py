"""Every read the meetings pages and endpoints make, restricted to what the user may see.

The office and leaders see every meeting; anyone else sees the meetings they are invited to
(as attendee or observer), host or organise."""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone

from office.choices import SupervisionStatus
from office.selectors import DUE_SOON, IN_PROGRESS, OVERDUE, due_soon_limit, restrict_to_department

from .choices import AttendanceResponse, MeetingState
from .models import Attendance, Decision, Meeting, MeetingType, Room
from .permissions import sees_all_meetings


def _visible(queryset, user):
    # Meetings are scoped by person, not department: the managers see all, others the meetings
    # they are invited to, host or organise.
    if sees_all_meetings(user):
        return queryset

    def invited(user_id):
        return Exists(Attendance.objects.filter(meeting=OuterRef("pk"), person=user_id))

    return restrict_to_department(queryset, user, person_field=("host", "organiser"), person_rows=invited)


def meeting_list(*, user):
    """Meetings the user may see, newest first, with the counts the register shows and the
    user's own answer, in one query whatever the number of rows."""
    mine = Attendance.objects.filter(meeting=OuterRef("pk"), person=user.pk)
    queryset = Meeting.objects.select_related("meeting_type", "room", "host")
    return (
        _visible(queryset, user)
        .annotate(
            attendee_count=Count("attendances"),
            leave_count=Count("attendances", filter=Q(attendances__response=AttendanceResponse.LEAVE)),
            signed_count=Count("attendances", filter=Q(attendances__signed_in_at__isnull=False)),
            late_count=Count("attendances", filter=Q(attendances__late=True)),
            my_response=Subquery(mine.values("response")[:1]),
            my_signed_in_at=Subquery(mine.values("signed_in_at")[:1]),
        )
        .order_by("-start", "-id")
    )


def meeting_get(*, user, pk):
    try:
        return meeting_list(user=user).select_related("organiser").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该会议，或您无权查看。") from None


def attendance_status(attendance, meeting, now=None):
    """One word for an attendee's state, as the host reads it: 已签到 / 迟到 / 请假 / 缺席 / …"""
    now = now or timezone.now()
    if attendance.signed_in_at:
        return "late" if attendance.late else "signed_in"
    if attendance.response == AttendanceResponse.LEAVE:
        return "leave"
    if meeting.state == MeetingState.HELD or (meeting.state == MeetingState.PLANNED and now > meeting.start):
        return "absent"
    return attendance.response


ATTENDANCE_STATUS_LABELS = {
    "signed_in": "已签到",
    "late": "迟到",
    "leave": "请假",
    "absent": "未到",
    AttendanceResponse.INVITED: "待确认",
    AttendanceResponse.CONFIRMED: "已确认",
}


def meeting_attendances(meeting, now=None):
    rows = list(meeting.attendances.select_related("person__department", "signed_in_by").order_by("seat_order", "id"))
    for row in rows:
        row.status = attendance_status(row, meeting, now)
        row.status_label = ATTENDANCE_STATUS_LABELS[row.status]
    return rows


def attendance_summary(rows):
    summary = dict.fromkeys(ATTENDANCE_STATUS_LABELS, 0)
    for row in rows:
        summary[row.status] += 1
    summary["total"] = len(rows)
    return summary


def decision_phase(item, today, soon):
    if item is None:
        return ""
    if item.status != SupervisionStatus.OPEN:
        return item.status
    if item.deadline < today:
        return OVERDUE
    if item.deadline <= soon:
        return DUE_SOON
    return IN_PROGRESS


def meeting_decisions(meeting, today=None):
    """The decisions with their supervised items' phase: the meeting's progress."""
    today = today or timezone.localdate()
    soon = due_soon_limit(today)
    rows = list(
        meeting.decisions.select_related("department", "responsible", "supervised_item").order_by("order", "id")
    )
    for row in rows:
        row.phase = decision_phase(row.supervised_item, today, soon)
    return rows


def calendar_meetings(*, user, first: datetime.date, last: datetime.date, room=None):
    """Meetings (not cancelled) starting between two dates inclusive, for the calendar: one query."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    queryset = _visible(Meeting.objects.select_related("meeting_type", "room", "host"), user).filter(
        start__gte=start, start__lt=end
    )
    if room is not None:
        queryset = queryset.filter(room=room)
    return queryset.exclude(state=MeetingState.CANCELLED).order_by("start", "id")


def room_list(*, user, include_inactive=False):
    queryset = Room.objects.all()
    return queryset if include_inactive else queryset.filter(is_active=True)


def room_get(*, user, pk):
    try:
        return Room.objects.get(pk=pk)
    except (Room.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该会议室。") from None


def meeting_type_list(*, user):
    return MeetingType.objects.filter(is_active=True)


# 座次: positions from the highest; a position not listed comes after every listed one. A
# position matches the longest entry it contains (一级主任科员 → 一级主任科员, 办公室主任 → 主任).
DEFAULT_RANK_PRECEDENCE = [
    "局长",
    "党组书记",
    "党组副书记",
    "副局长",
    "总工程师",
    "总经济师",
    "纪检监察组组长",
    "一级调研员",
    "二级调研员",
    "三级调研员",
    "四级调研员",
    "主任",
    "科长",
    "站长",
    "专职副书记",
    "副主任",
    "副科长",
    "副站长",
    "一级主任科员",
    "二级主任科员",
    "三级主任科员",
    "四级主任科员",
    "一级科员",
    "二级科员",
    "科员",
]


def rank_precedence():
    return list(getattr(settings, "MEETINGS_RANK_PRECEDENCE", None) or DEFAULT_RANK_PRECEDENCE)


def rank_of(position, precedence=None):
    """The place of a position in the precedence (lower sits first); unknown positions last."""
    precedence = precedence if precedence is not None else rank_precedence()
    matches = [(len(entry), -index) for index, entry in enumerate(precedence) if entry and entry in (position or "")]
    return -max(matches)[1] if matches else len(precedence)


def seat_card_attendances(meeting):
    """The people who get a seat card: attendees not on leave, by rank (MEETINGS_RANK_PRECEDENCE),
    then in the seating order chosen."""
    precedence = rank_precedence()
    rows = (
        meeting.attendances.exclude(response=AttendanceResponse.LEAVE)
        .select_related("person")
        .order_by("seat_order", "id")
    )
    return sorted(rows, key=lambda row: rank_of(row.person.position, precedence))


def decisions_prefetch():
    return Prefetch("decisions", queryset=Decision.objects.select_related("supervised_item").order_by("order"))


def default_host(user):
    """Who the booking form proposes as host: a leader arranging a meeting hosts it; for the
    office's clerk, the highest-ranking active leader (局领导 by MEETINGS_RANK_PRECEDENCE), never
    the clerk — the clerk arranges, a leader presides. With no leader account at all, the user."""
    from office.models import User
    from office.roles import LEADER, ROLES, has_role

    if has_role(user, LEADER):
        return user
    leaders = list(User.objects.filter(is_active=True, groups__name=ROLES[LEADER].group).distinct().order_by("id"))
    precedence = rank_precedence()
    return min(leaders, key=lambda u: rank_of(u.position, precedence), default=user)
