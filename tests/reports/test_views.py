"""The pages: who may see and act, the editor's htmx parts, finalising with confirmation, exports."""

import pytest
from django.urls import reverse

from reports import services
from reports.models import Export, ExportStatus, Summary, SummaryState

from .data import YEAR, special_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(clerk, standin_collect):
    special_tasks()
    return services.summary_create(actor=clerk, year=YEAR)


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("reports:list"))
    assert response.status_code == 302 and "/login" in response.url


@pytest.mark.parametrize("persona", ["handler", "planning_head", "hr", "party", "outsider"])
def test_people_outside_the_office_get_403_everywhere(client, request, persona, summary):
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("reports:list"),
        reverse("reports:detail", args=[summary.pk]),
        reverse("reports:preview", args=[summary.pk]),
    ):
        assert client.get(url).status_code == 403
    response = client.post(reverse("reports:section_save", args=[summary.pk, "work_1"]), {"text": "改"})
    assert response.status_code == 403
    assert not summary.sections.get(code="work_1").edited


@pytest.mark.parametrize("persona", ["clerk", "leader", "administrator"])
def test_the_office_leaders_and_administrator_see_the_editor(client, request, persona, summary):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("reports:detail", args=[summary.pk])).content.decode()
    assert "2025年，统筹推进并完成" in page
    # Each number links to the records it counts.
    assert 'href="/documents/incoming/?year=2025"' in page
    # Missing figures are highlighted, never shown as X or 0.
    assert "figure-missing" in page and "接待群众来访" in page
    # The editor's text boxes hold the section's current text.
    assert "2025年共收文612件，比2024年多35件" in page.split('id="text-work_1"', 1)[1].split("</textarea>", 1)[0]


def test_clerk_creates_a_summary_for_a_year(client, clerk, standin_collect):
    client.force_login(clerk)
    response = client.post(reverse("reports:list"), {"year": YEAR})
    summary = Summary.objects.get(year=YEAR)
    assert response.status_code == 302 and response.url == reverse("reports:detail", args=[summary.pk])
    assert summary.history.first().history_user == clerk


def test_creating_a_year_twice_says_so_on_the_form(client, clerk, summary):
    client.force_login(clerk)
    response = client.post(reverse("reports:list"), {"year": YEAR})
    assert response.status_code == 400
    assert "年度：2025年的工作总结已经存在" in response.content.decode()
    assert Summary.objects.count() == 1


def test_list_costs_the_same_queries_for_2_and_20_summaries(client, clerk, django_assert_num_queries, standin_collect):
    client.force_login(clerk)
    for year in (2001, 2002):
        services.summary_create(actor=clerk, year=year)
    client.get(reverse("reports:list"))  # warm the session and permission caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports:list"))
    for year in range(2003, 2021):
        services.summary_create(actor=clerk, year=year)
    with django_assert_num_queries(len(few)):
        response = client.get(reverse("reports:list"))
    assert response.content.decode().count("办公室20") >= 20


def test_htmx_save_returns_the_section_and_keeps_the_edit(client, clerk, summary):
    client.force_login(clerk)
    url = reverse("reports:section_save", args=[summary.pk, "problems"])
    response = client.post(url, {"text": "一是人手不足。\n二是调研不够。"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<p>一是人手不足。</p><p>二是调研不够。</p>" in response.content.decode()
    section = summary.sections.get(code="problems")
    assert section.edited and section.text == "一是人手不足。\n二是调研不够。"
    assert section.history.first().history_user == clerk


def test_live_preview_saves_nothing(client, clerk, summary):
    client.force_login(clerk)
    url = reverse("reports:section_preview", args=[summary.pk, "work_1"])
    response = client.post(url, {"text": "全年共收文612件，比2024年多35件；"}, HTTP_HX_REQUEST="true")
    assert 'class="figure-link" href="/documents/incoming/?year=2025"' in response.content.decode()
    assert not summary.sections.get(code="work_1").edited


def test_a_final_summary_refuses_edits_with_a_message(client, clerk, summary):
    for code in ("problems", "plans"):
        services.section_edit(actor=clerk, section=summary.sections.get(code=code), text_value="有内容。")
    services.summary_finalise(actor=clerk, summary=summary, omitted=services.missing_for(summary))
    client.force_login(clerk)
    url = reverse("reports:section_save", args=[summary.pk, "work_1"])
    response = client.post(url, {"text": "改"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "已定稿" in response.content.decode()
    assert not summary.sections.get(code="work_1").edited


def test_finalising_lists_what_will_be_left_out_and_needs_each_confirmed(client, clerk, summary):
    for code in ("problems", "plans"):
        services.section_edit(actor=clerk, section=summary.sections.get(code=code), text_value="有内容。")
    client.force_login(clerk)
    url = reverse("reports:finalise", args=[summary.pk])
    page = client.get(url).content.decode()
    assert "接待群众来访" in page and "核定党费" in page
    missing = services.missing_for(summary)
    response = client.post(url, {"omitted": missing[:-1]})
    assert response.status_code == 400
    summary.refresh_from_db()
    assert summary.state == SummaryState.DRAFT
    response = client.post(url, {"omitted": missing})
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.state == SummaryState.FINAL and summary.omitted == missing


def test_the_preview_has_the_same_text_as_the_document(client, clerk, summary):
    from reports.document import document_content

    client.force_login(clerk)
    page = client.get(reverse("reports:preview", args=[summary.pk])).content.decode()
    for block in document_content(summary)["blocks"]:
        assert block["text"] in page


def test_export_runs_inline_without_a_broker_and_downloads(
    client, clerk, leader, hr, summary, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:export_create", args=[summary.pk]), {"kind": "docx"})
    assert response.status_code == 302
    export = Export.objects.get()
    assert export.status == ExportStatus.DONE and export.size > 0 and len(export.sha256) == 64
    assert export.snapshot_at == summary.refreshed_at
    url = reverse("reports:export_download", args=[export.pk])
    client.force_login(leader)
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    client.force_login(hr)
    assert client.get(url).status_code == 403
