"""Factories for the meetings app. Meetings made here skip the service (for selector and
summary tests); tests of rules call meetings.services."""

import datetime

import factory
from django.utils import timezone

from meetings.choices import SEEDED_TYPES, MeetingState
from meetings.models import Attendance, Meeting, MeetingType, Room
from tests.factories import UserFactory


def at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())


def meeting_type(code):
    # get_or_create: a transactional test empties the table the data migration filled.
    names = dict(SEEDED_TYPES)
    return MeetingType.objects.get_or_create(code=code, defaults={"name": names[code]})[0]


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"第{n + 1}会议室")
    capacity = 30
    equipment = "投影、话筒"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"测试会议{n}")
    meeting_type = factory.LazyFunction(lambda: meeting_type("bureau_affairs"))
    host = factory.SubFactory(UserFactory)
    organiser = factory.SelfAttribute("host")
    start = factory.LazyFunction(lambda: at(2025, 6, 3))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    room = factory.SubFactory(RoomFactory)
    state = MeetingState.PLANNED


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    seat_order = factory.Sequence(lambda n: n + 1)
