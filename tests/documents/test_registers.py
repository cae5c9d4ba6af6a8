"""Proposals, instructions, the archive list and publicity: pages and API, scope per role."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents.choices import OutgoingStatus
from documents.models import ArchiveItem, Instruction, Proposal, PublicityItem
from documents.services import archive as archive_services
from documents.services import proposals as services

from .conftest import api
from .factories import IncomingFactory, OutgoingFactory

pytestmark = pytest.mark.django_db


def proposal(clerk, department, n=1):
    return services.proposal_register(
        actor=clerk,
        kind="cppcc",
        number=str(n),
        proposer="李委员",
        title=f"关于节水的提案{n}",
        lead_department=department,
    )


def instruction(leader, department, **kwargs):
    return services.instruction_create(
        actor=leader,
        text="请研究落实。",
        department=department,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        **kwargs,
    )


class TestProposalsApi:
    def test_scope_and_actions(self, clerk, handler, other_handler, planning_head):
        p = proposal(clerk, handler.department)
        url = f"/api/v1/documents/proposals/{p.pk}/"
        assert api().get("/api/v1/documents/proposals/").status_code == 401
        assert api(other_handler).get(url).status_code == 404
        assert api(handler).get("/api/v1/documents/proposals/").data["count"] == 1
        response = api(handler).post(f"{url}reply/", {"reply": "已解决。", "result": "A"}, format="json")
        assert response.status_code == 200 and response.data["status"] == "replied"
        assert api(handler).post(f"{url}rate/", {"satisfaction": "satisfied"}, format="json").status_code == 403
        response = api(clerk).post(f"{url}rate/", {"satisfaction": "satisfied"}, format="json")
        assert response.data["satisfaction"] == "satisfied"

    def test_bad_input_names_the_field(self, clerk, handler):
        response = api(clerk).post(
            "/api/v1/documents/proposals/",
            {"kind": "npc", "number": "", "proposer": "王", "title": "t", "lead_department": handler.department.pk},
            format="json",
        )
        assert response.status_code == 400 and "number" in response.data
        assert not Proposal.objects.exists()


class TestInstructionsApi:
    def test_a_leader_creates_and_the_department_completes(self, leader, handler, other_handler):
        deadline = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
        response = api(leader).post(
            "/api/v1/documents/instructions/",
            {"text": "请抓紧落实。", "department": handler.department.pk, "deadline": deadline},
            format="json",
        )
        assert response.status_code == 201
        url = f"/api/v1/documents/instructions/{response.data['id']}/"
        assert api(other_handler).post(f"{url}complete/", {"note": "x"}, format="json").status_code == 404
        assert api(handler).post(f"{url}complete/", {"note": ""}, format="json").status_code == 400
        assert api(handler).post(f"{url}complete/", {"note": "已落实"}, format="json").status_code == 200
        rates = api(leader).get("/api/v1/documents/instructions/completion/").data
        assert rates[0]["completed"] == 1 and rates[0]["rate"] == 100.0

    def test_a_handler_may_not_create(self, handler):
        response = api(handler).post(
            "/api/v1/documents/instructions/",
            {"text": "x", "department": handler.department.pk, "deadline": "2030-01-01"},
            format="json",
        )
        assert response.status_code == 403
        assert not Instruction.objects.exists()


class TestArchiveAndPublicity:
    def test_the_archive_number_uses_the_department_s_configured_code(self, clerk, handler):
        # 档号 carries the department's configured code, never the internal English code.
        handler.department.archive_code = "GH"
        handler.department.save()
        doc = IncomingFactory(status="done", lead_department=handler.department, year=2026)
        item = archive_services.incoming_archive(actor=clerk, document=doc, retention="Y")
        assert item.archive_number == "X001-WS·2026-Y-GH-0001" and item.org_code == "GH"

    def test_a_finished_incoming_document_is_archived_with_a_da_t_22_number(self, clerk, handler):
        doc = IncomingFactory(status="done", lead_department=handler.department, year=2026)
        response = api(clerk).post(f"/api/v1/documents/incoming/{doc.pk}/archive/", {"retention": "Y"}, format="json")
        assert response.status_code == 200
        item = ArchiveItem.objects.get(incoming=doc)
        assert item.archive_number == "X001-WS·2026-Y-GHK-0001"
        second = IncomingFactory(status="done", lead_department=handler.department, year=2026)
        assert archive_services.incoming_archive(actor=clerk, document=second, retention="Y").piece_number == 2
        response = api(clerk).post(f"/api/v1/documents/incoming/{doc.pk}/archive/", {"retention": "Y"}, format="json")
        assert response.status_code == 400
        listed = api(clerk).get("/api/v1/documents/archive/", {"year": 2026}).data
        assert listed["count"] == 2

    def test_the_archive_list_exports_the_year(self, client, clerk, handler):
        doc = OutgoingFactory(
            status=OutgoingStatus.DISPATCHED,
            department=handler.department,
            number_year=2025,
            document_number="X水发〔2025〕3号",
        )
        archive_services.outgoing_archive(actor=clerk, document=doc, retention="D10")
        client.force_login(clerk)
        page = client.get(reverse("documents:archive_list"), {"year": 2025})
        assert "X001-WS·2025-D10-GHK-0001" in page.content.decode()
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(
            io.BytesIO(client.get(reverse("documents:archive_export"), {"year": 2025}).content)
        ).active
        assert sheet.cell(row=2, column=1).value == "X001-WS·2025-D10-GHK-0001"

    def test_publicity_counts_by_channel(self, clerk, handler):
        for channel in ["website", "website", "wechat"]:
            response = api(clerk).post(
                "/api/v1/documents/publicity/",
                {"channel": channel, "title": "河湖长制工作动态", "department": handler.department.pk},
                format="json",
            )
            assert response.status_code == 201
        item = PublicityItem.objects.filter(channel="website").first()
        api(clerk).post(f"/api/v1/documents/publicity/{item.pk}/void/", {"reason": "重复"}, format="json")
        counts = api(clerk).get("/api/v1/documents/publicity/counts/").data["channels"]
        assert {c["channel"]: c["count"] for c in counts} == {"website": 1, "wechat": 1, "media": 0}
        assert api(handler).post(
            "/api/v1/documents/publicity/", {"channel": "website", "title": "x", "department": 1}, format="json"
        ).status_code in (400, 403)


@pytest.mark.parametrize(
    ("url_name", "make"),
    [
        ("documents:proposal_list", lambda clerk, leader, dept, n: proposal(clerk, dept, n)),
        ("documents:instruction_list", lambda clerk, leader, dept, n: instruction(leader, dept)),
    ],
)
def test_list_pages_have_flat_query_counts(
    client, clerk, leader, handler, planning_head, url_name, make, django_assert_num_queries
):
    client.force_login(clerk)
    for n in range(2):
        make(clerk, leader, handler.department, n)
    client.get(reverse(url_name))
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(url_name)).status_code == 200
    for n in range(2, 20):
        make(clerk, leader, handler.department, n)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse(url_name))
    assert len(response.context["page"]) == 20


def test_the_pages_render_for_the_clerk(client, clerk, leader, handler, planning_head):
    p = proposal(clerk, handler.department)
    i = instruction(leader, handler.department)
    client.force_login(clerk)
    for url in [
        reverse("documents:proposal_detail", args=[p.pk]),
        reverse("documents:instruction_detail", args=[i.pk]),
        reverse("documents:proposal_create"),
        reverse("documents:instruction_create"),
        reverse("documents:publicity_list"),
        reverse("documents:publicity_create"),
    ]:
        assert client.get(url).status_code == 200, url


def test_the_department_answers_a_proposal_through_the_page(client, clerk, handler, planning_head):
    p = proposal(clerk, handler.department)
    client.force_login(handler)
    response = client.post(
        reverse("documents:proposal_action", args=[p.pk, "reply"]), {"reply-reply": "已答复。", "reply-result": "B"}
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == "replied" and p.history.first().history_user == handler


def test_a_handler_may_not_open_the_proposal_form(client, handler):
    client.force_login(handler)
    assert client.get(reverse("documents:proposal_create")).status_code == 403


def test_a_masked_number_cannot_be_recovered_by_searching(client, clerk, handler):
    # The 来文字号 of a 机密 document is masked for a handler without clearance: a search on it
    # must not answer either (else ~200 requests recover it character by character).
    IncomingFactory(
        title="机密来文", sender="省厅", sender_number="省密〔2026〕7号", classification="confidential",
        lead_department=handler.department,
    )
    client.force_login(handler)
    page = client.get(reverse("documents:incoming_list"), {"q": "省密"})
    assert len(page.context["page"]) == 0
    assert len(client.get(reverse("documents:incoming_list"), {"q": "省厅"}).context["page"]) == 1  # shown field
    client.force_login(clerk)
    assert len(client.get(reverse("documents:incoming_list"), {"q": "省密"}).context["page"]) == 1
