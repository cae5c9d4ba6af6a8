"""The organisation-tree picker: one widget for every choice of people or departments.

It renders the real <select> (so a page without JavaScript still works, and the form posts what
it always posted), with the options grouped by department in <optgroup>s and each option
carrying what the search needs: its name's full pinyin and pinyin initials, computed here with
pypinyin, so that static/js/picker.js only filters. The script turns the select into a search
box with chips (removable) for a multiple choice, or one choice for a single select.

    responsible = forms.ModelChoiceField(queryset=..., widget=PickerSelect())
    readers = forms.ModelMultipleChoiceField(queryset=..., widget=PickerSelectMultiple())

Forms modules call `use_pickers(globals())` at their end: every ModelChoiceField over people or
departments gets the picker, so no form is forgotten (tests/office/test_picker.py checks all).
A people field may follow a department field of the same form (`depends_on`): the script then
lists only the chosen department's people (the service still checks).
"""

import itertools
from functools import lru_cache

from django import forms

PLACEHOLDER = "输入姓名、拼音或首字母搜索"
DEPARTMENT_PLACEHOLDER = "输入科室名称、拼音或首字母搜索"


@lru_cache(maxsize=4096)
def pinyin_keys(text: str) -> str:
    """The search keys of a name: its full pinyin and its initials, lower case, one per reading
    of a polyphonic character (单 → dan/shan), space-separated: 赵敏 → "zhaomin zm"."""
    from pypinyin import Style, pinyin

    readings = pinyin(text, style=Style.NORMAL, heteronym=True, errors=lambda chars: [[c] for c in chars])
    readings = [sorted({r.lower() for r in options if r}) or [""] for options in readings]
    keys = []
    for combination in itertools.islice(itertools.product(*readings), 8):
        full = "".join(combination)
        initials = "".join(part[:1] for part in combination)
        keys.extend(k for k in (full, initials) if k and k not in keys)
    return " ".join(k for k in keys if k.isascii())


def _group_of(instance, names):
    """(key, label) of the group an option sits in: its department (organ …), or for a department
    its kind; people without a department are the bureau's leaders."""
    for attr in ("department", "organ"):
        field_id = getattr(instance, f"{attr}_id", None) if hasattr(instance, f"{attr}_id") else False
        if field_id is False:
            continue
        if field_id is None:
            return ("", "局领导") if attr == "department" else ("", "其他")
        return (field_id, names.get((attr, field_id), ""))
    if hasattr(instance, "get_kind_display"):
        return (instance.kind, instance.get_kind_display())
    return ("", "")


def _group_names(instances):
    """The names of the options' groups: from the related rows already loaded (select_related),
    else in one query per kind of group, never one per option."""
    names, missing = {}, {}
    for instance in instances:
        for attr in ("department", "organ"):
            field_id = getattr(instance, f"{attr}_id", None)
            if field_id is None:
                continue
            field = instance._meta.get_field(attr)
            if field.is_cached(instance):
                names[(attr, field_id)] = str(getattr(instance, attr))
            else:
                missing.setdefault(attr, (field.related_model, set()))[1].add(field_id)
    for attr, (model, ids) in missing.items():
        ids -= {key for (a, key) in names if a == attr}
        for pk, row in model._default_manager.in_bulk(ids).items():
            names[(attr, pk)] = str(row)
    return names


class PickerMixin:
    """Groups a model select's options and gives each its search keys (see the module's docstring)."""

    def __init__(self, attrs=None, choices=(), *, depends_on=None, placeholder=PLACEHOLDER):
        attrs = {k: v for k, v in (attrs or {}).items() if k != "size"}
        attrs.setdefault("data-picker", "multiple" if self.allow_multiple_selected else "single")
        attrs.setdefault("data-picker-placeholder", placeholder)
        if depends_on:
            attrs["data-picker-depends"] = depends_on
        super().__init__(attrs, choices)

    def optgroups(self, name, value, attrs=None):
        flat = [option for _, options, _ in super().optgroups(name, value, attrs) for option in options]
        instances = [getattr(option["value"], "instance", None) for option in flat]
        names = _group_names([i for i in instances if i is not None])
        groups = {}  # group key → (label, options), in the order the queryset gives them
        for index, (option, instance) in enumerate(zip(flat, instances, strict=True)):
            option["index"] = str(index)
            if instance is None:  # the empty choice (请选择)
                groups.setdefault(None, ("", []))[1].append(option)
                continue
            key, label = _group_of(instance, names)
            shown_name = getattr(instance, "name", "") or str(instance)
            option["attrs"]["data-name"] = shown_name
            option["attrs"]["data-keys"] = pinyin_keys(shown_name)
            option["attrs"]["data-group"] = label
            if getattr(instance, "position", ""):
                option["attrs"]["data-detail"] = instance.position
            if label:
                option["attrs"]["data-group-keys"] = pinyin_keys(label)
            department_id = getattr(instance, "department_id", None)
            if department_id is not None:
                option["attrs"]["data-department"] = str(department_id)
            groups.setdefault(key, (label, []))[1].append(option)
        return [(label, options, index) for index, (label, options) in enumerate(groups.values())]


class PickerSelect(PickerMixin, forms.Select):
    pass


class PickerSelectMultiple(PickerMixin, forms.SelectMultiple):
    pass


def picker_for(field, **kwargs):
    """Gives a model choice field the picker, keeping its choices and its other attributes."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget_class = PickerSelectMultiple if multiple else PickerSelect
    if isinstance(field.widget, widget_class) and not kwargs:
        return field
    from .models import Department

    if field.queryset.model is Department:
        kwargs.setdefault("placeholder", DEPARTMENT_PLACEHOLDER)
    widget = widget_class(attrs=dict(field.widget.attrs), **kwargs)
    widget.choices = field.widget.choices
    widget.is_required = field.widget.is_required
    field.widget = widget
    return field


def is_picker_field(field, models=()):
    """A choice of people or departments (or of the extra `models`: personnel's people …)."""
    from .models import Department, User

    if not isinstance(field, forms.ModelChoiceField):
        return False
    if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.HiddenInput):
        return False  # a short list shown whole on purpose (到会人员 ticks)
    return field.queryset.model in (User, Department, *models)


def use_pickers(namespace, models=()):
    """Every people/department field of the form classes in a forms module gets the picker."""
    for value in list(namespace.values()):
        if isinstance(value, type) and issubclass(value, forms.BaseForm):
            for field in value.base_fields.values():
                if is_picker_field(field, models):
                    picker_for(field)


def people_follow_department(form, people_field, department_field):
    """The picker of `people_field` lists only the people of the department chosen in
    `department_field` (the script filters on each option's data-department)."""
    form.fields[people_field].widget.attrs["data-picker-depends"] = form.add_prefix(department_field)
