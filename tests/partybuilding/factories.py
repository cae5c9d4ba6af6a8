"""Factories for Party affairs. Organs and members made here skip the services (for selector,
summary and page tests); tests of rules call partybuilding.services."""

import datetime
from decimal import Decimal

import factory

from partybuilding.choices import DuesCategory, MemberKind, OrganKind
from partybuilding.models import DuesAssessment, DuesRateTable, Member, Organ


class OrganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organ
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"第{n + 1}党支部")
    kind = OrganKind.BRANCH
    established_on = datetime.date(2015, 1, 1)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"党员{n}")
    organ = factory.SubFactory(OrganFactory)
    kind = MemberKind.FULL
    joined_on = datetime.date(2010, 7, 1)
    full_on = datetime.date(2011, 7, 1)
    dues_category = DuesCategory.STAFF
    entered_base = Decimal("4000.00")


def current_table():
    return DuesRateTable.objects.order_by("-effective_from").first()


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DuesAssessment

    member = factory.SubFactory(MemberFactory)
    organ = factory.SelfAttribute("member.organ")
    month = datetime.date(2025, 1, 1)
    category = DuesCategory.STAFF
    base = Decimal("4000.00")
    base_source = "entered"
    rate = Decimal("1.0")
    computed = Decimal("40.00")
    amount = Decimal("40.00")
    table = factory.LazyFunction(current_table)
