"""The documents pages: registers with flat query counts, the to-do list, steps through forms."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents.choices import IncomingStatus, OutgoingStatus
from documents.models import IncomingDocument
from documents.selectors import waiting_documents

from .factories import IncomingFactory, OutgoingFactory

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("documents:incoming_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url_name", ["documents:incoming_list", "documents:outgoing_list"])
def test_register_query_count_is_flat(client, clerk, handler, django_assert_num_queries, url_name, code):
    client.force_login(clerk)
    factory = IncomingFactory if "incoming" in url_name else OutgoingFactory
    extra = {"lead_department": handler.department} if "incoming" in url_name else {"department": handler.department}
    factory.create_batch(2, **extra)
    client.get(reverse(url_name))  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(url_name)).status_code == 200
    factory.create_batch(18, **extra)
    # Session, user, permissions, the capped count, the rows (with their relations joined),
    # navigation: the same with 2 rows and with 20.
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse(url_name))
    assert len(response.context["page"]) == 20


def test_register_filters_and_search(client, clerk, handler):
    client.force_login(clerk)
    IncomingFactory(title="关于水库安全度汛的通知", sender="省水利厅")
    IncomingFactory(
        title="关于河长制考核的函", sender="市河长办", deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = client.get(reverse("documents:incoming_list"), {"q": "度汛"}).context["page"]
    assert [d.title for d in page] == ["关于水库安全度汛的通知"]
    page = client.get(reverse("documents:incoming_list"), {"q": "河长办"}).context["page"]
    assert len(page) == 1
    page = client.get(reverse("documents:incoming_list"), {"overdue": "true"}).context["page"]
    assert [d.title for d in page] == ["关于河长制考核的函"]


def test_export_gives_the_filtered_register_as_excel(client, clerk):
    import io

    from openpyxl import load_workbook

    client.force_login(clerk)
    IncomingFactory(title="关于水库安全度汛的通知")
    IncomingFactory(title="关于河长制考核的函")
    response = client.get(reverse("documents:incoming_export"), {"q": "度汛"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2 and sheet.cell(row=2, column=5).value == "关于水库安全度汛的通知"


def test_the_clerk_registers_through_the_form(client, clerk):
    client.force_login(clerk)
    received = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    data = {
        "sender": "省水利厅",
        "title": "关于开展汛前检查的通知",
        "kind": "notice",
        "classification": "none",
        "urgency": "normal",
        "copies": 2,
        "received_at": received,
        "register": "on",
    }
    response = client.post(reverse("documents:incoming_create"), data)
    doc = IncomingDocument.objects.get()
    assert response.status_code == 302 and doc.serial == 1 and doc.copies == 2


def test_a_bad_form_shows_the_field_error(client, clerk):
    client.force_login(clerk)
    received = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    data = {
        "sender": "省水利厅",
        "title": "x",
        "kind": "notice",
        "classification": "secret",
        "urgency": "normal",
        "copies": 1,
        "received_at": received,
    }
    response = client.post(reverse("documents:incoming_create"), data)
    assert response.status_code == 400
    assert "秘密及以上文件须填写保密期限" in response.content.decode()
    assert not IncomingDocument.objects.exists()


def test_a_handler_may_not_open_the_registration_form(client, handler):
    client.force_login(handler)
    assert client.get(reverse("documents:incoming_create")).status_code == 403


def test_a_step_from_the_wrong_state_shows_the_message(client, clerk):
    client.force_login(clerk)
    doc = IncomingFactory(status=IncomingStatus.DONE)
    response = client.post(reverse("documents:incoming_action", args=[doc.pk, "review"]), {"review-accept": "1"})
    assert response.status_code == 400
    assert "收文当前状态为“已办结”，不能初审。" in response.content.decode()


class TestWaitingDocuments:
    def test_circulations_are_marked_and_overdue_come_first(self, handler, clerk):
        today = timezone.localdate()
        later = IncomingFactory(
            status=IncomingStatus.HANDLING, lead_department=handler.department, deadline=today + datetime.timedelta(9)
        )
        overdue = IncomingFactory(
            status=IncomingStatus.HANDLING, lead_department=handler.department, deadline=today - datetime.timedelta(2)
        )
        reading = IncomingFactory(status=IncomingStatus.CIRCULATING)
        reading.readers.create(reader=handler)
        IncomingFactory(status=IncomingStatus.REGISTERED)  # the office's, not the handler's
        rows = list(waiting_documents(user=handler))
        assert [r.pk for r in rows][0] == overdue.pk
        assert {r.pk for r in rows} == {later.pk, overdue.pk, reading.pk}
        assert next(r for r in rows if r.pk == reading.pk).waiting_as == "传阅中"

    def test_a_read_circulation_no_longer_waits(self, handler):
        reading = IncomingFactory(status=IncomingStatus.CIRCULATING)
        reading.readers.create(reader=handler, read_at=timezone.now())
        assert list(waiting_documents(user=handler)) == []

    def test_the_clerk_waits_on_registered_documents_and_leaders_on_proposed(self, clerk, leader):
        registered = IncomingFactory(status=IncomingStatus.REGISTERED)
        proposed = IncomingFactory(status=IncomingStatus.PROPOSED)
        assert [r.pk for r in waiting_documents(user=clerk)] == [registered.pk]
        assert [r.pk for r in waiting_documents(user=leader)] == [proposed.pk]

    def test_the_todo_page_lists_them(self, client, handler):
        reading = IncomingFactory(status=IncomingStatus.CIRCULATING, title="关于节水宣传周的通知")
        reading.readers.create(reader=handler)
        OutgoingFactory(status=OutgoingStatus.RETURNED, drafter=handler, department=handler.department)
        client.force_login(handler)
        content = client.get(reverse("documents:todo")).content.decode()
        assert "关于节水宣传周的通知" in content and "传阅中" in content and "退回修改" in content


def test_classified_titles_are_hidden_from_people_without_clearance(client, clerk, handler):
    doc = IncomingFactory(
        title="关于某项工作的机密通知",
        classification="confidential",
        secrecy_period="20y",
        status=IncomingStatus.HANDLING,
        lead_department=handler.department,
    )
    client.force_login(handler)
    page = client.get(reverse("documents:incoming_list")).content.decode()
    assert "涉密件" in page and "机密通知" not in page
    assert "机密通知" not in client.get(reverse("documents:incoming_detail", args=[doc.pk])).content.decode()
    # Searching the title does not reveal it either.
    assert len(client.get(reverse("documents:incoming_list"), {"q": "机密通知"}).context["page"]) == 0
    client.force_login(clerk)
    detail = client.get(reverse("documents:incoming_detail", args=[doc.pk])).content.decode()
    assert "关于某项工作的机密通知" in detail and "不得录入或上传" in detail


def test_a_countersigning_department_sees_the_draft(client, handler, other_handler):
    from documents.models import Countersign

    doc = OutgoingFactory(department=handler.department, drafter=handler, status=OutgoingStatus.COUNTERSIGN)
    client.force_login(other_handler)
    assert client.get(reverse("documents:outgoing_detail", args=[doc.pk])).status_code == 404
    Countersign.objects.create(document=doc, department=other_handler.department)
    response = client.get(reverse("documents:outgoing_detail", args=[doc.pk]))
    assert response.status_code == 200 and "countersign" in response.context["actions"]


def test_the_drafter_edits_a_returned_draft(client, handler, other_handler, clerk, leader, code):
    doc = OutgoingFactory(department=handler.department, drafter=handler, status=OutgoingStatus.RETURNED)
    url = reverse("documents:outgoing_edit", args=[doc.pk])
    client.force_login(other_handler)
    assert client.get(url).status_code == 404
    client.force_login(handler)
    data = {
        "title": "修改后的标题",
        "kind": "notice",
        "classification": "none",
        "urgency": "normal",
        "body": "正文",
        "disclosure": "active",
        "reviewer": clerk.pk,
        "signing_leader": leader.pk,
    }
    assert client.post(url, data).status_code == 302
    doc.refresh_from_db()
    assert doc.title == "修改后的标题" and doc.history.first().history_change_reason == "修改文稿"
    doc.status = OutgoingStatus.SIGNING
    doc.save()
    assert client.get(url).status_code == 403


def test_the_register_count_stops_at_the_cap(client, clerk, monkeypatch):
    from documents.pagination import RegisterPaginator

    monkeypatch.setattr(RegisterPaginator, "CAP", 5)
    IncomingFactory.create_batch(7)
    client.force_login(clerk)
    response = client.get(reverse("documents:incoming_list"))
    assert response.context["page"].paginator.count == 5
    assert "符合条件的记录超过 5 条" in response.content.decode()


def test_the_administrator_adds_an_issuing_code_in_the_admin(client, administrator):
    from documents.models import IssuingCode

    client.force_login(administrator)
    response = client.post(
        "/admin/documents/issuingcode/add/",
        {"code": "X水函", "description": "局函", "is_active": "on", "sort_order": 30},
    )
    assert response.status_code == 302
    code = IssuingCode.objects.get(code="X水函")
    assert code.history.first().history_user == administrator
    assert client.get(f"/admin/documents/issuingcode/{code.pk}/delete/").status_code == 403


def test_the_department_filter_finds_what_it_leads_and_co_handles(client, clerk, handler, other_handler):
    from documents.models import Countersign

    mine = IncomingFactory(title="本科室主办", lead_department=handler.department)
    co = IncomingFactory(title="本科室协办", lead_department=other_handler.department)
    co.co_departments.add(handler.department)
    IncomingFactory(title="他科室主办", lead_department=other_handler.department)
    drafted = OutgoingFactory(title="本科室拟稿", department=handler.department)
    signed = OutgoingFactory(title="本科室会签", department=other_handler.department)
    Countersign.objects.create(document=signed, department=handler.department)
    OutgoingFactory(title="他科室拟稿", department=other_handler.department)
    client.force_login(clerk)
    for url, expected in (("documents:incoming_list", {mine, co}), ("documents:outgoing_list", {drafted, signed})):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(url), {"department": handler.department.pk})
        assert {row.title for row in response.context["page"]} == {row.title for row in expected}
        # The other department's keys are an index condition (= ANY), not a subquery checked per row.
        assert any("= ANY(ARRAY(SELECT" in q["sql"] for q in queries.captured_queries)


def test_a_department_s_register_is_estimated_on_its_scope_written_as_index_conditions(client, handler):
    """The rows a department reaches besides those it leads (协办, 传阅, 会签) are `IN (subquery)` for
    the rows, and `= ANY(…)` for the planner's estimate: inside an OR the former is guessed at half
    the table (the register said "约 89万 条" for a department's hundred thousand)."""
    IncomingFactory(kind="request", lead_department=handler.department)
    OutgoingFactory(kind="request", department=handler.department, drafter=handler)
    client.force_login(handler)
    for name in ("documents:incoming_list", "documents:outgoing_list"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name), {"kind": "request"}).status_code == 200
        sql = [q["sql"] for q in queries.captured_queries]
        explain = next(q for q in sql if q.startswith("EXPLAIN"))
        assert "= ANY(ARRAY(SELECT" in explain and " IN (SELECT" not in explain, name
        rows = next(q for q in sql if q.startswith("SELECT") and "ORDER BY" in q and "document\".\"title" in q)
        assert " IN (SELECT" in rows and "= ANY(ARRAY(SELECT" not in rows, name
