"""What the meetings app adds to the shell (see office/plugins.py)."""

from office.plugins import AppPlugin, Category, NavItem, NavSection

from .permissions import ROLE_PERMISSIONS

plugin = AppPlugin(
    label="meetings",
    url_prefix="meetings/",
    urls="meetings.urls",
    api_prefix="meetings/",
    api_urls="meetings.api.urls",
    navigation=(
        NavSection(
            "办会",
            30,
            (
                NavItem(
                    "会议", "people", "meetings:list", match=("meetings:detail", "meetings:create", "meetings:seating")
                ),
                NavItem("会议日历", "calendar3", "meetings:calendar"),
                NavItem("会议室", "door-open", "meetings:rooms"),
            ),
        ),
    ),
    supervision_categories=(Category("meeting", "会议议定", order=30),),
    role_permissions=ROLE_PERMISSIONS,
    summary="meetings.summary.figures",
    demo="meetings.demo.seed",
    demo_order=30,
    enum_overrides={
        "MeetingsMeetingStateEnum": "meetings.choices.MeetingState",
        "MeetingsAttendeeRoleEnum": "meetings.choices.AttendeeRole",
        "MeetingsAttendanceResponseEnum": "meetings.choices.AttendanceResponse",
    },
)
