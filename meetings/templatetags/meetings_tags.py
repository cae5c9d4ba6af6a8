from django import template
from django.utils import timezone
from django.utils.html import format_html

from ..choices import MeetingState

register = template.Library()

STATE_CLASSES = {
    MeetingState.PLANNED: "badge-open",
    MeetingState.HELD: "badge-completed",
    MeetingState.CANCELLED: "badge-voided",
}
ATTENDANCE_CLASSES = {
    "signed_in": "badge-completed",
    "late": "badge-due-soon",
    "leave": "badge-voided",
    "absent": "badge-overdue",
    "invited": "badge-open",
    "confirmed": "badge-open",
}
RESPONSE_LABELS = {"invited": "待确认", "confirmed": "已确认", "leave": "请假"}


@register.simple_tag
def state_badge(meeting):
    return format_html(
        '<span class="badge {}">{}</span>', STATE_CLASSES.get(meeting.state, "badge-open"), meeting.get_state_display()
    )


@register.simple_tag
def attendance_badge(attendance):
    return format_html(
        '<span class="badge {}">{}</span>', ATTENDANCE_CLASSES.get(attendance.status, ""), attendance.status_label
    )


@register.simple_tag
def response_badge(response, signed_in_at=None):
    if signed_in_at:
        return format_html('<span class="badge badge-completed">已签到</span>')
    if not response:
        return ""
    css = "badge-voided" if response == "leave" else "badge-open"
    return format_html('<span class="badge {}">{}</span>', css, RESPONSE_LABELS.get(response, response))


@register.filter
def local_time(value, fmt="%H:%M"):
    return timezone.localtime(value).strftime(fmt) if value else ""
