"""Reads: who sees what, and the rhythm of Party groups."""

import datetime

import pytest

from partybuilding import selectors, services
from partybuilding.choices import GROUP_MEETING, OrganKind
from tests.factories import UserFactory
from tests.meetings.factories import RoomFactory, at
from tests.partybuilding.factories import MemberFactory, OrganFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("party", True), ("leader", True), ("handler", False), ("hr", False), ("administrator", False)],
)
def test_only_the_party_officer_and_leaders_see_party_records(request, persona, sees):
    MemberFactory()
    user = request.getfixturevalue(persona)
    assert selectors.member_list(user=user).exists() is sees
    assert selectors.assessment_list(user=user).count() == 0
    assert selectors.development_list(user=user).count() == 0


def test_the_administrator_sees_the_rate_table(administrator, handler):
    assert selectors.rate_tables(user=administrator).count() == 1
    assert selectors.rate_tables(user=handler).count() == 0


def test_a_party_group_is_checked_for_its_monthly_meeting(party):
    branch = OrganFactory(name="支部", established_on=datetime.date(2020, 1, 1))
    group = OrganFactory(name="第一党小组", kind=OrganKind.GROUP, established_on=datetime.date(2020, 1, 1))
    group.parent = branch
    group.save()
    users = [UserFactory(username=f"g{n}") for n in range(2)]
    for user in users:
        MemberFactory(organ=branch, user=user)
    services.life_record(
        actor=party,
        organ=group,
        type_code=GROUP_MEETING,
        title="党小组会",
        start=at(2025, 5, 12),
        end=at(2025, 5, 12, 10),
        room=RoomFactory(),
        attendees=users,
        present=users,
    )
    rows = [w for w in selectors.rhythm_warnings(as_of=datetime.date(2025, 7, 3)) if w["organ"] == group]
    assert [(w["code"], w["missing"][-2:]) for w in rows] == [(GROUP_MEETING, ["2025年4月", "2025年6月"])]
    # The branch is not asked for 党小组会 itself.
    assert GROUP_MEETING not in {
        w["code"] for w in selectors.rhythm_warnings(as_of=datetime.date(2025, 7, 3)) if w["organ"] == branch
    }


def test_dues_statement_groups_by_member_in_one_query(party, django_assert_num_queries):
    branch = OrganFactory(name="支部")
    for _ in range(3):
        MemberFactory(organ=branch)
    for month in (1, 2):
        services.dues_assess_month(actor=party, year=2025, month=month)
    with django_assert_num_queries(1):
        rows = list(selectors.dues_statement(user=party, year=2025))
    assert [r["months"] for r in rows] == [2, 2, 2]
