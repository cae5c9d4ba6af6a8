"""The Party affairs API: personas, bad input → 400 naming the field in Chinese, state checked."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from partybuilding import services
from partybuilding.models import Development, DuesAssessment, DuesPayment, DuesRateTable, Member
from tests.partybuilding.factories import MemberFactory, OrganFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/partybuilding/"


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def branch(db):
    return OrganFactory(name="第一党支部")


@pytest.fixture
def member(branch):
    return MemberFactory(organ=branch, name="张三", entered_base=Decimal("4000.00"))


def test_anonymous_gets_401(member):
    assert api().get(f"{BASE}members/").status_code == 401
    assert api().get(f"{BASE}members/{member.pk}/").status_code == 401


@pytest.mark.parametrize("persona", ["handler", "clerk", "hr", "outsider"])
def test_other_roles_are_refused_the_lists_and_see_no_record(request, persona, member):
    user = request.getfixturevalue(persona)
    assert api(user).get(f"{BASE}members/").status_code == 403
    assert api(user).get(f"{BASE}members/{member.pk}/").status_code == 404
    assert api(user).post(f"{BASE}members/{member.pk}/transfer-out/", {}, format="json").status_code == 404


def test_leader_sees_but_may_not_act(leader, member):
    response = api(leader).get(f"{BASE}members/")
    assert response.status_code == 200 and response.json()["results"][0]["name"] == "张三"
    # The base is pay: masked for the leader.
    assert response.json()["results"][0]["entered_base"] != "4000.00"
    assert response.json()["results"][0]["actions"] == []
    response = api(leader).post(
        f"{BASE}members/{member.pk}/transfer-out/",
        {"on": "2025-01-01", "other_organisation": "某局"},
        format="json",
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.status == "active"


def test_party_officer_registers_a_member_and_bad_input_names_the_field(party, branch):
    response = api(party).post(
        f"{BASE}members/",
        {"name": "李四", "organ": branch.pk, "kind": "full", "joined_on": "2020-07-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "转正日期" in str(response.json())
    assert not Member.objects.filter(name="李四").exists()
    response = api(party).post(
        f"{BASE}members/",
        {
            "name": "李四",
            "organ": branch.pk,
            "kind": "full",
            "joined_on": "2020-07-01",
            "full_on": "2021-07-01",
            "entered_base": "3500.00",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    created = Member.objects.get(name="李四")
    assert response.json()["entered_base"] == "3500.00"
    assert created.history.first().history_user == party


def test_assess_and_pay_through_the_api(party, member):
    response = api(party).post(f"{BASE}dues/assessments/assess/", {"year": 2025, "month": 1}, format="json")
    assert response.status_code == 200 and response.json()["created"] == 1
    response = api(party).post(f"{BASE}dues/assessments/assess/", {"year": 2025, "month": 13}, format="json")
    assert response.status_code == 400 and "month" in response.json()
    response = api(party).post(
        f"{BASE}dues/payments/",
        {"member": member.pk, "months": ["2025-01-01"], "paid_on": "2025-01-20", "method": "cash", "amount": "39.99"},
        format="json",
    )
    assert response.status_code == 400 and "缴纳金额" in response.json()["amount"][0]
    response = api(party).post(
        f"{BASE}dues/payments/",
        {"member": member.pk, "months": ["2025-01-01"], "paid_on": "2025-01-20", "method": "cash"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["amount"] == "40.00" and response.json()["months"] == ["2025-01"]
    payment = DuesPayment.objects.get()
    totals = api(party).get(f"{BASE}dues/assessments/totals/?year=2025").json()
    assert totals == {"assessed": "40.00", "collected": "40.00", "arrears": "0.00"}
    response = api(party).post(f"{BASE}dues/payments/{payment.pk}/void/", {"reason": ""}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    response = api(party).post(f"{BASE}dues/payments/{payment.pk}/void/", {"reason": "重复录入"}, format="json")
    assert response.status_code == 200 and response.json()["is_voided"] is True


def test_only_the_administrator_adds_a_rate_table(party, administrator):
    body = {
        "effective_from": "2026-01-01",
        "bands": [
            {"category": "staff", "upper": "3000", "rate": "0.5"},
            {"category": "staff", "upper": None, "rate": "1"},
            {"category": "retired", "upper": None, "rate": "0.5"},
        ],
    }
    assert api(party).post(f"{BASE}dues/rates/", body, format="json").status_code == 403
    response = api(administrator).post(f"{BASE}dues/rates/", body, format="json")
    assert response.status_code == 201, response.json()
    assert DuesRateTable.objects.filter(effective_from=datetime.date(2026, 1, 1)).get().bands.count() == 3
    body["effective_from"] = "2026-01-15"
    response = api(administrator).post(f"{BASE}dues/rates/", body, format="json")
    assert response.status_code == 400 and "1日" in response.json()["effective_from"][0]


def test_development_step_refused_with_the_rule(party, branch):
    response = api(party).post(
        f"{BASE}developments/",
        {"name": "小王", "organ": branch.pk, "birth_date": "1999-01-01", "applied_on": "2024-03-15"},
        format="json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    assert set(response.json()["actions"]) == {"talk", "make_activist", "remove"}
    response = api(party).post(
        f"{BASE}developments/{pk}/talk/", {"talk_on": "2024-04-16", "talk_by": "书记"}, format="json"
    )
    assert response.status_code == 400 and "一个月内" in response.json()["talk_on"][0]
    assert Development.objects.get(pk=pk).talk_on is None
    response = api(party).post(
        f"{BASE}developments/{pk}/talk/", {"talk_on": "2024-04-15", "talk_by": "书记"}, format="json"
    )
    assert response.status_code == 200 and response.json()["talk_on"] == "2024-04-15"


def test_records_created_and_voided(party):
    response = api(party).post(
        f"{BASE}disclosures/",
        {"title": "党费公示", "content": "内容", "scope": "bureau", "published_on": "2025-03-01"},
        format="json",
    )
    assert response.status_code == 201
    response = api(party).post(
        f"{BASE}integrity/", {"kind": "festival_notice", "held_on": "2025-01-10", "title": "廉洁过节"}, format="json"
    )
    assert response.status_code == 400 and "份数" in response.json()["copies"][0]
    response = api(party).post(
        f"{BASE}care-visits/",
        {"visited_on": "2025-01-10", "kind": "veteran", "recipients": "老党员", "households": 3, "amount": "300.00"},
        format="json",
    )
    assert response.status_code == 201 and response.json()["amount"] == "300.00"
    pk = response.json()["id"]
    response = api(party).post(f"{BASE}care-visits/{pk}/void/", {"reason": "录错"}, format="json")
    assert response.status_code == 200 and response.json()["is_voided"] is True


def test_rhythm_and_flagged_endpoints(party, leader, handler, member):
    assert api(handler).get(f"{BASE}life/rhythm/").status_code == 403
    rows = api(leader).get(f"{BASE}life/rhythm/").json()
    assert any(row["organ_name"] == "第一党支部" and row["type"] == "支委会" for row in rows)
    for month in range(1, 7):
        services.dues_assess_month(actor=party, year=2025, month=month)
    assert DuesAssessment.objects.count() == 6
    assert api(leader).get(f"{BASE}dues/assessments/flagged/").status_code == 200


def test_the_api_list_costs_the_same_for_2_and_20_members(party, branch, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    MemberFactory.create_batch(2, organ=branch)
    client = api(party)
    client.get(f"{BASE}members/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"{BASE}members/")
    MemberFactory.create_batch(18, organ=branch)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(f"{BASE}members/")
    assert response.json()["count"] == 20


def test_transfer_in_creates_the_member_with_its_transfer(party, leader, branch):
    body = {
        "name": "赵六",
        "organ": branch.pk,
        "on": "2025-03-01",
        "other_organisation": "市水文局机关党委",
        "letter_number": "（2025）12号",
        "kind": "full",
        "joined_on": "2012-07-01",
        "full_on": "2013-07-01",
        "dues_category": "staff",
        "entered_base": "6000.00",
    }
    assert api(leader).post(f"{BASE}members/transfer-in/", body, format="json").status_code == 403
    response = api(party).post(f"{BASE}members/transfer-in/", {**body, "other_organisation": ""}, format="json")
    assert response.status_code == 400 and "other_organisation" in response.json()
    assert not Member.objects.filter(name="赵六").exists()
    response = api(party).post(f"{BASE}members/transfer-in/", body, format="json")
    assert response.status_code == 201, response.json()
    member = Member.objects.get(name="赵六")
    transfer = member.transfers.get()
    assert (transfer.direction, transfer.on, transfer.other_organisation) == (
        "in",
        datetime.date(2025, 3, 1),
        "市水文局机关党委",
    )
