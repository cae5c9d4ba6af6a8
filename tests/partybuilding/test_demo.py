"""The demo year: realistic, through the services, and idempotent."""

import pytest
from django.utils import timezone

from meetings import demo as meetings_demo
from office import demo as office_demo
from partybuilding import demo
from partybuilding.models import (
    Award,
    CareVisit,
    Development,
    DuesAssessment,
    DuesPayment,
    IntegrityActivity,
    Member,
    OrganisationalLife,
)
from partybuilding.selectors import dues_flagged
from partybuilding.summary import figures

pytestmark = pytest.mark.django_db


def snapshot():
    return [
        model.objects.count()
        for model in (
            Member,
            DuesAssessment,
            DuesPayment,
            OrganisationalLife,
            Development,
            Award,
            CareVisit,
            IntegrityActivity,
        )
    ]


def test_the_demo_party_year_fills_every_figure_and_running_it_twice_changes_nothing():
    office_demo.seed()
    meetings_demo.seed()
    demo.seed()
    first = snapshot()
    year = timezone.localdate().year
    missing = [f.key for f in figures(year) if f.value is None or f.last_year is None]
    assert missing == []
    assert [row["member"].name for row in dues_flagged()] == [demo.NOT_PAYING]
    assert Development.objects.values("stage").distinct().count() >= 4
    demo.seed()
    assert snapshot() == first
