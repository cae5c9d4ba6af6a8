"""Staff records (ID number rules) and the salary base other apps read."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from personnel import services
from personnel.choices import SalaryReason, SalaryScheme, Staffing
from personnel.idnumbers import check_digit, id_problem
from personnel.models import Person, SalaryChange

from .factories import PersonFactory, citizen_id

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1988, 2, 29)
VALID_ID = citizen_id(7, BIRTH, region="110105")


def person_fields(**over):
    fields = {
        "name": "张三",
        "sex": "male",
        "birth_date": BIRTH,
        "citizen_id": VALID_ID,
        "staffing": Staffing.ADMINISTRATIVE,
    }
    fields.update(over)
    return fields


def test_check_digit_of_a_published_example():
    # The worked example of GB 11643-1999: 11010519491231002X.
    assert check_digit("11010519491231002") == "X"
    assert id_problem("11010519491231002X") is None
    assert id_problem("11010519491231002x") is None


def test_create_accepts_a_valid_id(hr):
    person = services.person_create(actor=hr, **person_fields())
    assert Person.objects.get().citizen_id == VALID_ID
    assert person.history.count() == 1


def test_create_refuses_a_wrong_check_digit(hr):
    wrong = VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=hr, **person_fields(citizen_id=wrong))
    assert "校验码" in exc.value.message_dict["citizen_id"][0]
    assert not Person.objects.exists()


def test_create_refuses_an_id_whose_birth_date_disagrees(hr):
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=hr, **person_fields(birth_date=datetime.date(1988, 3, 1)))
    assert "出生日期" in exc.value.message_dict["citizen_id"][0]
    assert not Person.objects.exists()


def test_create_refuses_an_id_already_registered(hr):
    services.person_create(actor=hr, **person_fields())
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=hr, **person_fields(name="李四", citizen_id=VALID_ID.lower()))
    assert "已登记" in exc.value.message_dict["citizen_id"][0]
    assert Person.objects.count() == 1


def test_create_refused_to_a_leader(leader):
    with pytest.raises(PermissionDenied):
        services.person_create(actor=leader, **person_fields())
    assert not Person.objects.exists()


def organ_pay(duty, grade, allowance):
    return {"duty_pay": Decimal(duty), "grade_pay": Decimal(grade), "allowance": Decimal(allowance)}


def test_salary_base_of_a_month_between_two_changes(hr):
    person = PersonFactory()
    services.salary_change_record(
        actor=hr, person=person, effective_month=datetime.date(2025, 1, 1), reason=SalaryReason.OTHER,
        components=organ_pay("1500", "1800", "2500"),
    )  # fmt: skip
    second = services.salary_change_record(
        actor=hr, person=person, effective_month=datetime.date(2025, 7, 15), reason=SalaryReason.GRADE,
        components=organ_pay("1500", "2000", "2600.50"),
    )  # fmt: skip
    assert second.effective_month == datetime.date(2025, 7, 1)
    # The figures before the second change default to the first change's.
    assert second.base_before == Decimal("5800.00")
    assert services.salary_base_for_month(person=person, year=2024, month=12) is None
    assert services.salary_base_for_month(person=person, year=2025, month=1) == Decimal("5800.00")
    assert services.salary_base_for_month(person=person, year=2025, month=6) == Decimal("5800.00")
    assert services.salary_base_for_month(person=person, year=2025, month=7) == Decimal("6100.50")
    assert services.salary_base_for_month(person=person, year=2026, month=3) == Decimal("6100.50")


def test_salary_base_of_an_institution_scheme_sums_four_components(hr):
    person = PersonFactory(staffing=Staffing.INSTITUTION)
    change = services.salary_change_record(
        actor=hr, person=person, effective_month=datetime.date(2025, 3, 1), reason=SalaryReason.STEP,
        components={"post_pay": "1200", "scale_pay": "900", "performance_pay": "2100.25", "allowance": "800"},
    )  # fmt: skip
    assert change.scheme == SalaryScheme.INSTITUTION
    assert services.salary_base_for_month(person=person, year=2025, month=3) == Decimal("5000.25")


def test_salary_base_ignores_a_voided_change(hr):
    person = PersonFactory()
    services.salary_change_record(
        actor=hr, person=person, effective_month=datetime.date(2025, 1, 1), reason=SalaryReason.OTHER,
        components=organ_pay("1000", "1000", "1000"),
    )  # fmt: skip
    wrong = services.salary_change_record(
        actor=hr, person=person, effective_month=datetime.date(2025, 5, 1), reason=SalaryReason.GRADE,
        components=organ_pay("9000", "9000", "9000"),
    )  # fmt: skip
    services.salary_change_void(actor=hr, change=wrong, reason="录入错误")
    assert services.salary_base_for_month(person=person, year=2025, month=6) == Decimal("3000.00")


def test_salary_change_refuses_a_component_of_the_other_scheme(hr):
    person = PersonFactory()
    with pytest.raises(ValidationError) as exc:
        services.salary_change_record(
            actor=hr, person=person, effective_month=datetime.date(2025, 1, 1), reason=SalaryReason.OTHER,
            components={**organ_pay("1", "1", "1"), "post_pay": "100"},
        )  # fmt: skip
    assert "post_pay" in exc.value.message_dict
    assert not SalaryChange.objects.exists()


def test_salary_change_requires_every_component_of_its_scheme(hr):
    person = PersonFactory()
    with pytest.raises(ValidationError) as exc:
        services.salary_change_record(
            actor=hr, person=person, effective_month=datetime.date(2025, 1, 1), reason=SalaryReason.OTHER,
            components={"duty_pay": "1500", "allowance": "100"},
        )  # fmt: skip
    assert "级别工资" in exc.value.message_dict["grade_pay"][0]


def test_salary_bases_of_many_people_in_one_query(hr, django_assert_num_queries):
    first, second, without = PersonFactory(), PersonFactory(), PersonFactory()
    for person, month, pay in [(first, 1, "1000"), (first, 6, "2000"), (second, 3, "1500")]:
        services.salary_change_record(actor=hr, person=person, effective_month=datetime.date(2025, month, 1),
                                      reason=SalaryReason.GRADE, components=organ_pay(pay, pay, pay))  # fmt: skip
    with django_assert_num_queries(1):
        bases = services.salary_bases_for_month(persons=[first, second, without], year=2025, month=5)
    assert bases == {first.pk: Decimal("3000.00"), second.pk: Decimal("4500.00"), without.pk: None}
    for person in (first, second, without):
        assert bases[person.pk] == services.salary_base_for_month(person=person, year=2025, month=5)
