"""Each department's 档号 organisation code: configured, by default the name's pinyin initials."""

import pytest
from django.core.exceptions import ValidationError

from office.models import Department
from office.models.org import pinyin_initials

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "initials"),
    [("办公室", "BGS"), ("财务审计科", "CWSJK"), ("水旱灾害防御科", "SHZHFYK"), ("第2科", "D2K")],
)
def test_pinyin_initials(name, initials):
    assert pinyin_initials(name) == initials


def test_a_new_department_gets_its_pinyin_initials_unless_configured():
    assert Department.objects.create(name="规划计划科", code="planning").archive_code == "GHJHK"
    assert Department.objects.create(name="河湖管理科", code="rivers", archive_code="HH").archive_code == "HH"


def test_the_code_is_capitals_and_digits():
    department = Department(name="人事科", code="hr", archive_code="rs-1")
    with pytest.raises(ValidationError) as error:
        department.full_clean()
    assert "archive_code" in error.value.message_dict
