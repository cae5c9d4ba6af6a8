from functools import lru_cache

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from ..selectors import PHASE_LABELS

register = template.Library()

PHASE_CLASSES = {
    "overdue": "badge-overdue",
    "due_soon": "badge-due-soon",
    "in_progress": "badge-open",
    "completed": "badge-completed",
    "voided": "badge-voided",
}


@lru_cache(maxsize=256, typed=True)
def badge(css, text):
    """<span class="badge {css}">{text}</span>, made once for each class and text: a list shows
    the same few badges on every row (format_html costs some 3 µs). `typed`: a safe text is not
    the escaped plain one."""
    return format_html('<span class="badge {}">{}</span>', css, text)


@register.simple_tag
def phase_badge(phase):
    return badge(PHASE_CLASSES.get(phase, "badge-open"), PHASE_LABELS.get(phase, phase))


@register.filter
def widget(field):
    """Renders a bound field's widget with the Bootstrap class its kind needs."""
    w = field.field.widget
    if isinstance(w, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(w, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.simple_tag(takes_context=True)
def nav_menu(context):
    """The sidebar's sections (office.navigation.render_nav)."""
    from ..navigation import render_nav

    return render_nav(context.get("nav_sections") or [])


@register.filter(expects_localtime=True)
def ymd(value):
    """|date:"Y-m-d" without parsing the format string again for every row (a register shows
    two dates a row; Django's date filter costs some 20 µs each)."""
    try:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}" if value not in (None, "") else ""
    except AttributeError:
        return ""


@register.filter(expects_localtime=True)
def ymd_hm(value):
    """|date:"Y-m-d H:i", as `ymd`."""
    try:
        return f"{ymd(value)} {value.hour:02d}:{value.minute:02d}" if value not in (None, "") else ""
    except AttributeError:
        return ""


@register.filter
def percent(value):
    return "—" if value is None else f"{value:g}%"


@register.simple_tag(takes_context=True)
def phone_for(context, person):
    """A person's phone, masked unless the viewer is the person or may see personal data."""
    from ..masking import shown
    from ..permissions import can_see_personal_data

    return shown(person.phone, "phone", can_see_personal_data(context["request"].user, person))


@register.simple_tag
def page_links(page):
    """The page numbers to show: a few around the current one and the ends, never all of them
    (a register of a million rows has fifty thousand pages). Each as (number, is the current
    page), the number None for a gap (…)."""
    return [
        (n, n == page.number) if isinstance(n, int) else (None, False)
        for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]


@register.simple_tag(takes_context=True)
def pk_url(context, name, pk):
    """{% url name pk %} for a row's page, without reversing the URL again for every row
    (office.reversing.pk_url); what the URL depends on is read once a page, not once a row."""
    from ..reversing import pk_url, url_key

    key = context.render_context.get(url_key)
    if key is None:
        key = context.render_context[url_key] = url_key()
    return pk_url(name, pk, key)


@register.simple_tag
def masked(value, kind, allowed):
    """Personal data for a template: the value where `allowed`, masked elsewhere (office/masking.py)."""
    from ..masking import shown

    return shown(value, kind, allowed)


# The fifty rows of the home page's 待我办理 and of the dashboard's 逾期事项, written out here
# rather than by template loops (issue 17), as the sidebar and the registers' rows are: the markup
# of the loops they replaced, to the byte (tests/office/test_render_shortcuts.py keeps the loops).
_WAITING_ROW = '<tr{}><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>\n        '
_OVERDUE_ROW = (
    '<tr><td data-label="事项"><a href="{}">{}</a></td><td data-label="类别" class="cell-nowrap">{}</td>'
    '<td data-label="承办科室" class="cell-nowrap">{}</td><td data-label="责任人" class="cell-nowrap">{}</td>'
    '<td data-label="办结时限" class="cell-nowrap">{}</td>'
    '<td data-label="逾期天数" class="text-end text-danger">{}</td>'
    '<td data-label="最近催办" class="cell-nowrap">{}</td></tr>\n    '
)
_ROW_OVERDUE = mark_safe(' class="row-overdue"')
_PROVISIONAL = mark_safe(' <span class="badge badge-provisional">暂定</span>')


def name_of(record):
    """`{{ record.name }}`: nothing where there is no record."""
    return "" if record is None else record.name


@register.simple_tag
def waiting_item_rows(items):
    """The home page's 待我办理 (office/home.html)."""
    from ..reversing import pk_url, url_key

    key = url_key()
    return format_html_join(
        "",
        _WAITING_ROW,
        (
            (
                _ROW_OVERDUE if item.phase == "overdue" else "",
                pk_url("supervision:detail", item.pk, key),
                item.title,
                item.category_label,
                name_of(item.owner_department),
                ymd(item.deadline),
                _PROVISIONAL if item.deadline_provisional else "",
                phase_badge(item.phase),
            )
            for item in items
        ),
    )


@register.simple_tag
def overdue_item_rows(items):
    """The dashboard's 逾期事项 (office/dashboard.html, where numbers are not localized)."""
    from ..reversing import pk_url, url_key

    key = url_key()
    return format_html_join(
        "",
        _OVERDUE_ROW,
        (
            (
                pk_url("supervision:detail", item.pk, key),
                item.title,
                item.category_label,
                name_of(item.owner_department),
                name_of(item.responsible),
                ymd(item.deadline),
                item.days_overdue,
                ymd(template_localtime(item.last_urged_at)) or "—",
            )
            for item in items
        ),
    )
