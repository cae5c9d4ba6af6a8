"""（四）人事 figures on a known dataset."""

import datetime
from decimal import Decimal

import pytest

from personnel.choices import AppointmentKind, AppointmentState, Rank, RecruitmentChannel, TitleLevel
from personnel.models import ExpertTask, Recruitment, TitleReview, TransferBatch
from personnel.summary import figures
from reports.outline import ROWS

from .factories import AppointmentFactory, PersonFactory, SalaryChangeFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def dataset():
    a, b, c, d = PersonFactory(), PersonFactory(), PersonFactory(), PersonFactory()
    applied = AppointmentState.APPLIED
    # 2025: a promoted to 正科 then (same person) lateral is not double-counted as a person.
    AppointmentFactory(person=a, kind=AppointmentKind.PROMOTION, rank=Rank.CHIEF, effective_date=D(2025, 3, 1))
    AppointmentFactory(person=a, kind=AppointmentKind.LATERAL, rank=Rank.CHIEF, effective_date=D(2025, 9, 1))
    AppointmentFactory(person=b, kind=AppointmentKind.PROMOTION, rank=Rank.DEPUTY_CHIEF, effective_date=D(2025, 4, 1))
    AppointmentFactory(person=c, kind=AppointmentKind.LATERAL, rank=Rank.DEPUTY_CHIEF, effective_date=D(2025, 5, 1))
    AppointmentFactory(person=d, kind=AppointmentKind.REAPPOINTMENT, rank=Rank.CHIEF, effective_date=D(2025, 6, 1))
    AppointmentFactory(person=d, kind=AppointmentKind.REMOVAL, rank="", post="", effective_date=D(2025, 12, 31))
    AppointmentFactory(person=b, kind=AppointmentKind.DISMISSAL, rank="", post="", effective_date=D(2025, 7, 1))
    # Not counted: a 职级 promotion, a recorded (not applied) one, a voided one.
    AppointmentFactory(person=c, kind=AppointmentKind.PROMOTION, rank=Rank.PRINCIPAL_1, effective_date=D(2025, 2, 1))
    AppointmentFactory(kind=AppointmentKind.PROMOTION, rank=Rank.CHIEF, status=AppointmentState.RECORDED,
                       effective_date=D(2025, 8, 1))  # fmt: skip
    AppointmentFactory(kind=AppointmentKind.PROMOTION, rank=Rank.CHIEF, status=AppointmentState.VOIDED,
                       effective_date=D(2025, 8, 1))  # fmt: skip
    # 2024: one promotion to 副科.
    AppointmentFactory(kind=AppointmentKind.PROMOTION, rank=Rank.DEPUTY_CHIEF, status=applied,
                       effective_date=D(2024, 5, 1))  # fmt: skip
    Recruitment.objects.create(person=a, channel=RecruitmentChannel.TALENT, date=D(2025, 7, 1))
    Recruitment.objects.create(person=b, channel=RecruitmentChannel.TALENT, date=D(2025, 8, 1))
    Recruitment.objects.create(person=c, channel=RecruitmentChannel.PUBLIC_INSTITUTION, date=D(2025, 9, 1))
    Recruitment.objects.create(person=d, channel=RecruitmentChannel.MILITARY, date=D(2025, 9, 1))
    for person, level, passed in [(a, TitleLevel.SENIOR, True), (b, TitleLevel.ASSOCIATE, True),
                                  (c, TitleLevel.ASSOCIATE, True), (d, TitleLevel.INTERMEDIATE, False)]:  # fmt: skip
        TitleReview.objects.create(person=person, series="工程", level=level, year=2025, passed=passed)
    task = ExpertTask.objects.create(title="灌区节水改造技术指导", place="东山镇", date=D(2025, 6, 3))
    task.experts.set([a, b])
    ExpertTask.objects.create(title="防汛培训", place="西河村", date=D(2025, 5, 3))
    # Salary: first pay records (no figures before) are not adjustments; two real changes in 2025.
    SalaryChangeFactory(person=a, effective_month=D(2020, 1, 1))
    SalaryChangeFactory(person=a, effective_month=D(2025, 1, 1), before_duty_pay=Decimal("1"),
                        before_grade_pay=Decimal("1"), before_allowance=Decimal("1"))  # fmt: skip
    SalaryChangeFactory(person=b, effective_month=D(2025, 10, 1), before_duty_pay=Decimal("1"),
                        before_grade_pay=Decimal("1"), before_allowance=Decimal("1"))  # fmt: skip
    out = TransferBatch.objects.create(direction="out", other_body="市水务集团", date=D(2025, 3, 1))
    out.persons.set([a, b, c])
    back = TransferBatch.objects.create(direction="in", other_body="市水务集团", date=D(2025, 4, 1))
    back.persons.set([d])
    other = TransferBatch.objects.create(direction="in", other_body="市农业农村局", date=D(2025, 4, 1))
    other.persons.set([b])


def by_key(year):
    return {f.key: f for f in figures(year)}


def test_personnel_figures_of_a_known_year(dataset, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        result = by_key(2025)
    values = {key.split(".", 1)[1]: f.value for key, f in result.items()}
    assert values == {
        "cadres_adjusted": 4,
        "promoted_chief": 1,
        "promoted_deputy": 1,
        "lateral_chief": 1,
        "lateral_deputy": 1,
        "reappointed": 1,
        "dismissed": 2,
        "talent_introduced": 2,
        "public_recruitment": 1,
        "expert_tasks": 2,
        "titles_senior": 1,
        "titles_associate": 2,
        "titles_intermediate": 0,
        "titles_junior": 0,
        "salary_adjustments": 2,
        "transfer_units": 2,
        "transfer_persons": 5,
    }
    assert result["personnel.promoted_deputy"].last_year == 1
    assert result["personnel.promoted_chief"].last_year == 0
    assert result["personnel.promoted_chief"].url == "/personnel/appointments/?year=2025&kind=promotion&rank=chief"


def test_a_year_before_the_records_is_missing_not_zero(dataset):
    result = by_key(2023)
    assert all(f.value is None for f in result.values())
    assert by_key(2024)["personnel.transfer_units"].value == 0
    assert by_key(2024)["personnel.promoted_chief"].last_year is None


def test_every_personnel_key_of_the_outline_is_reported(dataset):
    expected = {row.key for row in ROWS if row.app == "personnel"}
    assert set(by_key(2025)) == expected


def test_the_figure_links_show_exactly_the_counted_rows(dataset, client, hr):
    client.force_login(hr)
    url = by_key(2025)["personnel.dismissed"].url
    body = client.get(url).content.decode()
    assert body.count("/personnel/appointments/") >= 2
    from personnel.filters import AppointmentFilter
    from personnel.models import Appointment

    qs = AppointmentFilter({"year": 2025, "kind": "ending"}, queryset=Appointment.objects.all()).qs
    assert qs.count() == 2
    qs = AppointmentFilter({"year": 2025, "cadres": "true"}, queryset=Appointment.objects.filter(
        status=AppointmentState.APPLIED)).qs  # fmt: skip
    assert qs.values("person").distinct().count() == 4
