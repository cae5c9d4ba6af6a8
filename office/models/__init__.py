from .base import TimeStampedModel
from .calendar import CalendarDay, CalendarYear
from .notifications import Notification
from .org import Department, LoginSession, User
from .supervision import SupervisedItem, SupervisionEvent

__all__ = [
    "CalendarDay",
    "CalendarYear",
    "Department",
    "LoginSession",
    "Notification",
    "SupervisedItem",
    "SupervisionEvent",
    "TimeStampedModel",
    "User",
]
