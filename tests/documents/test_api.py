"""The documents API: scope per role, one service per action, 400 naming the field."""

import datetime

import pytest
from django.utils import timezone

from documents.choices import IncomingStatus, OutgoingStatus
from documents.models import IncomingDocument, OutgoingDocument

from .conftest import api
from .factories import IncomingFactory, OutgoingFactory

pytestmark = pytest.mark.django_db
INCOMING = "/api/v1/documents/incoming/"
OUTGOING = "/api/v1/documents/outgoing/"


@pytest.fixture
def handling(clerk, handler):
    return IncomingFactory(status=IncomingStatus.HANDLING, lead_department=handler.department, created_by=clerk)


class TestIncomingScope:
    def test_anonymous_gets_401(self):
        assert api().get(INCOMING).status_code == 401

    def test_a_department_lists_only_what_it_handles_cohandles_or_reads(self, clerk, handler, other_handler, handling):
        cohandled = IncomingFactory(status=IncomingStatus.HANDLING, lead_department=other_handler.department)
        cohandled.co_departments.add(handler.department)
        IncomingFactory(status=IncomingStatus.HANDLING, lead_department=other_handler.department)
        read = IncomingFactory(status=IncomingStatus.CIRCULATING)
        read.readers.create(reader=handler)
        ids = {row["id"] for row in api(handler).get(INCOMING).data["results"]}
        assert ids == {handling.pk, cohandled.pk, read.pk}

    @pytest.mark.parametrize("persona", ["clerk", "leader"])
    def test_the_clerk_and_leaders_see_everything(self, request, persona, handling, other_handler):
        IncomingFactory(lead_department=other_handler.department)
        assert api(request.getfixturevalue(persona)).get(INCOMING).data["count"] == 2

    def test_another_department_gets_404(self, handling, other_handler):
        assert api(other_handler).get(f"{INCOMING}{handling.pk}/").status_code == 404
        assert api(other_handler).post(f"{INCOMING}{handling.pk}/complete/", {"opinion": "x"}).status_code == 404

    def test_a_department_that_may_see_but_not_void_gets_403(self, handling, handler):
        response = api(handler).post(f"{INCOMING}{handling.pk}/void/", {"reason": "x"})
        assert response.status_code == 403
        handling.refresh_from_db()
        assert handling.status == IncomingStatus.HANDLING

    def test_the_lead_department_finishes_it(self, handling, handler):
        response = api(handler).post(f"{INCOMING}{handling.pk}/complete/", {"opinion": "已办理完毕"}, format="json")
        assert response.status_code == 200
        assert response.data["status"] == "done"
        handling.refresh_from_db()
        assert handling.history.first().history_user == handler

    def test_classified_titles_are_masked_without_clearance(self, handler, handling):
        handling.classification = "secret"
        handling.secrecy_period = "10y"
        handling.save()
        row = api(handler).get(f"{INCOMING}{handling.pk}/").data
        assert row["title"] == "涉密件" and row["sender_number"] == ""


class TestIncomingSteps:
    def test_the_clerk_registers_and_a_leader_instructs(self, clerk, leader):
        response = api(clerk).post(
            INCOMING, {"sender": "省水利厅", "title": "关于加强水库安全度汛的通知"}, format="json"
        )
        assert response.status_code == 201
        pk = response.data["id"]
        assert response.data["serial_number"] == f"收〔{timezone.localdate().year}〕1号"
        assert api(clerk).post(f"{INCOMING}{pk}/review/", {"accept": True}, format="json").status_code == 200
        assert (
            api(clerk).post(f"{INCOMING}{pk}/propose/", {"opinion": "拟请规划科办理"}, format="json").status_code == 200
        )
        response = api(leader).post(f"{INCOMING}{pk}/instruct/", {"opinion": "同意"}, format="json")
        assert response.status_code == 200 and response.data["status"] == "instructed"
        assert [s["kind"] for s in response.data["steps"]] == ["receive", "register", "review", "propose", "instruct"]

    def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(self, clerk):
        response = api(clerk).post(INCOMING, {"sender": "省水利厅", "title": ""}, format="json")
        assert response.status_code == 400 and "title" in response.data
        response = api(clerk).post(
            INCOMING, {"sender": "省水利厅", "title": "x", "classification": "secret"}, format="json"
        )
        assert response.status_code == 400 and "secrecy_period" in response.data
        assert not IncomingDocument.objects.exists()

    def test_a_step_from_the_wrong_state_is_a_400_with_the_reason(self, clerk, handling):
        response = api(clerk).post(f"{INCOMING}{handling.pk}/review/", {"accept": True}, format="json")
        assert response.status_code == 400
        assert response.data["status"] == ["收文当前状态为“承办中”，不能初审。"]

    def test_a_handler_may_not_register(self, handler):
        assert api(handler).post(INCOMING, {"sender": "a", "title": "b"}, format="json").status_code == 403

    def test_assign_with_a_deadline_opens_supervision(self, clerk, handler):
        doc = IncomingFactory(status=IncomingStatus.INSTRUCTED, created_by=clerk)
        deadline = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
        response = api(clerk).post(
            f"{INCOMING}{doc.pk}/assign/",
            {"lead_department": handler.department.pk, "deadline": deadline},
            format="json",
        )
        assert response.status_code == 200
        from office.models import SupervisedItem

        assert SupervisedItem.objects.filter(source_id=doc.pk, category="document").count() == 1


