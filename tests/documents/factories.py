"""Factories for documents: records in a given state, built directly (the services are tested
on their own; these set up the state a test starts from)."""

import datetime

import factory
from django.utils import timezone

from documents.choices import IncomingStatus, OutgoingStatus
from documents.models import IncomingDocument, IssuingCode, OutgoingDocument
from documents.models.common import incoming_serial_text
from tests.factories import DepartmentFactory, UserFactory


class IssuingCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuingCode
        django_get_or_create = ["code"]

    code = "X水发"


class IncomingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomingDocument

    sender = "市人民政府办公室"
    sender_number = factory.Sequence(lambda n: f"X政办发〔2026〕{n + 1}号")
    title = factory.Sequence(lambda n: f"关于做好防汛工作的通知{n}")
    received_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    status = IncomingStatus.REGISTERED
    year = factory.LazyAttribute(lambda o: timezone.localtime(o.received_at).year)
    serial = factory.Sequence(lambda n: 9000 + n)
    serial_number = factory.LazyAttribute(lambda o: incoming_serial_text(o.year, o.serial))
    created_by = factory.SubFactory(UserFactory)
    registered_by = factory.SelfAttribute("created_by")


class OutgoingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutgoingDocument

    title = factory.Sequence(lambda n: f"关于报送年度工作计划的通知{n}")
    department = factory.SubFactory(DepartmentFactory)
    drafter = factory.SubFactory(UserFactory, department=factory.SelfAttribute("..department"))
    status = OutgoingStatus.DRAFT
    issuing_code = factory.SubFactory(IssuingCodeFactory)
