import pytest
from django.db.models import Count
from django.utils import timezone

from office import demo as office_demo
from office.models import Notification, SupervisedItem
from petitions import demo
from petitions.models import DutyDay, Patrol, Petition, Reception
from petitions.summary import figures

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "petitions": Petition.objects.count(),
        "receptions": Reception.objects.count(),
        "days": DutyDay.objects.count(),
        "patrols": Patrol.objects.count(),
        "items": SupervisedItem.objects.filter(category__in=["petition", "safety"]).count(),
        "history": Petition.history.count(),
        "notifications": Notification.objects.count(),
    }


def test_the_demo_year_has_every_figure_and_running_it_twice_changes_nothing():
    office_demo.seed()
    demo.seed()
    first = snapshot()
    demo.seed()
    assert snapshot() == first

    year = timezone.localdate().year
    for y in (year - 1, year):
        result = {f.key: f for f in figures(y)}
        missing = [key for key, f in result.items() if not f.value]
        assert not missing, (y, missing)
    last = {f.key: f for f in figures(year - 1)}
    assert last["petitions.visits"].value > last["petitions.visit_batches"].value
    assert last["petitions.reception_events"].names
    assert Petition.objects.filter(is_repeat=True).exists()
    assert Petition.objects.filter(extension_days__isnull=False).exists()
    assert DutyDay.objects.filter(is_holiday=True).exists()
    items = dict(
        SupervisedItem.objects.filter(category="petition").values_list("status").annotate(n=Count("id")).order_by()
    )
    assert items["completed"] > 0 and items.get("open", 0) > 0
