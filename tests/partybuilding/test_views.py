"""The Party affairs pages: personas, actions writing through the services, query counts, Excel."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from partybuilding import services
from partybuilding.models import Award, DuesPayment, Member
from tests.meetings.factories import RoomFactory
from tests.partybuilding.factories import AssessmentFactory, MemberFactory, OrganFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch(db):
    return OrganFactory(name="第一党支部")


@pytest.fixture
def member(branch):
    return MemberFactory(organ=branch, name="张三", entered_base=Decimal("4321.00"))


LISTS = [
    "partybuilding:index",
    "partybuilding:organ_list",
    "partybuilding:member_list",
    "partybuilding:dues_list",
    "partybuilding:dues_statement",
    "partybuilding:dues_flagged",
    "partybuilding:payment_list",
    "partybuilding:life_list",
    "partybuilding:development_list",
]


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("partybuilding:member_list"))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("name", LISTS)
def test_party_officer_and_leader_see_every_page_others_are_refused(client, party, leader, handler, name):
    client.force_login(party)
    assert client.get(reverse(name)).status_code == 200
    client.force_login(leader)
    assert client.get(reverse(name)).status_code == 200
    client.force_login(handler)
    assert client.get(reverse(name)).status_code == 403


def test_a_record_is_404_for_others_and_403_to_act_for_the_leader(client, member, leader, handler):
    client.force_login(handler)
    assert client.get(reverse("partybuilding:member_detail", args=[member.pk])).status_code == 404
    client.force_login(leader)
    page = client.get(reverse("partybuilding:member_detail", args=[member.pk]))
    assert page.status_code == 200 and "4321.00" not in page.text  # the base is masked for the leader
    response = client.post(
        reverse("partybuilding:member_action", args=[member.pk, "transfer_out"]),
        {"transfer_out-on": "2025-01-01", "transfer_out-other_organisation": "某局"},
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.status == "active"


def test_transfer_out_from_the_page(client, party, member):
    client.force_login(party)
    page = client.get(reverse("partybuilding:member_detail", args=[member.pk]))
    assert "4321.00" in page.text and "组织关系转出" in page.text
    url = reverse("partybuilding:member_action", args=[member.pk, "transfer_out"])
    response = client.post(url, {"transfer_out-on": "", "transfer_out-other_organisation": "某局"})
    assert response.status_code == 400
    response = client.post(
        url, {"transfer_out-on": "2025-02-01", "transfer_out-other_organisation": "市财政局机关党委"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "transferred_out" and member.history.first().history_user == party


def test_payment_form_pays_a_run_of_months(client, party, member):
    for month in (1, 2, 3):
        services.dues_assess_month(actor=party, year=2025, month=month)
    client.force_login(party)
    response = client.post(
        reverse("partybuilding:payment_create"),
        {
            "member": member.pk,
            "first_month": "2025-01",
            "last_month": "2025-03",
            "paid_on": "2025-03-28",
            "method": "cash",
            "amount": "",
            "receipt_number": "",
        },
    )
    assert response.status_code == 302
    payment = DuesPayment.objects.get()
    assert payment.amount == Decimal("129.63") and payment.lines.count() == 3  # 43.21 × 3


def test_committee_quorum_refusal_shows_on_the_form(client, party, branch):
    from tests.factories import UserFactory

    users = [UserFactory(username=f"w{n}") for n in range(3)]
    for n, user in enumerate(users):
        services.committee_appoint(
            actor=party,
            organ=branch,
            member=MemberFactory(organ=branch, user=user),
            post=["secretary", "organisation", "publicity"][n],
            start=datetime.date(2024, 1, 1),
        )
    life = services.life_arrange(
        actor=party,
        organ=branch,
        type_code="party_committee",
        title="支委会",
        start=datetime.datetime(2025, 6, 3, 15, tzinfo=datetime.UTC),
        end=datetime.datetime(2025, 6, 3, 16, tzinfo=datetime.UTC),
        room=RoomFactory(),
        attendees=users,
        notify=False,
    )
    client.force_login(party)
    url = reverse("partybuilding:life_action", args=[life.pk, "record_held"])
    response = client.post(url, {"record_held-present": [users[0].pk], "record_held-minutes": "纪要"})
    assert response.status_code == 400 and "应到3人，实到1人" in response.text
    response = client.post(url, {"record_held-present": [users[0].pk, users[1].pk], "record_held-minutes": "纪要"})
    assert response.status_code == 302
    life.meeting.refresh_from_db()
    assert life.meeting.state == "held"


def test_record_create_and_void(client, party, leader):
    client.force_login(party)
    response = client.post(
        reverse("partybuilding:record_create", args=["award"]),
        {
            "year": 2025,
            "kind": "member",
            "recipient": "李四",
            "awarding_body": "市直机关工委",
            "awarded_on": "2025-06-30",
        },
    )
    assert response.status_code == 302
    award = Award.objects.get()
    client.force_login(leader)
    assert (
        client.post(
            reverse("partybuilding:record_action", args=["award", award.pk, "void"]), {"void-reason": "x"}
        ).status_code
        == 403
    )
    client.force_login(party)
    assert (
        client.post(
            reverse("partybuilding:record_action", args=["award", award.pk, "void"]), {"void-reason": "重复"}
        ).status_code
        == 302
    )
    award.refresh_from_db()
    assert award.is_voided


def test_the_administrator_keeps_the_rate_table_on_its_page(client, administrator, party):
    client.force_login(party)
    assert client.get(reverse("partybuilding:rate_create")).status_code == 403
    client.force_login(administrator)
    assert client.get(reverse("partybuilding:rates")).status_code == 200
    response = client.post(
        reverse("partybuilding:rate_create"),
        {
            "effective_from": "2026-01-01",
            "rounding": "ROUND_HALF_UP",
            "quantum": "0.01",
            "flat_amount": "0.20",
            "bands": "在职 3000 0.5\n在职 以上 1\n退休 以上 0.5",
            "note": "",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("partybuilding:rates")).text
    assert "2026年1月1日起执行" in page


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "name",
    [
        "partybuilding:member_list",
        "partybuilding:dues_list",
        "partybuilding:payment_list",
        "partybuilding:dues_statement",
    ],
)
def test_lists_cost_the_same_for_2_and_20_rows(client, party, branch, name, django_assert_num_queries):
    def rows(n):
        for _ in range(n):
            m = MemberFactory(organ=branch)
            a = AssessmentFactory(member=m, month=datetime.date(2025, 1, 1))
            p = DuesPayment.objects.create(
                member=m, paid_on=datetime.date(2025, 1, 9), method="cash", amount=a.amount, created_by=party
            )
            p.lines.create(assessment=a, amount=a.amount)

    client.force_login(party)
    url = reverse(name) + "?year=2025"
    rows(2)
    few = _count(client, url)
    rows(18)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.status_code == 200
    assert response.text.count("2025-01") >= 20 or name in ("partybuilding:member_list", "partybuilding:dues_statement")


def test_life_and_development_lists_cost_the_same_for_2_and_20(client, party, branch, django_assert_num_queries):
    from partybuilding.models import Development

    def devs(n):
        for k in range(n):
            Development.objects.create(
                name=f"申请人{k}",
                organ=branch,
                birth_date=datetime.date(1990, 1, 1),
                applied_on=datetime.date(2025, 1, 1),
            )

    client.force_login(party)
    devs(2)
    few = _count(client, reverse("partybuilding:development_list"))
    devs(18)
    with django_assert_num_queries(few):
        client.get(reverse("partybuilding:development_list"))


def test_yearly_statement_excel_has_the_totals_to_the_fen(client, party, branch):
    a = MemberFactory(organ=branch, name="甲", entered_base=Decimal("3456.78"))
    MemberFactory(organ=branch, name="乙", entered_base=Decimal("2999.99"))
    for month in range(1, 13):
        services.dues_assess_month(actor=party, year=2024, month=month)
    services.dues_pay(
        actor=party, member=a, months=[datetime.date(2024, 1, 1)], paid_on=datetime.date(2024, 1, 5), method="cash"
    )
    client.force_login(party)
    response = client.get(reverse("partybuilding:dues_statement_export") + "?year=2024")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("党组织", "姓名", "核定月数", "核定（元）", "已缴（元）", "欠缴（元）")
    got = {r[1]: r[2:] for r in rows[1:]}
    assert got["甲"] == (12, 414.84, 34.57, 380.27)
    assert got["乙"] == (12, 180, 0, 180)


def test_member_register_excel_is_text_not_formula(client, party, branch):
    MemberFactory(organ=branch, name="=1+1")
    client.force_login(party)
    response = client.get(reverse("partybuilding:member_export"))
    book = load_workbook(io.BytesIO(response.content))
    names = [r[0] for r in book.active.iter_rows(min_row=2, values_only=True)]
    assert names == ["'=1+1"]
    assert Member.objects.count() == 1


def test_statement_pdf_reads_back_with_the_totals(client, party, branch, handler):
    import pdfplumber

    a = MemberFactory(organ=branch, name="甲某", entered_base=Decimal("3456.78"))
    for month in range(1, 13):
        services.dues_assess_month(actor=party, year=2024, month=month)
    services.dues_pay(
        actor=party, member=a, months=[datetime.date(2024, 1, 1)], paid_on=datetime.date(2024, 1, 5), method="cash"
    )
    client.force_login(handler)
    assert client.get(reverse("partybuilding:dues_statement_pdf") + "?year=2024").status_code == 403
    client.force_login(party)
    response = client.get(reverse("partybuilding:dues_statement_pdf") + "?year=2024")
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "2024年度党费收缴统计表" in text
    assert "甲某" in text and "414.84" in text and "34.57" in text and "380.27" in text


def test_life_and_record_lists_cost_the_same_for_2_and_20(client, party, branch, django_assert_num_queries):
    from partybuilding.models import Disclosure, OrganisationalLife
    from tests.meetings.factories import MeetingFactory, at

    def rows(n, start):
        for k in range(n):
            OrganisationalLife.objects.create(meeting=MeetingFactory(start=at(2025, 3, 1 + start + k)), organ=branch)
            Disclosure.objects.create(
                title=f"公开{start + k}", content="内容", scope="bureau", published_on=datetime.date(2025, 3, 1)
            )

    client.force_login(party)
    rows(2, 0)
    life = _count(client, reverse("partybuilding:life_list"))
    records = _count(client, reverse("partybuilding:record_list", args=["disclosure"]))
    rows(18, 2)
    with django_assert_num_queries(life):
        assert "测试会议" in client.get(reverse("partybuilding:life_list")).text
    with django_assert_num_queries(records):
        assert "公开19" in client.get(reverse("partybuilding:record_list", args=["disclosure"])).text


def test_the_home_page_shows_the_leader_a_branch_behind_its_rhythm(client, leader, handler, branch):
    client.force_login(leader)
    page = client.get("/").text
    assert "党建提醒" in page and "第一党支部" in page
    client.force_login(handler)
    assert "党建提醒" not in client.get("/").text


def test_organ_page_appoints_ends_and_records_an_election(client, party, leader, branch, member):
    client.force_login(leader)
    url = reverse("partybuilding:organ_action", args=[branch.pk, "committee"])
    assert (
        client.post(
            url, {"committee-member": member.pk, "committee-post": "secretary", "committee-start": "2024-01-01"}
        ).status_code
        == 403
    )
    client.force_login(party)
    assert (
        client.post(
            url, {"committee-member": member.pk, "committee-post": "secretary", "committee-start": "2024-01-01"}
        ).status_code
        == 302
    )
    post = branch.committee.get()
    end_url = reverse("partybuilding:organ_action", args=[branch.pk, "committee_end"])
    response = client.post(end_url, {"committee_end-post": post.pk, "committee_end-end": "2023-12-31"})
    assert response.status_code == 400 and "离任日期不能早于任职日期" in response.text
    assert client.post(end_url, {"committee_end-post": post.pk, "committee_end-end": "2025-06-30"}).status_code == 302
    post.refresh_from_db()
    assert post.end == datetime.date(2025, 6, 30)
    term_url = reverse("partybuilding:organ_action", args=[branch.pk, "term"])
    assert client.post(term_url, {"term-term_start": "2025-07-01", "term-term_years": 3}).status_code == 302
    branch.refresh_from_db()
    assert branch.term_end == datetime.date(2028, 6, 30)


def test_member_edit_changes_branch_and_base_and_the_next_assessment_follows(client, party, leader, branch, member):
    other = OrganFactory(name="第二党支部")
    url = reverse("partybuilding:member_edit", args=[member.pk])
    client.force_login(leader)
    assert client.get(url).status_code == 403
    client.force_login(party)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"organ": other.pk, "dues_category": "retired", "entered_base": "5000.01", "note": "退休"}
    )
    assert response.status_code == 302
    services.dues_assess_month(actor=party, year=2025, month=1)
    row = member.assessments.get()
    assert (row.organ, row.category, row.amount) == (other, "retired", Decimal("50.00"))
