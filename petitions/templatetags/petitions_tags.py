from django import template
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def clock(deadline, today=None):
    """A running clock: the deadline with the days left, or overdue in red."""
    if deadline is None:
        return ""
    today = today or timezone.localdate()
    left = (deadline - today).days
    if left < 0:
        return format_html('<span class="text-danger fw-bold">已逾期{}天</span>（{}）', -left, f"{deadline:%Y-%m-%d}")
    if left == 0:
        return format_html('<span class="text-warning fw-bold">今天到期</span>（{}）', f"{deadline:%Y-%m-%d}")
    return format_html("剩{}天（{}）", left, f"{deadline:%Y-%m-%d}")
