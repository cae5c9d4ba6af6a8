from .audit import AuditEvent
from .base import TimeStampedModel, VoidableModel
from .calendar import CalendarDay, CalendarYear
from .exports import RegisterExport
from .imports import RegisterImport
from .notifications import Notification
from .numbering import SerialCounter
from .org import Department, LoginSession, User
from .supervision import SupervisedItem, SupervisionEvent, SupervisionTally
from .tokens import ApiToken

__all__ = [
    "ApiToken",
    "AuditEvent",
    "CalendarDay",
    "CalendarYear",
    "Department",
    "LoginSession",
    "Notification",
    "RegisterExport",
    "RegisterImport",
    "SerialCounter",
    "SupervisedItem",
    "SupervisionEvent",
    "SupervisionTally",
    "TimeStampedModel",
    "User",
    "VoidableModel",
]
