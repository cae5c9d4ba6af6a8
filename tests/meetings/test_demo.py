import pytest
from django.db.models import Count
from django.utils import timezone

from meetings import demo
from meetings.choices import MeetingState
from meetings.models import Attendance, Decision, Meeting, Room
from meetings.summary import figures
from office import demo as office_demo
from office.models import Notification, SupervisedItem

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "rooms": Room.objects.count(),
        "meetings": Meeting.objects.count(),
        "attendances": Attendance.objects.count(),
        "decisions": Decision.objects.count(),
        "items": SupervisedItem.objects.filter(category="meeting").count(),
        "history": Meeting.history.count() + Attendance.history.count(),
        "notifications": Notification.objects.count(),
    }


def test_the_demo_year_is_realistic_and_running_it_twice_changes_nothing():
    office_demo.seed()
    demo.seed()
    first = snapshot()
    demo.seed()
    assert snapshot() == first

    year = timezone.localdate().year
    result = {f.key: f for f in figures(year)}
    assert 15 <= result["meetings.party_group"].value <= 25
    assert 30 <= result["meetings.video_meetings"].value <= 50
    assert result["meetings.party_group"].last_year is not None
    states = dict(Meeting.objects.values_list("state").annotate(n=Count("id")).order_by())
    assert states[MeetingState.HELD] > 100 and states[MeetingState.PLANNED] > 0
    assert Attendance.objects.filter(late=True).exists()
    assert Attendance.objects.filter(response="leave").exists()
    items = dict(
        SupervisedItem.objects.filter(category="meeting").values_list("status").annotate(n=Count("id")).order_by()
    )
    assert items["completed"] > 0 and items["open"] > 0