class TestOutgoing:
    def test_a_handler_drafts_and_the_clerk_cannot_dispatch_without_a_number(self, handler, clerk, leader, code):
        response = api(handler).post(
            OUTGOING,
            {
                "title": "关于报送统计年报的通知",
                "issuing_code": code.pk,
                "reviewer": clerk.pk,
                "signing_leader": leader.pk,
            },
            format="json",
        )
        assert response.status_code == 201 and response.data["reviewer_name"] == clerk.name
        pk = response.data["id"]
        assert api(handler).post(f"{OUTGOING}{pk}/submit/", {}, format="json").status_code == 200
        assert api(handler).post(f"{OUTGOING}{pk}/review/", {}, format="json").status_code == 403
        assert api(clerk).post(f"{OUTGOING}{pk}/review/", {}, format="json").status_code == 200
        assert api(leader).post(f"{OUTGOING}{pk}/sign/", {"opinion": "同意"}, format="json").status_code == 200
        response = api(clerk).post(f"{OUTGOING}{pk}/dispatch/", {"printed_copies": 5}, format="json")
        assert response.status_code == 400 and "document_number" in response.data
        response = api(clerk).post(f"{OUTGOING}{pk}/number/", {}, format="json")
        assert response.data["document_number"] == f"X水发〔{timezone.localdate().year}〕1号"
        response = api(clerk).post(f"{OUTGOING}{pk}/dispatch/", {"printed_copies": 5}, format="json")
        assert response.status_code == 200 and response.data["status"] == "dispatched"

    def test_another_department_does_not_see_a_draft(self, handler, other_handler, code):
        doc = OutgoingFactory(department=handler.department, drafter=handler, issuing_code=code)
        assert api(other_handler).get(f"{OUTGOING}{doc.pk}/").status_code == 404
        assert api(handler).get(f"{OUTGOING}{doc.pk}/").status_code == 200

    def test_the_leader_returns_with_reasons(self, handler, leader, code):
        doc = OutgoingFactory(department=handler.department, drafter=handler, status=OutgoingStatus.SIGNING)
        response = api(leader).post(f"{OUTGOING}{doc.pk}/return/", {"reason": ""}, format="json")
        assert response.status_code == 400 and "reason" in response.data
        response = api(leader).post(f"{OUTGOING}{doc.pk}/return/", {"reason": "请补充依据"}, format="json")
        assert response.status_code == 200
        assert OutgoingDocument.objects.get(pk=doc.pk).status == OutgoingStatus.RETURNED


def test_a_returned_draft_is_edited_through_the_api_and_a_classified_body_refused(handler, code):
    doc = OutgoingFactory(department=handler.department, drafter=handler, status=OutgoingStatus.RETURNED)
    url = f"{OUTGOING}{doc.pk}/edit/"
    response = api(handler).post(url, {"title": "新标题"}, format="json")
    assert response.status_code == 200 and response.data["title"] == "新标题"
    response = api(handler).post(
        url, {"classification": "secret", "secrecy_period": "10y", "body": "内容"}, format="json"
    )
    assert response.status_code == 400 and "body" in response.data
    assert OutgoingDocument.objects.get(pk=doc.pk).classification == "none"


@pytest.mark.parametrize("url", [INCOMING, OUTGOING, "/api/v1/documents/proposals/", "/api/v1/documents/instructions/"])
def test_api_lists_have_flat_query_counts(url, clerk, leader, handler, planning_head, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from documents.services import proposals

    def make(n):
        for i in range(n):
            IncomingFactory(lead_department=handler.department)
            OutgoingFactory(department=handler.department)
            proposals.proposal_register(
                actor=clerk,
                kind="npc",
                number=f"{n}-{i}",
                proposer="代表",
                title="建议",
                lead_department=handler.department,
            )
            proposals.instruction_create(
                actor=leader, text="批示", department=handler.department, deadline=timezone.localdate()
            )

    make(2)
    client = api(clerk)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    make(18)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(client.get(url).data["results"]) == 20


def test_the_api_refuses_a_clerk_choosing_herself_as_reviewer(clerk, leader, code):
    response = api(clerk).post(
        OUTGOING,
        {"title": "关于报送统计年报的通知", "issuing_code": code.pk, "reviewer": clerk.pk, "signing_leader": leader.pk},
        format="json",
    )
    assert response.status_code == 400 and "reviewer" in response.data


class TestNextAction:
    """The detail says which step a client should offer first, as the page does (StepTable.arrange)."""

    def test_after_review_the_clerks_next_step_is_proposing(self, clerk):
        doc = IncomingFactory(status=IncomingStatus.REVIEWED)
        data = api(clerk).get(f"{INCOMING}{doc.pk}/").data
        assert data["next_action"] == "propose"
        assert set(data["actions"]) == {"propose", "assign", "void"}

    def test_a_reviewer_is_offered_review_not_return(self, clerk, handler):
        doc = OutgoingFactory(status=OutgoingStatus.REVIEW, department=handler.department, reviewer=clerk)
        assert api(clerk).get(f"{OUTGOING}{doc.pk}/").data["next_action"] == "review"

    def test_nothing_to_do_is_null(self, handler, handling, other_handler):
        handling.co_departments.add(other_handler.department)
        assert api(other_handler).get(f"{INCOMING}{handling.pk}/").data["next_action"] is None
