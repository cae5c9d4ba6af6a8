"""The rules of Party affairs, each at its edge, on PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from meetings.models import Meeting
from office.choices import SupervisionStatus
from office.services.supervision import supervised_items_for_source
from partybuilding import services
from partybuilding.choices import (
    COMMITTEE_MEETING,
    GENERAL_MEETING,
    DuesCategory,
    MemberKind,
    MemberStatus,
    OrganKind,
    Stage,
)
from partybuilding.models import (
    DuesAssessment,
    DuesPayment,
    DuesRateTable,
    Member,
    OrganisationalLife,
)
from partybuilding.selectors import dues_flagged, dues_totals, rhythm_warnings
from tests.factories import UserFactory
from tests.meetings.factories import RoomFactory, at
from tests.partybuilding.factories import MemberFactory, OrganFactory

D = Decimal


@pytest.fixture
def branch(db):
    return OrganFactory(name="机关第一党支部")


@pytest.fixture
def table(db):
    return DuesRateTable.objects.get(effective_from=datetime.date(2008, 4, 1))


# ---------------------------------------------------------------- dues bands

STAFF_EDGES = [
    ("2999.99", "0.5", "15.00"),
    ("3000.00", "0.5", "15.00"),
    ("3000.01", "1.0", "30.00"),
    ("5000.00", "1.0", "50.00"),
    ("5000.01", "1.5", "75.00"),
    ("10000.00", "1.5", "150.00"),
    ("10000.01", "2.0", "200.00"),
]
RETIRED_EDGES = [
    ("2999.99", "0.5", "15.00"),
    ("3000.00", "0.5", "15.00"),
    ("3000.01", "0.5", "15.00"),
    ("5000.00", "0.5", "25.00"),
    ("5000.01", "1.0", "50.00"),
    ("10000.00", "1.0", "100.00"),
    ("10000.01", "1.0", "100.00"),
]


@pytest.mark.parametrize(("base", "rate", "amount"), STAFF_EDGES)
def test_staff_dues_at_every_band_edge(table, base, rate, amount):
    got_rate, got = services.dues_for_base(base=D(base), category=DuesCategory.STAFF, table=table)
    assert (got_rate, got) == (D(rate), D(amount))
    assert isinstance(got, Decimal)


@pytest.mark.parametrize(("base", "rate", "amount"), RETIRED_EDGES)
def test_retired_dues_at_every_band_edge(table, base, rate, amount):
    assert services.dues_for_base(base=D(base), category=DuesCategory.RETIRED, table=table) == (D(rate), D(amount))


def test_students_laid_off_and_dibao_pay_twenty_fen_whatever_the_base(table):
    assert services.dues_for_base(base=None, category=DuesCategory.MINIMAL, table=table) == (None, D("0.20"))
    assert services.dues_for_base(base=D("8000"), category=DuesCategory.MINIMAL, table=table)[1] == D("0.20")


def test_rounding_is_half_up_to_the_fen_by_default(table):
    # 3456.78 × 1% = 34.5678 → 34.57; 4321.50 × 1% = 43.215 → 43.22 (half up, not to even)
    assert services.dues_for_base(base=D("3456.78"), category="staff", table=table)[1] == D("34.57")
    assert services.dues_for_base(base=D("4321.50"), category="staff", table=table)[1] == D("43.22")


def test_a_later_table_with_other_bands_and_rounding_applies_from_its_date(party, administrator, branch):
    later = services.rate_table_save(
        actor=administrator,
        effective_from=datetime.date(2025, 7, 1),
        rounding="ROUND_DOWN",
        quantum=D("0.1"),
        flat_amount=D("0.50"),
        bands=[("staff", D("4000"), D("1")), ("staff", None, D("2")), ("retired", None, D("1"))],
    )
    assert services.rate_table_for(datetime.date(2025, 6, 1)).effective_from == datetime.date(2008, 4, 1)
    assert services.rate_table_for(datetime.date(2025, 7, 1)) == later
    # 4000.00 × 1% = 40.00; 4000.01 × 2% = 80.0002 → 80.0 rounded down to the jiao
    assert services.dues_for_base(base=D("4000.00"), category="staff", table=later)[1] == D("40.00")
    assert services.dues_for_base(base=D("4567.89"), category="staff", table=later)[1] == D("91.30")
    member = MemberFactory(organ=branch, entered_base=D("4567.89"))
    services.dues_assess_month(actor=party, year=2025, month=6)
    services.dues_assess_month(actor=party, year=2025, month=7)
    amounts = dict(DuesAssessment.objects.filter(member=member).values_list("month__month", "amount"))
    assert amounts == {6: D("45.68"), 7: D("91.30")}


def test_only_the_administrator_changes_the_rate_table(party):
    with pytest.raises(PermissionDenied):
        services.rate_table_save(actor=party, effective_from=datetime.date(2025, 1, 1), bands=[])


def test_a_rate_table_without_a_top_band_is_refused(administrator):
    with pytest.raises(ValidationError) as error:
        services.rate_table_save(
            actor=administrator,
            effective_from=datetime.date(2025, 1, 1),
            bands=[("staff", D("3000"), D("0.5")), ("retired", None, D("1"))],
        )
    assert "bands" in error.value.message_dict
    assert not DuesRateTable.objects.filter(effective_from=datetime.date(2025, 1, 1)).exists()


# ---------------------------------------------------------------- assessment, payments, totals


def test_assessment_uses_the_entered_base_and_the_category(party, branch):
    staff = MemberFactory(organ=branch, entered_base=D("5000.01"))
    retired = MemberFactory(organ=branch, dues_category=DuesCategory.RETIRED, entered_base=D("5000.01"))
    student = MemberFactory(organ=branch, dues_category=DuesCategory.MINIMAL, entered_base=None)
    nobase = MemberFactory(organ=branch, entered_base=None, name="无基数")
    result = services.dues_assess_month(actor=party, year=2025, month=3)
    assert result["created"] == 3 and result["missing"] == ["无基数"]
    got = dict(DuesAssessment.objects.values_list("member_id", "amount"))
    assert got == {staff.pk: D("75.00"), retired.pk: D("50.00"), student.pk: D("0.20")}
    assert nobase.pk not in got
    row = DuesAssessment.objects.get(member=staff)
    assert row.history.first().history_user == party


def test_members_are_assessed_only_for_months_they_belong(party, branch):
    MemberFactory(organ=branch, joined_on=datetime.date(2025, 3, 31), kind=MemberKind.PROBATIONARY, full_on=None)
    gone = MemberFactory(organ=branch, joined_on=datetime.date(2000, 1, 1))
    gone.status, gone.left_on = MemberStatus.TRANSFERRED_OUT, datetime.date(2025, 2, 28)
    gone.save()
    assert services.dues_assess_month(actor=party, year=2025, month=2)["created"] == 1
    assert services.dues_assess_month(actor=party, year=2025, month=3)["created"] == 1


def test_a_years_assessed_and_collected_totals_are_exact_to_the_fen(party, branch):
    a = MemberFactory(organ=branch, entered_base=D("3456.78"))  # 34.57 a month
    b = MemberFactory(organ=branch, entered_base=D("2999.99"))  # 15.00
    MemberFactory(organ=branch, dues_category=DuesCategory.MINIMAL, entered_base=None)  # 0.20
    for month in range(1, 13):
        services.dues_assess_month(actor=party, year=2024, month=month)
    services.dues_pay(
        actor=party,
        member=a,
        months=[datetime.date(2024, m, 1) for m in range(1, 4)],
        paid_on=datetime.date(2024, 3, 20),
        method="transfer",
        amount=D("103.71"),
    )
    services.dues_pay(
        actor=party, member=b, months=[datetime.date(2024, 12, 1)], paid_on=datetime.date(2024, 12, 5), method="cash"
    )
    totals = dues_totals(year=2024)
    assert totals["assessed"] == D("597.24")  # (34.57 + 15.00 + 0.20) × 12
    assert totals["collected"] == D("118.71")
    assert totals["arrears"] == D("478.53")


def test_payment_of_several_months_at_once_and_refusals(party, branch):
    member = MemberFactory(organ=branch, entered_base=D("4000"))
    services.dues_assess_month(actor=party, year=2025, month=1)
    services.dues_assess_month(actor=party, year=2025, month=2)
    months = [datetime.date(2025, 1, 1), datetime.date(2025, 2, 1)]
    with pytest.raises(ValidationError) as error:
        services.dues_pay(
            actor=party,
            member=member,
            months=months,
            paid_on=datetime.date(2025, 2, 3),
            method="cash",
            amount=D("79.99"),
        )
    assert "amount" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.dues_pay(
            actor=party,
            member=member,
            months=[datetime.date(2025, 3, 1)],
            paid_on=datetime.date(2025, 2, 3),
            method="cash",
        )
    assert "尚未核定" in error.value.message_dict["months"][0]
    assert not DuesPayment.objects.exists()
    payment = services.dues_pay(
        actor=party, member=member, months=months, paid_on=datetime.date(2025, 2, 3), method="cash"
    )
    assert payment.amount == D("80.00") and payment.lines.count() == 2
    with pytest.raises(ValidationError):
        services.dues_pay(
            actor=party, member=member, months=months[:1], paid_on=datetime.date(2025, 2, 3), method="cash"
        )
    services.dues_payment_void(actor=party, payment=payment, reason="录入错误")
    assert dues_totals(year=2025)["collected"] == D("0.00")
    services.dues_pay(actor=party, member=member, months=months[:1], paid_on=datetime.date(2025, 2, 4), method="cash")


def test_a_paid_month_is_not_reassessed_but_an_unpaid_one_is(party, branch):
    member = MemberFactory(organ=branch, entered_base=D("4000"))
    services.dues_assess_month(actor=party, year=2025, month=1)
    services.dues_assess_month(actor=party, year=2025, month=2)
    services.dues_pay(
        actor=party, member=member, months=[datetime.date(2025, 1, 1)], paid_on=datetime.date(2025, 1, 9), method="cash"
    )
    services.member_update(actor=party, member=member, entered_base=D("6000"))
    result = services.dues_assess_month(actor=party, year=2025, month=1)
    assert result["paid"] == 1
    services.dues_assess_month(actor=party, year=2025, month=2)
    got = dict(DuesAssessment.objects.filter(member=member).values_list("month__month", "amount"))
    assert got == {1: D("40.00"), 2: D("90.00")}


def test_reduction_needs_both_dates_and_then_applies(party, branch):
    member = MemberFactory(organ=branch, entered_base=D("8000"))
    services.dues_assess_month(actor=party, year=2025, month=4)
    base = {
        "actor": party,
        "member": member,
        "kind": "reduce",
        "monthly_amount": D("10.00"),
        "first_month": datetime.date(2025, 4, 1),
        "last_month": datetime.date(2025, 6, 1),
        "reason": "家庭困难",
        "approved_by": "机关党委",
    }
    with pytest.raises(ValidationError) as error:
        services.dues_reduction_record(**base, branch_agreed_on=datetime.date(2025, 4, 2), approved_on=None)
    assert "approved_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.dues_reduction_record(
            **base, branch_agreed_on=datetime.date(2025, 4, 2), approved_on=datetime.date(2025, 4, 1)
        )
    assert "approved_on" in error.value.message_dict
    services.dues_reduction_record(
        **base, branch_agreed_on=datetime.date(2025, 4, 2), approved_on=datetime.date(2025, 4, 8)
    )
    row = DuesAssessment.objects.get(member=member, month=datetime.date(2025, 4, 1))
    assert (row.computed, row.amount) == (D("120.00"), D("10.00"))


def test_six_consecutive_months_unpaid_without_a_reason_are_flagged(party, branch):
    late = MemberFactory(organ=branch, name="欠缴者")
    excused = MemberFactory(organ=branch, name="有原因")
    for month in range(1, 7):
        services.dues_assess_month(actor=party, year=2025, month=month)
    # January to May unpaid on 30 June: five past months (June is still payable), not yet.
    assert dues_flagged(as_of=datetime.date(2025, 6, 30)) == []
    flagged = dues_flagged(as_of=datetime.date(2025, 7, 1))
    assert [(row["member"], row["months"], row["since"]) for row in flagged] == [
        (late, 6, datetime.date(2025, 1, 1)),
        (excused, 6, datetime.date(2025, 1, 1)),
    ]
    services.unpaid_reason_record(
        actor=party,
        member=excused,
        first_month=datetime.date(2025, 3, 1),
        last_month=datetime.date(2025, 3, 1),
        reason="长期住院",
    )
    services.dues_pay(
        actor=party, member=late, months=[datetime.date(2025, 2, 1)], paid_on=datetime.date(2025, 6, 1), method="cash"
    )
    assert dues_flagged(as_of=datetime.date(2025, 7, 1)) == []


def test_flagged_member_is_notified_to_the_branch_secretary(party, branch):
    secretary_user = UserFactory(username="sec")
    secretary = MemberFactory(organ=branch, user=secretary_user)
    services.committee_appoint(
        actor=party, organ=branch, member=secretary, post="secretary", start=datetime.date(2024, 1, 1)
    )
    MemberFactory(organ=branch, name="欠缴者")
    for month in range(1, 7):
        services.dues_assess_month(actor=party, year=2025, month=month)
    services.dues_pay(
        actor=party,
        member=secretary,
        months=[datetime.date(2025, m, 1) for m in range(1, 7)],
        paid_on=datetime.date(2025, 6, 30),
        method="cash",
    )
    assert services.dues_notify_flagged(actor=party, as_of=datetime.date(2025, 7, 1)) == 1
    assert services.dues_notify_flagged(actor=party, as_of=datetime.date(2025, 7, 1)) == 0
    assert secretary_user.notifications.filter(title__contains="欠缴者").count() == 1


def test_only_the_party_officer_assesses(leader, handler):
    with pytest.raises(PermissionDenied):
        services.dues_assess_month(actor=leader, year=2025, month=1)
    with pytest.raises(PermissionDenied):
        services.dues_assess_month(actor=handler, year=2025, month=1)


# ---------------------------------------------------------------- organisation


def test_a_branch_term_opens_its_election_item_due_at_the_term_end(party):
    committee = services.organ_create(
        actor=party, name="机关党委", kind=OrganKind.COMMITTEE, established_on=datetime.date(2010, 1, 1)
    )
    branch = services.organ_create(
        actor=party,
        name="第二党支部",
        kind=OrganKind.BRANCH,
        parent=committee,
        established_on=datetime.date(2012, 1, 1),
        term_start=datetime.date(2023, 5, 10),
    )
    assert branch.term_end == datetime.date(2026, 5, 9)
    item = supervised_items_for_source(branch).get()
    assert (item.category, item.deadline, item.start_date) == (
        "party",
        datetime.date(2026, 5, 9),
        datetime.date(2026, 2, 9),
    )
    services.organ_set_term(actor=party, organ=branch, term_start=datetime.date(2026, 5, 8))
    items = supervised_items_for_source(branch).order_by("id")
    assert [i.status for i in items] == [SupervisionStatus.COMPLETED, SupervisionStatus.OPEN]
    assert items[1].deadline == datetime.date(2029, 5, 7)


def test_a_group_must_sit_under_a_branch(party, branch):
    with pytest.raises(ValidationError) as error:
        services.organ_create(
            actor=party, name="小组", kind=OrganKind.GROUP, parent=None, established_on=datetime.date(2020, 1, 1)
        )
    assert "parent" in error.value.message_dict
    services.organ_create(
        actor=party, name="小组", kind=OrganKind.GROUP, parent=branch, established_on=datetime.date(2020, 1, 1)
    )


def test_transfer_out_ends_dues_and_posts(party, branch):
    member = services.member_create(
        actor=party,
        name="转出者",
        organ=branch,
        joined_on=datetime.date(2001, 7, 1),
        full_on=datetime.date(2002, 7, 1),
        entered_base=D("4000"),
    )
    services.committee_appoint(
        actor=party, organ=branch, member=member, post="publicity", start=datetime.date(2023, 1, 1)
    )
    services.member_transfer_out(
        actor=party, member=member, on=datetime.date(2025, 2, 10), other_organisation="市财政局机关党委"
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.TRANSFERRED_OUT and member.posts.get().end == datetime.date(2025, 2, 10)
    assert services.dues_assess_month(actor=party, year=2025, month=2)["created"] == 1
    assert services.dues_assess_month(actor=party, year=2025, month=3)["created"] == 0


# ---------------------------------------------------------------- organisational life


@pytest.fixture
def committee(party, branch):
    """A committee of five; each member has an account."""
    people = []
    for n, post in enumerate(["secretary", "deputy_secretary", "organisation", "publicity", "discipline"]):
        user = UserFactory(username=f"cm{n}", name=f"委员{n}")
        member = MemberFactory(organ=branch, user=user)
        services.committee_appoint(actor=party, organ=branch, member=member, post=post, start=datetime.date(2024, 1, 1))
        people.append(user)
    return people


def _arrange(party, branch, code, people, when=None):
    when = when or at(2025, 6, 3, 15)
    return services.life_arrange(
        actor=party,
        organ=branch,
        type_code=code,
        title="支委会",
        start=when,
        end=when + datetime.timedelta(hours=1),
        room=RoomFactory(),
        attendees=people,
        notify=False,
    )


def test_committee_meeting_needs_more_than_half_the_committee(party, branch, committee):
    life = _arrange(party, branch, COMMITTEE_MEETING, committee)
    with pytest.raises(ValidationError) as error:
        services.life_record_held(actor=party, life=life, present=committee[:2], minutes="……")
    assert "应到5人，实到2人" in error.value.message_dict["present"][0]
    life.meeting.refresh_from_db()
    assert life.meeting.state == "planned"
    assert not life.meeting.attendances.filter(signed_in_at__isnull=False).exists()
    services.life_record_held(actor=party, life=life, present=committee[:3], minutes="研究发展对象。")
    life.refresh_from_db()
    assert (life.committee_size, life.committee_present, life.meeting.state) == (5, 3, "held")
    assert life.meeting.attendances.filter(signed_in_at__isnull=False).count() == 3
    assert life.meeting.minutes == "研究发展对象。"


def test_committee_quorum_of_four_needs_three(party, branch, committee):
    services.committee_end(
        actor=party, post=branch.committee.get(member__user=committee[4]), end=datetime.date(2025, 1, 1)
    )
    life = _arrange(party, branch, COMMITTEE_MEETING, committee[:4])
    with pytest.raises(ValidationError):
        services.life_record_held(actor=party, life=life, present=committee[:2])
    services.life_record_held(actor=party, life=life, present=committee[:3])


def test_general_meeting_has_no_committee_quorum(party, branch, committee):
    life = services.life_record(
        actor=party,
        organ=branch,
        type_code=GENERAL_MEETING,
        title="党员大会",
        start=at(2025, 6, 3, 15),
        end=at(2025, 6, 3, 16),
        room=RoomFactory(),
        attendees=committee,
        present=committee[:1],
    )
    assert Meeting.objects.get(pk=life.meeting_id).meeting_type.code == GENERAL_MEETING
    assert OrganisationalLife.objects.count() == 1


def test_organisational_life_goes_through_the_meetings_permission(handler, branch):
    with pytest.raises(PermissionDenied):
        _arrange(handler, branch, GENERAL_MEETING, [handler])


def test_rhythm_warnings_name_the_missing_periods(party, branch, committee):
    today = datetime.date(2025, 7, 10)
    when = at(2025, 6, 3, 15)
    services.life_record(
        actor=party,
        organ=branch,
        type_code=COMMITTEE_MEETING,
        title="支委会",
        start=when,
        end=when + datetime.timedelta(hours=1),
        room=RoomFactory(),
        attendees=committee,
        present=committee,
    )
    warnings = {w["code"]: w["missing"] for w in rhythm_warnings(as_of=today) if w["organ"] == branch}
    # June is held; May is not; the quarter rule looks at whole quarters; 党课 at last year.
    assert "2025年6月" not in warnings[COMMITTEE_MEETING]
    assert "2025年5月" in warnings[COMMITTEE_MEETING]
    assert warnings[GENERAL_MEETING][-1] == "2025年第2季度"
    assert warnings["party_lecture"] == ["2024年"]
    services.life_record(
        actor=party,
        organ=branch,
        type_code=GENERAL_MEETING,
        title="党员大会",
        start=at(2025, 4, 3, 15),
        end=at(2025, 4, 3, 16),
        room=RoomFactory(),
        attendees=committee,
        present=committee,
    )
    warnings = {w["code"]: w["missing"] for w in rhythm_warnings(as_of=today) if w["organ"] == branch}
    assert "2025年第2季度" not in warnings[GENERAL_MEETING]


def test_a_new_branch_is_not_behind_for_periods_before_it_existed(party):
    branch = OrganFactory(name="新支部", established_on=datetime.date(2025, 7, 1))
    assert [w for w in rhythm_warnings(as_of=datetime.date(2025, 7, 20)) if w["organ"] == branch] == []
    assert {w["code"] for w in rhythm_warnings(as_of=datetime.date(2025, 8, 2)) if w["organ"] == branch} == {
        COMMITTEE_MEETING,
        "party_day",
    }


# ---------------------------------------------------------------- developing members


@pytest.fixture
def applicant(party, branch):
    return services.development_register(
        actor=party,
        name="小林",
        organ=branch,
        birth_date=datetime.date(1998, 5, 4),
        applied_on=datetime.date(2023, 3, 15),
    )


def test_applicant_must_be_eighteen(party, branch):
    with pytest.raises(ValidationError):
        services.development_register(
            actor=party,
            name="少年",
            organ=branch,
            birth_date=datetime.date(2005, 3, 16),
            applied_on=datetime.date(2023, 3, 15),
        )
    services.development_register(
        actor=party,
        name="青年",
        organ=branch,
        birth_date=datetime.date(2005, 3, 15),
        applied_on=datetime.date(2023, 3, 15),
    )


def test_talk_within_a_month_of_the_application(party, applicant):
    item = supervised_items_for_source(applicant).get()
    assert item.deadline == datetime.date(2023, 4, 15)
    with pytest.raises(ValidationError) as error:
        services.development_record_talk(
            actor=party, development=applicant, talk_on=datetime.date(2023, 4, 16), talk_by="书记"
        )
    assert "一个月内" in error.value.message_dict["talk_on"][0]
    services.development_record_talk(
        actor=party, development=applicant, talk_on=datetime.date(2023, 4, 15), talk_by="书记"
    )
    item.refresh_from_db()
    assert item.status == SupervisionStatus.COMPLETED


def _activist(party, applicant, on=datetime.date(2023, 5, 10)):
    services.development_record_talk(
        actor=party, development=applicant, talk_on=datetime.date(2023, 4, 1), talk_by="书记"
    )
    return services.development_make_activist(actor=party, development=applicant, on=on, contacts="甲、乙")


def test_activist_needs_a_talk_first(party, applicant):
    with pytest.raises(ValidationError) as error:
        services.development_make_activist(
            actor=party, development=applicant, on=datetime.date(2023, 5, 1), contacts="甲"
        )
    assert "talk_on" in error.value.message_dict


def test_candidate_after_a_full_year_as_activist_refused_a_day_short(party, applicant):
    dev = _activist(party, applicant)
    services.development_assess(actor=party, development=dev, assessed_on=datetime.date(2023, 11, 1), text="表现好")
    services.development_assess(actor=party, development=dev, assessed_on=datetime.date(2024, 5, 1), text="表现好")
    with pytest.raises(ValidationError) as error:
        services.development_make_candidate(actor=party, development=dev, on=datetime.date(2024, 5, 9))
    assert "一年以上" in error.value.message_dict["on"][0]
    dev.refresh_from_db()
    assert dev.stage == Stage.ACTIVIST
    services.development_make_candidate(actor=party, development=dev, on=datetime.date(2024, 5, 10))
    dev.refresh_from_db()
    assert dev.stage == Stage.CANDIDATE


def test_candidate_refused_without_an_assessment_every_six_months(party, applicant):
    dev = _activist(party, applicant)
    services.development_assess(actor=party, development=dev, assessed_on=datetime.date(2024, 5, 1), text="表现好")
    with pytest.raises(ValidationError) as error:
        services.development_make_candidate(actor=party, development=dev, on=datetime.date(2024, 5, 10))
    assert "2023年05月10日至2023年11月10日" in error.value.message_dict["on"][0]


def _candidate(party, applicant):
    dev = _activist(party, applicant)
    services.development_assess(actor=party, development=dev, assessed_on=datetime.date(2023, 11, 1), text="好")
    services.development_assess(actor=party, development=dev, assessed_on=datetime.date(2024, 5, 1), text="好")
    return services.development_make_candidate(actor=party, development=dev, on=datetime.date(2024, 5, 10))


@pytest.fixture
def sponsors(branch):
    return [MemberFactory(organ=branch, name="介绍人甲"), MemberFactory(organ=branch, name="介绍人乙")]


def _admit(party, dev, sponsors, **overrides):
    data = {
        "vote_on": datetime.date(2024, 9, 1),
        "political_review_on": datetime.date(2024, 8, 1),
        "sponsors": sponsors,
        "votes_entitled": 10,
        "votes_yes": 6,
        "training_days": 3,
    }
    data.update(overrides)
    return services.development_make_probationary(actor=party, development=dev, **data)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"votes_yes": 5}, "votes_yes"),  # exactly half is not more than half
        ({"training_days": 2, "training_hours": 23}, "training_days"),
        ({"political_review_on": None}, "political_review_on"),
        ({"sponsors": "one"}, "sponsors"),
        ({"sponsors": "probationary"}, "sponsors"),
    ],
)
def test_probationary_refused_without_its_records(party, applicant, sponsors, branch, overrides, field):
    dev = _candidate(party, applicant)
    if overrides.get("sponsors") == "one":
        overrides["sponsors"] = sponsors[:1]
    elif overrides.get("sponsors") == "probationary":
        overrides["sponsors"] = [sponsors[0], MemberFactory(organ=branch, kind=MemberKind.PROBATIONARY, full_on=None)]
    before = Member.objects.count()
    chosen = overrides.pop("sponsors", sponsors)
    with pytest.raises(ValidationError) as error:
        _admit(party, dev, chosen, **overrides)
    assert field in error.value.message_dict
    assert Member.objects.count() == before


@pytest.mark.parametrize(("entitled", "yes"), [(10, 6), (9, 5)])
def test_probationary_allowed_with_more_than_half_and_24_hours(party, applicant, sponsors, entitled, yes):
    dev = _admit(
        party,
        _candidate(party, applicant),
        sponsors,
        votes_entitled=entitled,
        votes_yes=yes,
        training_days=None,
        training_hours=24,
    )
    assert dev.stage == Stage.PROBATIONARY
    assert dev.member.kind == MemberKind.PROBATIONARY and dev.member.joined_on == datetime.date(2024, 9, 1)
    assert supervised_items_for_source(dev).get(status="open").deadline == datetime.date(2025, 9, 1)


def test_full_member_after_one_year_of_probation_refused_a_day_short(party, applicant, sponsors):
    dev = _admit(party, _candidate(party, applicant), sponsors)
    with pytest.raises(ValidationError) as error:
        services.development_make_full(actor=party, development=dev, on=datetime.date(2025, 8, 31))
    assert "预备期未满" in error.value.message_dict["on"][0]
    services.development_make_full(actor=party, development=dev, on=datetime.date(2025, 9, 1))
    dev.member.refresh_from_db()
    assert (dev.member.kind, dev.member.full_on) == (MemberKind.FULL, datetime.date(2025, 9, 1))


@pytest.mark.parametrize(("months", "ok"), [(5, False), (6, True), (12, True), (13, False)])
def test_probation_extension_of_six_to_twelve_months(party, applicant, sponsors, months, ok):
    dev = _admit(party, _candidate(party, applicant), sponsors)
    if not ok:
        with pytest.raises(ValidationError):
            services.development_extend_probation(actor=party, development=dev, months=months, reason="需继续考察")
        return
    services.development_extend_probation(actor=party, development=dev, months=months, reason="需继续考察")
    dev.refresh_from_db()
    end = datetime.date(2025, 9, 1) + relativedelta(months=months)
    if end <= timezone.localdate():
        with pytest.raises(ValidationError):
            services.development_make_full(actor=party, development=dev, on=end - datetime.timedelta(days=1))
        services.development_make_full(actor=party, development=dev, on=end)


def test_a_stage_cannot_be_skipped(party, applicant, sponsors):
    with pytest.raises(PermissionDenied):
        services.development_make_candidate(actor=party, development=applicant, on=datetime.date(2024, 5, 10))


# ---------------------------------------------------------------- the personnel base


def test_a_salary_change_mid_year_moves_the_base_from_that_month(party, hr, branch):
    from tests.personnel.factories import PersonFactory, SalaryChangeFactory

    person = PersonFactory(name="钱工")
    # 1500 + 1800 + 1500 = 4800 from January (1%); 1500 + 1800 + 2000 = 5300 from July (1.5%).
    SalaryChangeFactory(person=person, effective_month=datetime.date(2024, 1, 1), allowance=D("1500.00"))
    SalaryChangeFactory(person=person, effective_month=datetime.date(2024, 7, 1), allowance=D("2000.00"))
    member = services.member_create(
        actor=party,
        name="",
        person=person,
        organ=branch,
        joined_on=datetime.date(2010, 7, 1),
        full_on=datetime.date(2011, 7, 1),
        entered_base=D("9999.00"),
    )
    assert member.name == "钱工"
    services.dues_assess_year(actor=party, year=2024)
    rows = list(
        DuesAssessment.objects.filter(member=member).order_by("month").values_list("base", "base_source", "amount")
    )
    assert rows[5] == (D("4800.00"), "personnel", D("48.00"))
    assert rows[6] == (D("5300.00"), "personnel", D("79.50"))
    assert len(rows) == 12
    assert dues_totals(year=2024)["assessed"] == D("765.00")  # 48 × 6 + 79.50 × 6


def test_a_person_without_salary_records_falls_back_to_the_entered_base(party, branch):
    from tests.personnel.factories import PersonFactory

    person = PersonFactory()
    member = services.member_create(
        actor=party,
        name="",
        person=person,
        organ=branch,
        joined_on=datetime.date(2010, 7, 1),
        full_on=datetime.date(2011, 7, 1),
        entered_base=D("3000.00"),
    )
    services.dues_assess_month(actor=party, year=2024, month=1)
    row = DuesAssessment.objects.get(member=member)
    assert (row.base_source, row.amount) == ("entered", D("15.00"))
    with pytest.raises(ValidationError) as error:
        services.member_create(
            actor=party,
            name="",
            person=person,
            organ=branch,
            joined_on=datetime.date(2010, 7, 1),
            full_on=datetime.date(2011, 7, 1),
        )
    assert "person" in error.value.message_dict
