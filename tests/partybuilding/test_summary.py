"""（七）党建 and （八）党风廉政 figures on a known dataset."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from meetings.choices import MeetingState
from partybuilding.choices import COMMITTEE_MEETING, GENERAL_MEETING, PARTY_DAY, STUDY_SESSION
from partybuilding.models import (
    Award,
    CareVisit,
    Development,
    Disclosure,
    DuesPayment,
    DuesPaymentMonth,
    IntegrityActivity,
    OrganisationalLife,
)
from partybuilding.summary import figures
from reports.outline import ROWS
from tests.meetings.factories import MeetingFactory, at
from tests.partybuilding.factories import AssessmentFactory, MemberFactory, OrganFactory

pytestmark = pytest.mark.django_db
D = Decimal
KEYS = [row.key for row in ROWS if row.key.startswith("partybuilding.")]


def life(organ, code, when, state=MeetingState.HELD):
    meeting = MeetingFactory(meeting_type=meeting_type_party(code), start=when, state=state)
    return OrganisationalLife.objects.create(meeting=meeting, organ=organ)


def meeting_type_party(code):
    from meetings.models import MeetingType

    return MeetingType.objects.get(code=code)


@pytest.fixture
def dataset(party):
    branch = OrganFactory(name="第一党支部")
    member = MemberFactory(organ=branch)
    other = MemberFactory(organ=branch)
    # Dues 2025: 40.00 × 2 + 15.01 assessed = 95.01; paid 40.00 (+ 40.00 voided). 2024: 12.34.
    jan = AssessmentFactory(member=member, month=datetime.date(2025, 1, 1), amount=D("40.00"))
    feb = AssessmentFactory(member=member, month=datetime.date(2025, 2, 1), amount=D("40.00"))
    AssessmentFactory(member=other, month=datetime.date(2025, 12, 1), amount=D("15.01"))
    AssessmentFactory(member=other, month=datetime.date(2024, 12, 1), amount=D("12.34"))
    paid = DuesPayment.objects.create(
        member=member, paid_on=datetime.date(2026, 1, 5), method="cash", amount=D("40.00"), created_by=party
    )
    DuesPaymentMonth.objects.create(payment=paid, assessment=jan, amount=D("40.00"))
    voided = DuesPayment.objects.create(
        member=member,
        paid_on=datetime.date(2025, 2, 5),
        method="cash",
        amount=D("40.00"),
        created_by=party,
        voided_at=timezone.now(),
    )
    DuesPaymentMonth.objects.create(payment=voided, assessment=feb, amount=D("40.00"))
    # Disclosures: 2 in 2025 (one more voided), 1 in 2024.
    for day, void in [
        (datetime.date(2025, 3, 1), False),
        (datetime.date(2025, 9, 1), False),
        (datetime.date(2025, 9, 2), True),
        (datetime.date(2024, 5, 1), False),
    ]:
        Disclosure.objects.create(
            title="公开", content="内容", scope="bureau", published_on=day, voided_at=timezone.now() if void else None
        )
    # Awards 2025: 2 members, 1 worker, 1 organisation; 2024: 1 member.
    for year, kind in [(2025, "member"), (2025, "member"), (2025, "worker"), (2025, "organisation"), (2024, "member")]:
        Award.objects.create(
            year=year, kind=kind, recipient="某", awarding_body="市直机关工委", awarded_on=datetime.date(year, 6, 30)
        )
    # Development: applied 2024 → activist 2024 → candidate 2025 → probationary 2025; one applicant 2025.
    Development.objects.create(
        name="甲",
        organ=branch,
        birth_date=datetime.date(1995, 1, 1),
        applied_on=datetime.date(2024, 1, 5),
        activist_on=datetime.date(2024, 3, 1),
        candidate_on=datetime.date(2025, 3, 5),
        vote_on=datetime.date(2025, 9, 1),
        stage="probationary",
    )
    Development.objects.create(
        name="乙", organ=branch, birth_date=datetime.date(1999, 1, 1), applied_on=datetime.date(2025, 4, 5)
    )
    # Care: 3 + 2 households in 2025.
    CareVisit.objects.create(
        visited_on=datetime.date(2025, 1, 20), kind="veteran", recipients="老党员", households=3, amount=D("1500.00")
    )
    CareVisit.objects.create(
        visited_on=datetime.date(2025, 9, 20),
        kind="public_in_need",
        recipients="群众",
        households=2,
        amount=D("1000.00"),
    )
    # Life: 2 committee meetings, 1 general, 1 party day, 1 study held in 2025; a cancelled one.
    life(branch, COMMITTEE_MEETING, at(2025, 1, 8))
    life(branch, COMMITTEE_MEETING, at(2025, 2, 8))
    life(branch, COMMITTEE_MEETING, at(2025, 3, 8), state=MeetingState.CANCELLED)
    life(branch, GENERAL_MEETING, at(2025, 3, 28))
    life(branch, PARTY_DAY, at(2025, 7, 1))
    life(branch, STUDY_SESSION, at(2025, 12, 31, 23, 30))  # Shanghai time: still 2025
    # Integrity: 2 festival notices (12 + 8 copies), 1 inspection, 2 warning education; 2024: 1 notice of 10.
    IntegrityActivity.objects.create(
        kind="festival_notice", held_on=datetime.date(2025, 1, 20), title="春节", copies=12, recipients="各科室"
    )
    IntegrityActivity.objects.create(
        kind="festival_notice", held_on=datetime.date(2025, 9, 20), title="中秋国庆", copies=8, recipients="各科室"
    )
    IntegrityActivity.objects.create(kind="inspection", held_on=datetime.date(2025, 4, 1), title="检查", findings="无")
    IntegrityActivity.objects.create(kind="warning_education", held_on=datetime.date(2025, 5, 1), title="警示")
    IntegrityActivity.objects.create(kind="warning_education", held_on=datetime.date(2025, 6, 1), title="警示")
    IntegrityActivity.objects.create(
        kind="festival_notice", held_on=datetime.date(2024, 1, 20), title="春节", copies=10, recipients="各科室"
    )


def test_every_outline_key_is_given_and_only_those(dataset):
    assert sorted(f.key for f in figures(2025)) == sorted(KEYS)


def test_figures_on_a_known_dataset(dataset, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        got = {f.key.removeprefix("partybuilding."): (f.value, f.last_year) for f in figures(2025)}
    assert got["dues_assessed"] == (D("95.01"), D("12.34"))
    assert got["dues_collected"] == (D("40.00"), D("0.00"))
    assert got["disclosures"] == (2, 1)
    assert got["awards_members"] == (2, 1)
    assert got["awards_workers"] == (1, 0)
    assert got["awards_branches"] == (1, 0)
    assert got["applicants"] == (1, 1)
    assert got["activists"] == (0, 1)
    assert got["candidates"] == (1, 0)
    assert got["probationary"] == (1, 0)
    assert got["care_visits"] == (5, None)  # care records begin in 2025
    assert got["committee_meetings"] == (2, None)
    assert got["general_meetings"] == (1, None)
    assert got["party_days"] == (1, None)
    assert got["study_sessions"] == (1, None)
    assert got["expert_lectures"] == (0, None)
    assert got["integrity_notices"] == (20, 10)
    assert got["integrity_inspections"] == (1, 0)
    assert got["warning_education"] == (2, 0)


def test_a_year_before_the_records_begin_gives_none_not_zero(dataset):
    got = {f.key: f.value for f in figures(2023)}
    assert set(got.values()) == {None}


def test_query_count_does_not_grow_with_records(dataset, django_assert_num_queries):
    figures(2025)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        figures(2025)
    branch = OrganFactory(name="第二党支部")
    for n in range(10):
        life(branch, PARTY_DAY, at(2025, 8, n + 1))
        Disclosure.objects.create(title="公开", content="内容", scope="bureau", published_on=datetime.date(2025, 8, 1))
    with django_assert_num_queries(len(before.captured_queries)):
        figures(2025)
