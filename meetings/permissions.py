"""Who may see and do what with meetings.

- The office (文书, 办公室主任) and leaders (局领导) arrange and manage meetings (`meetings.manage_meeting`)
  and see all of them, as does anyone who sees every department (the administrator).
- Everyone else sees the meetings they are invited to, host or organise; an attendee answers
  (confirm or ask leave) and signs in for themselves.
- The organiser, the host and the managers sign people in by hand, record the minutes and the
  decisions, and cancel.
- The administrator edits meeting types and rooms (in the admin and the rooms API).
"""

from django.utils import timezone

from office.permissions import sees_everything
from office.roles import ADMINISTRATOR, CLERK, LEADER, OFFICE_DIRECTOR
from office.steps import Step, StepTable

from .choices import MeetingState

MANAGE = "meetings.manage_meeting"

ROLE_PERMISSIONS = {
    CLERK: [MANAGE, "meetings.view_meetingtype", "meetings.view_room", "meetings.add_room", "meetings.change_room"],
    LEADER: [MANAGE],
    OFFICE_DIRECTOR: [MANAGE, "meetings.view_meetingtype", "meetings.view_room"],
    ADMINISTRATOR: [
        "meetings.view_meeting",
        "meetings.add_meetingtype",
        "meetings.change_meetingtype",
        "meetings.view_meetingtype",
        "meetings.add_room",
        "meetings.change_room",
        "meetings.view_room",
    ],
}


def can_create_meeting(user):
    return user.is_authenticated and user.has_perm(MANAGE)


def sees_all_meetings(user):
    return user.is_authenticated and (user.has_perm(MANAGE) or sees_everything(user))


def can_manage_meeting(user, meeting):
    """Arrange, hand sign-in, minutes, decisions, cancel: the managers, the organiser and the host."""
    return user.is_authenticated and (user.has_perm(MANAGE) or user.pk in (meeting.organiser_id, meeting.host_id))


def can_change_meeting(user, meeting):
    return meeting.state == MeetingState.PLANNED and can_manage_meeting(user, meeting)


def can_manage_rooms(user):
    return user.is_authenticated and user.has_perm("meetings.add_room")


# ---- the steps of a meeting (office/steps.py): one decision for services, pages and API ----


def _manages(user, meeting):
    return can_manage_meeting(user, meeting)


def _attendance(user, meeting):
    # The page hands the attendances it already read (meeting._attendances); a service asks.
    rows = getattr(meeting, "_attendances", None)
    if rows is not None:
        return next((a for a in rows if a.person_id == user.pk), None)
    return meeting.attendances.filter(person=user).first()


def _invited(user, meeting):
    return _attendance(user, meeting) is not None


def _started(message):
    return lambda user, meeting: message if meeting.start > timezone.now() else None


def _not_signed_in(message, *, unless_response=None):
    def ready(user, meeting):
        attendance = _attendance(user, meeting)
        if attendance is not None and attendance.signed_in_at:
            return message
        if unless_response and attendance is not None and attendance.response == unless_response:
            return "您已" + ("确认参会。" if unless_response == "confirmed" else "请假。")
        return None

    return ready


MS = MeetingState
LIVE = {MS.PLANNED, MS.HELD}
MEETING_STEPS = StepTable(
    "会议",
    {
        "confirm": Step(
            "确认参会",
            {MS.PLANNED},
            _invited,
            "您不在本次会议的参会名单中。",
            ready=_not_signed_in("您已签到。", unless_response="confirmed"),
        ),
        "leave": Step(
            "请假",
            {MS.PLANNED},
            _invited,
            "您不在本次会议的参会名单中。",
            ready=_not_signed_in("您已签到，不能再请假。", unless_response="leave"),
        ),
        "signin": Step("签到", LIVE, _manages, "只有会议承办人、主持人、局领导、办公室主任和文书可以代为签到。"),
        "minutes": Step(
            "编辑记录和纪要",
            LIVE,
            _manages,
            "您不能编辑此会议的记录和纪要。",
            ready=_started("会议尚未开始，不能填写记录和纪要。"),
        ),
        "decision": Step(
            "录入议定事项",
            LIVE,
            _manages,
            "您不能录入此会议的议定事项。",
            ready=_started("会议尚未开始，不能录入议定事项。"),
        ),
        "held": Step(
            "登记为已召开",
            {MS.PLANNED},
            _manages,
            "您不能登记此会议的召开情况。",
            ready=_started("会议尚未开始，不能登记为已召开。"),
        ),
        "attendees": Step("增加参会人员", {MS.PLANNED}, _manages, "您不能调整此会议的参会人员。"),
        "agenda": Step("调整议题", {MS.PLANNED}, _manages, "您不能调整此会议的议题。"),
        "reschedule": Step("调整时间地点", {MS.PLANNED}, _manages, "您不能调整此会议。"),
        "cancel": Step("取消", {MS.PLANNED}, _manages, "您不能取消此会议。"),
    },
    state_field="state",
)


def meeting_actions(user, meeting) -> set[str]:
    return MEETING_STEPS.actions(user, meeting)
