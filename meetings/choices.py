from django.db import models


class MeetingState(models.TextChoices):
    PLANNED = "planned", "已安排"
    HELD = "held", "已召开"
    CANCELLED = "cancelled", "已取消"


class AttendeeRole(models.TextChoices):
    ATTENDEE = "attendee", "出席"
    OBSERVER = "observer", "列席"


class AttendanceResponse(models.TextChoices):
    INVITED = "invited", "待确认"
    CONFIRMED = "confirmed", "已确认参会"
    LEAVE = "leave", "请假"


# The seeded meeting types and the stable codes the annual summary counts by.
SEEDED_TYPES = [
    ("party_group", "党组会议"),
    ("bureau_affairs", "局务会议"),
    ("special", "专题会议"),
    ("central_group_study", "党组中心组学习"),
    ("seminar", "专题研讨"),
    ("regular_study", "例会学习"),
    ("other", "其他"),
]

# The supervision category this app registers (meetings/hooks.py) and opens items in.
SUPERVISION_MEETING = "meeting"
