"""Factories for personnel. Records made here skip the services (for selector, page and summary
tests); tests of rules call personnel.services."""

import datetime
from decimal import Decimal

import factory

from personnel.choices import AppointmentKind, AppointmentState, SalaryReason, SalaryScheme, Sex, Staffing
from personnel.idnumbers import with_check_digit
from personnel.models import Appointment, Person, SalaryChange
from tests.factories import UserFactory


def citizen_id(n: int, birth: datetime.date, region="320102") -> str:
    """A valid 18-digit ID for the n-th test person born on `birth`."""
    return with_check_digit(f"{region}{birth:%Y%m%d}{n % 1000:03d}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"测试人员{n}")
    sex = Sex.MALE
    birth_date = datetime.date(1985, 6, 15)
    citizen_id = factory.LazyAttributeSequence(lambda o, n: citizen_id(n, o.birth_date))
    staffing = Staffing.ADMINISTRATIVE
    phone = "13900001111"
    work_start_date = datetime.date(2008, 7, 1)
    join_date = datetime.date(2012, 3, 1)


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    person = factory.SubFactory(PersonFactory)
    kind = AppointmentKind.LATERAL
    status = AppointmentState.APPLIED
    rank = "chief"
    post = "科长"
    effective_date = datetime.date(2025, 3, 1)
    created_by = factory.SubFactory(UserFactory)


class SalaryChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalaryChange

    person = factory.SubFactory(PersonFactory)
    effective_month = datetime.date(2025, 1, 1)
    reason = SalaryReason.GRADE
    scheme = SalaryScheme.ORGAN
    duty_pay = Decimal("1500.00")
    grade_pay = Decimal("1800.00")
    allowance = Decimal("2500.00")
    created_by = factory.SubFactory(UserFactory)
