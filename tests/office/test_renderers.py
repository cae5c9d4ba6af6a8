"""The form renderer (office/renderers.py) writes select, input and textarea in Python: every widget
it renders must come out byte for byte as Django's templates render it."""

import datetime

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe

from documents.filters import IncomingFilter, OutgoingFilter
from documents.models import IncomingDocument, OutgoingDocument
from office.models import Department, User
from office.renderers import FastWidgetRenderer
from office.templatetags.office_tags import widget as bootstrap_widget
from office.widgets import PickerSelect, PickerSelectMultiple, people_follow_department
from tests.factories import DepartmentFactory, UserFactory

AWKWARD = "<\"&'>"

FAST = FastWidgetRenderer()
TEMPLATES = DjangoTemplates()


def _both(form_class, *args, **kwargs):
    return form_class(*args, renderer=FAST, **kwargs), form_class(*args, renderer=TEMPLATES, **kwargs)


def _assert_same(form_class, *args, **kwargs):
    fast, slow = _both(form_class, *args, **kwargs)
    assert list(fast.fields) == list(slow.fields)
    for name in fast.fields:
        expected = str(slow[name])
        assert str(fast[name]) == expected, name
        # As the pages render them: with the Bootstrap class (and is-invalid on a bound form's errors).
        assert bootstrap_widget(fast[name]) == bootstrap_widget(slow[name]), name
    return fast


def test_the_project_renders_forms_with_the_fast_renderer():
    assert settings.FORM_RENDERER == "office.renderers.FastWidgetRenderer"
    assert isinstance(get_default_renderer(), FastWidgetRenderer)


def test_the_fast_path_covers_select_input_and_textarea():
    # Else the comparisons below would compare the templates with themselves.
    fast = FAST._fast
    for name in ("select", "text", "number", "date", "checkbox", "hidden", "textarea"):
        assert f"django/forms/widgets/{name}.html" in fast


class Plain(forms.Form):
    kind = forms.ChoiceField(choices=[("", "全部"), ("a", "甲"), (AWKWARD, AWKWARD)], required=False)
    grouped = forms.ChoiceField(
        choices=[
            ("", "请选择"),
            ("水利", [("dam", "水库"), ("levee", "堤防")]),
            (AWKWARD, [("x", "其他")]),
            ("z", "末"),
        ]
    )
    several = forms.MultipleChoiceField(
        choices=[(1, "一"), (2, "二"), (3, "三"), (AWKWARD, AWKWARD)], widget=forms.SelectMultiple(attrs={"size": 4})
    )
    yes_no = forms.NullBooleanField()
    number = forms.IntegerField(required=False, widget=forms.NumberInput(attrs={"min": 0, "data-x": AWKWARD}))
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(max_length=20, required=False, widget=forms.TextInput(attrs={"placeholder": AWKWARD}))
    safe = forms.CharField(required=False, widget=forms.TextInput(attrs={"title": mark_safe("<b>已转义</b>")}))
    body = forms.CharField(widget=forms.Textarea)
    tick = forms.BooleanField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    upload = forms.FileField(required=False)
    disabled = forms.ChoiceField(choices=[("a", "甲")], disabled=True)
    # Not done in Python: these keep their templates, and must still render.
    radio = forms.ChoiceField(choices=[("a", "甲"), ("b", AWKWARD)], widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(choices=[("a", "甲"), ("b", "乙")], widget=forms.CheckboxSelectMultiple)
    when = forms.SplitDateTimeField(required=False)


def test_plain_widgets_unbound_and_with_initial_values():
    _assert_same(Plain)
    _assert_same(
        Plain,
        initial={
            "kind": AWKWARD, "grouped": "levee", "several": [1, AWKWARD], "yes_no": True, "number": 5,
            "day": datetime.date(2026, 3, 1), "text": AWKWARD, "body": f"第一行\n{AWKWARD}", "tick": True,
            "hidden": AWKWARD, "password": AWKWARD, "radio": "b", "boxes": ["a"],
        },
    )  # fmt: skip


def test_bound_widgets_with_errors_and_escaped_values():
    data = {"kind": "nope", "several": ["2", "3"], "number": AWKWARD, "text": AWKWARD * 10, "body": "", "tick": "on"}
    fast = _assert_same(Plain, data)
    assert fast.errors
    html = str(fast["several"])
    assert '<option value="2" selected>二</option>' in html and '<option value="3" selected>三</option>' in html
    assert "&lt;&quot;&amp;&#x27;&gt;" in str(fast["text"])


@pytest.mark.django_db
def test_model_choices_and_pickers_with_groups_and_data_attributes(planning, other_dept):
    planning.name = f"规划科{AWKWARD}"
    planning.save()
    chosen = UserFactory(name="赵敏", department=planning, position="科长")
    UserFactory(name="周芷若", department=other_dept)
    leader = UserFactory(name="张局长", department=None)

    class Models(forms.Form):
        department = forms.ModelChoiceField(queryset=Department.objects.order_by("pk"))
        departments = forms.ModelMultipleChoiceField(queryset=Department.objects.order_by("pk"), required=False)
        person = forms.ModelChoiceField(queryset=User.objects.order_by("pk"), widget=PickerSelect(), required=False)
        people = forms.ModelMultipleChoiceField(
            queryset=User.objects.select_related("department").order_by("pk"), widget=PickerSelectMultiple()
        )
        unit = forms.ModelChoiceField(
            queryset=Department.objects.order_by("pk"), widget=PickerSelect(), empty_label=AWKWARD
        )

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            people_follow_department(self, "person", "unit")

    _assert_same(Models)
    fast = _assert_same(Models, {"department": planning.pk, "people": [chosen.pk, leader.pk], "person": chosen.pk})
    html = str(fast["people"])
    assert '<optgroup label="规划科&lt;&quot;&amp;&#x27;&gt;">' in html
    assert 'data-name="赵敏" data-keys="zhaomin zm"' in html and 'data-detail="科长"' in html
    assert html.count(" selected") == 2


@pytest.mark.django_db
def test_the_registers_filter_forms(planning):
    DepartmentFactory(name=AWKWARD)
    for filterset, model in ((IncomingFilter, IncomingDocument), (OutgoingFilter, OutgoingDocument)):
        for data in ({}, {"q": AWKWARD, "year": "2026", "department": planning.pk, "status": "nope", "sort": "date"}):
            fast = filterset(data, queryset=model.objects.none()).form
            slow = filterset(data, queryset=model.objects.none()).form
            fast.renderer, slow.renderer = FAST, TEMPLATES
            for name in fast.fields:
                assert bootstrap_widget(fast[name]) == bootstrap_widget(slow[name]), name
