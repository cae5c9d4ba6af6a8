"""Who may see and do what with meetings.

- The office (文书) and leaders (局领导) arrange and manage meetings (`meetings.manage_meeting`)
  and see all of them, as does anyone who sees every department (the administrator).
- Everyone else sees the meetings they are invited to, host or organise; an attendee answers
  (confirm or ask leave) and signs in for themselves.
- The organiser, the host and the managers sign people in by hand, record the minutes and the
  decisions, and cancel.
- The administrator edits meeting types and rooms (in the admin and the rooms API).
"""

from office.permissions import sees_everything
from office.roles import ADMINISTRATOR, CLERK, LEADER

from .choices import MeetingState

MANAGE = "meetings.manage_meeting"

ROLE_PERMISSIONS = {
    CLERK: [MANAGE, "meetings.view_meetingtype", "meetings.view_room", "meetings.add_room", "meetings.change_room"],
    LEADER: [MANAGE],
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
