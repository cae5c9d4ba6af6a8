import datetime

import pytest
from django.utils import timezone

from office import demo as office_demo
from office.models import Notification, SupervisedItem
from personnel import demo
from personnel.models import Appointment, Person, SalaryChange, Talk
from personnel.selectors import probations_ending, talks_behind
from personnel.services import salary_base_for_month
from personnel.summary import figures

pytestmark = pytest.mark.django_db


def snapshot():
    return (Person.objects.count(), Appointment.objects.count(), SalaryChange.objects.count(), Talk.objects.count(),
            Person.history.count(), SupervisedItem.objects.filter(category="personnel").count(),
            Notification.objects.count())  # fmt: skip


def test_the_demo_year_gives_every_figure_and_running_it_twice_changes_nothing():
    office_demo.seed()
    demo.seed()
    first = snapshot()
    demo.seed()
    assert snapshot() == first

    year = timezone.localdate().year
    result = {f.key: f for f in figures(year)}
    missing = [key for key, f in result.items() if f.value is None or f.last_year is None]
    assert missing == []
    assert result["personnel.cadres_adjusted"].last_year >= 5
    assert result["personnel.transfer_persons"].last_year == 3
    # Every serving demo user has a salary base this month and last January, for Party dues.
    today = timezone.localdate()
    serving = Person.objects.filter(status="active", user__isnull=False)
    assert serving.count() >= 30
    for person in serving:
        assert salary_base_for_month(person=person, year=today.year - 1, month=1) is not None
    assert SupervisedItem.objects.filter(category="personnel").exists()
    assert len(talks_behind()["behind"]) == 2
    if (today + datetime.timedelta(days=30)).year == today.year:
        # One of last year's promotions ends its probation within the coming weeks: HR's home block.
        assert [a.person.name for a in probations_ending()] == ["杨帆"]
    last = {f.key: f.value for f in figures(year - 1)}
    assert last["personnel.dismissed"] == 1 and last["personnel.lateral_deputy"] == 1
