"""The form renderer: Django's own, with the commonest widget templates written out in Python.

Django renders a <select> as one template, an include of attrs.html, and one include of
select_option.html (with its own attrs.html) per option; a register's filter form of ten
selects over departments and people is thousands of template nodes, some 40% of the page's
time (issue 17). Here select.html, select_option.html, attrs.html, input.html, the input kinds
that only include input.html, and textarea.html produce the same bytes from the same widget
context with format_html-style escaping (tests/office/test_renderers.py compares both ways).

Anything else — radio and checkbox lists, multi-widgets, the admin's wrappers, a widget with its
own template_name or option_template_name — goes to the templates as before, and so does every
template here if an app overrides it (the fast path is taken only for Django's own files).
"""

import html
from pathlib import Path

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

WIDGETS = "django/forms/widgets/"
SELECT = WIDGETS + "select.html"
OPTION = WIDGETS + "select_option.html"
ATTRS = WIDGETS + "attrs.html"
INPUT = WIDGETS + "input.html"
TEXTAREA = WIDGETS + "textarea.html"
# The templates that are `{% include "django/forms/widgets/input.html" %}` and nothing else.
INPUT_KINDS = [
    WIDGETS + f"{kind}.html"
    for kind in (
        "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time", "search", "tel",
        "color", "checkbox", "file",
    )
]  # fmt: skip
DJANGO_FORM_TEMPLATES = Path(forms.__file__).resolve().parent / "templates"


def _text(value):
    """`{{ value }}` with autoescape on (django.template.base.render_value_in_context)."""
    if type(value) is str:  # most names, labels and values: Django's escape is html.escape
        return html.escape(value)
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _formatted(value):
    """`{{ value|stringformat:'s' }}`: the %s of the value, left unescaped only if the value was safe."""
    if type(value) is str:
        return html.escape(value)
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031 — what stringformat does
    return text if isinstance(value, SafeData) else html.escape(text)


def _attrs(attrs):
    """attrs.html: ` name="value"` each, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {_text(name)}")
        elif value is not False:
            parts.append(f' {_text(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget):
    """input.html."""
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _textarea(widget):
    """textarea.html (the newline after the opening tag is the template's; browsers drop it)."""
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _select(widget):
    """select.html with select_option.html for each option; None when an option has its own template."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            # The include keeps select_option.html's closing newline; only the outer render strips.
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastWidgetRenderer(DjangoTemplates):
    """FORM_RENDERER: Django's template renderer, with select, input and textarea done in Python."""

    def render(self, template_name, context, request=None):
        render = self._fast.get(template_name)
        if render is not None:
            html = render(context["widget"])
            if html is not None:
                return mark_safe(html.strip())  # noqa: S308 — every value above went through escaping
        return super().render(template_name, context, request)

    @cached_property
    def _fast(self):
        """The fast ones, once per process: those whose templates (and what they include) are Django's own."""
        if not self._django_own(ATTRS):
            return {}
        fast = {}
        if self._django_own(SELECT) and self._django_own(OPTION):
            fast[SELECT] = _select
        if self._django_own(TEXTAREA):
            fast[TEXTAREA] = _textarea
        if self._django_own(INPUT):
            fast.update((name, _input) for name in [INPUT, *INPUT_KINDS] if self._django_own(name))
        return fast

    def _django_own(self, template_name):
        origin = Path(self.get_template(template_name).origin.name).resolve()
        return origin.is_relative_to(DJANGO_FORM_TEMPLATES)
