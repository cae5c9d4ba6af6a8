"""The organisation-tree picker (office/widgets.py): a real <select> grouped by department whose
options carry their pinyin, used by every people/department choice of every app's forms."""

import importlib
import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from office.models import Department, User
from office.widgets import PickerMixin, PickerSelect, PickerSelectMultiple, pinyin_keys
from tests.factories import DepartmentFactory, UserFactory

FORM_MODULES = [
    "office.forms",
    "documents.forms",
    "meetings.forms",
    "personnel.forms",
    "petitions.forms",
    "partybuilding.forms",
]


def test_pinyin_keys_hold_the_full_pinyin_and_the_initials():
    keys = pinyin_keys("赵敏").split()
    assert "zhaomin" in keys
    assert "zm" in keys


def test_pinyin_keys_cover_both_readings_of_a_polyphonic_surname():
    keys = pinyin_keys("单雄").split()
    assert "sx" in keys and "dx" in keys


class _Form(forms.Form):
    people = forms.ModelMultipleChoiceField(
        queryset=User.objects.order_by("department__sort_order", "id"), widget=PickerSelectMultiple()
    )
    department = forms.ModelChoiceField(queryset=Department.objects.all(), widget=PickerSelect())


@pytest.mark.django_db
def test_the_widget_renders_the_real_select_grouped_by_department_with_search_keys(planning, other_dept):
    UserFactory(name="赵敏", department=planning)
    UserFactory(name="周芷若", department=other_dept)
    UserFactory(name="张局长", department=None)
    html = str(_Form()["people"])
    assert re.search(r'<select name="people"[^>]*data-picker="multiple"[^>]*multiple', html)
    assert '<optgroup label="规划科">' in html and '<optgroup label="河湖管理科">' in html
    assert '<optgroup label="局领导">' in html  # people without a department
    assert re.search(r'data-keys="zhaomin zm"[^>]*>赵敏</option>', html.replace('data-name="赵敏" ', ""))
    assert f'data-department="{planning.pk}"' in html


@pytest.mark.django_db
def test_a_form_without_javascript_posts_the_plain_select(planning):
    first = UserFactory(name="赵敏", department=planning)
    second = UserFactory(name="钱多多", department=planning)
    form = _Form({"people": [first.pk, second.pk], "department": planning.pk})
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["people"]) == {first, second}


@pytest.mark.django_db
def test_the_groups_cost_one_query_whatever_the_number_of_people():
    departments = DepartmentFactory.create_batch(5)
    for index in range(20):
        UserFactory(department=departments[index % 5])

    class Plain(forms.Form):  # no select_related: the widget loads the departments' names once
        people = forms.ModelMultipleChoiceField(queryset=User.objects.all(), widget=PickerSelectMultiple())

    with CaptureQueriesContext(connection) as queries:
        html = str(Plain()["people"])
    assert len(queries) == 2  # the people, then their departments' names
    assert html.count("<optgroup") == 5


def _picker_fields(form_class):
    from partybuilding.models import Member
    from personnel.models import Person

    people_models = (User, Department, Person, Member)
    for name, field in form_class.base_fields.items():
        if not isinstance(field, forms.ModelChoiceField) or field.queryset.model not in people_models:
            continue
        if isinstance(field.widget, forms.CheckboxSelectMultiple):
            continue  # 到会人员: ticked from the short list of a branch's members on purpose
        yield name, field


@pytest.mark.parametrize("module_name", FORM_MODULES)
def test_every_people_and_department_choice_uses_the_picker(module_name):
    module = importlib.import_module(module_name)
    checked = 0
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module_name:
            for name, field in _picker_fields(value):
                assert isinstance(field.widget, PickerMixin), f"{value.__name__}.{name} is a plain select"
                checked += 1
    assert checked > 0
