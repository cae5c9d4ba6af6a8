from django import template

from ..services.calendar import calendar_warnings as _calendar_warnings

register = template.Library()


@register.simple_tag
def calendar_warnings():
    """For pages rendered by views we do not own (the admin index): `{% calendar_warnings as w %}`."""
    return _calendar_warnings()
