import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from petitions.choices import Channel, ReceptionKind, ReceptionStatus, Route
from petitions.models import DutyDay, Patrol, Petition, Reception, ReceptionVisitor
from petitions.summary import figures
from reports.outline import ROWS_BY_KEY

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1


def petition(officer, n, day, channel, persons=1, route="", voided=False):
    return Petition.objects.create(
        year=day.year,
        serial=n,
        number=f"信〔{day.year}〕{n:04d}号",
        channel=channel,
        received_on=day,
        persons=persons,
        title="事由",
        content="内容",
        route=route,
        registered_by=officer,
        voided_at=timezone.now() if voided else None,
    )


def reception(officer, day, visitors, status=ReceptionStatus.DONE, kind=ReceptionKind.ROUTINE, name=""):
    r = Reception.objects.create(
        kind=kind,
        event_name=name,
        visiting_unit="省水利厅",
        letter_number="苏水函〔2025〕1号",
        purpose="调研",
        start_date=day,
        end_date=day,
        place="局机关",
        cost=Decimal("100.00"),
        status=status,
        created_by=officer,
    )
    ReceptionVisitor.objects.bulk_create([ReceptionVisitor(reception=r, name=f"来宾{i}") for i in range(visitors)])
    return r


@pytest.fixture
def dataset(petitions_officer):
    d = datetime.date
    rows = [
        (d(YEAR, 3, 1), Channel.VISIT, 5, Route.ASSIGN),  # a group visit: 1 batch, 5 persons
        (d(YEAR, 3, 2), Channel.VISIT, 1, ""),
        (d(YEAR, 4, 1), Channel.LETTER, 1, Route.TRANSFER),
        (d(YEAR, 4, 2), Channel.LETTER, 1, Route.ACCEPT),
        (d(YEAR, 5, 1), Channel.ONLINE, 1, ""),
        (d(YEAR, 5, 2), Channel.PHONE, 1, Route.REFUSE),
        (d(YEAR - 1, 6, 1), Channel.VISIT, 2, ""),  # last year
    ]
    for n, (day, channel, persons, route) in enumerate(rows, start=1):
        petition(petitions_officer, n, day, channel, persons, route)
    petition(petitions_officer, 99, d(YEAR, 7, 1), Channel.VISIT, 9, voided=True)  # voided: counts nowhere
    reception(petitions_officer, d(YEAR, 4, 10), 12, kind=ReceptionKind.LARGE_MEETING, name="全市水利工作会议")
    reception(petitions_officer, d(YEAR, 5, 10), 3)
    reception(petitions_officer, d(YEAR, 6, 10), 6, kind=ReceptionKind.INSPECTION, name="水利部考察组")
    reception(petitions_officer, d(YEAR, 6, 20), 8, status=ReceptionStatus.DRAFT)  # not held: not counted
    DutyDay.objects.bulk_create([DutyDay(date=d(YEAR, 1, 1) + datetime.timedelta(days=i)) for i in range(40)])
    for i in range(3):
        Patrol.objects.create(
            date=d(YEAR, 2, 1 + i), inspector=petitions_officer, areas="办公楼", recorded_by=petitions_officer
        )


def test_figures_on_a_known_dataset(dataset, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        result = {f.key: f for f in figures(YEAR)}
    assert set(result) <= set(ROWS_BY_KEY)
    assert result["petitions.visits"].value == 6
    assert result["petitions.visit_batches"].value == 2
    assert result["petitions.visits"].last_year == 2
    assert result["petitions.letters"].value == 2
    assert result["petitions.transfers"].value == 2
    assert result["petitions.online"].value == 1
    assert result["petitions.phone"].value == 1
    assert result["petitions.receptions"].value == 3
    assert result["petitions.reception_visitors"].value == 21
    assert result["petitions.reception_events"].value == 2
    assert result["petitions.reception_events"].names == ("“全市水利工作会议”", "“水利部考察组”")
    assert result["petitions.duty_days"].value == 40
    assert result["petitions.patrols"].value == 3
    assert "channel=visit" in result["petitions.visits"].url


def test_a_year_before_the_records_begin_is_none(dataset):
    result = {f.key: f for f in figures(YEAR - 2)}
    assert all(f.value is None for f in result.values())
    last = {f.key: f for f in figures(YEAR - 1)}
    assert last["petitions.visits"].value == 2
    assert last["petitions.letters"].value == 0  # the petitions records cover that year
    assert last["petitions.receptions"].value is None  # the receptions begin later
