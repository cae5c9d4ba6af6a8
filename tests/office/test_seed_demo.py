import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count, F
from django.utils import timezone

from office.demo import LONG_OVERDUE_DAYS, urge_days
from office.models import Department, Notification, SupervisedItem, SupervisionEvent, User
from office.roles import ROLES
from office.selectors import dashboard_figures

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "departments": Department.objects.count(),
        "users": User.objects.count(),
        "items": SupervisedItem.objects.count(),
        "events": SupervisionEvent.objects.count(),
        "notifications": Notification.objects.count(),
        "item_history": SupervisedItem.history.count(),
    }


def test_seed_demo_is_coherent_and_running_it_twice_changes_nothing():
    from tests.factories import SupervisedItemFactory

    # A record already in the database, long overdue: the demo's office urges only what it made.
    today = timezone.localdate()
    theirs = SupervisedItemFactory(
        start_date=today - datetime.timedelta(days=300), deadline=today - datetime.timedelta(days=200)
    )
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not SupervisionEvent.objects.filter(item=theirs, kind="urged").exists()
    theirs.delete()  # the figures below are the demo's own
    first = snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first

    assert 25 <= first["users"] <= 40
    for role in ROLES.values():
        assert Group.objects.get(name=role.group).user_set.exists(), role.group
    states = dict(SupervisedItem.objects.values_list("status").annotate(n=Count("id")).order_by())
    assert set(states) == {"open", "completed", "voided"}
    figures = dashboard_figures(year=timezone.localdate().year)
    totals = figures["totals"]
    assert totals["overdue"] > 0
    assert totals["due_soon"] > 0
    assert totals["on_time"] > 0
    assert totals["late"] > 0
    assert len(figures["departments"]) >= 8

    # A believable office: nothing is left open long past its deadline, and what is overdue has
    # been urged (催办) since its first urge day, through the service, in the past.
    today = timezone.localdate()
    overdue = SupervisedItem.objects.filter(status="open", deadline__lt=today)
    assert overdue.exists()
    assert not overdue.filter(deadline__lt=today - datetime.timedelta(days=LONG_OVERDUE_DAYS)).exists()
    for item in overdue:
        if urge_days(item.deadline, None, today):
            urgings = SupervisionEvent.objects.filter(item=item, kind="urged")
            assert urgings.exists(), item
            assert item.last_urged_at == max(urgings.values_list("created_at", flat=True))
            assert item.last_urged_at.date() < today
    late = SupervisedItem.objects.filter(
        status="completed", completed_on__gt=F("deadline") + datetime.timedelta(days=30)
    )
    assert late.exists()
    assert SupervisionEvent.objects.filter(item__in=late, kind="urged").exists()
