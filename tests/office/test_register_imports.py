"""Large register imports run in a worker with their progress (office/services/imports.py):
the page polls with htmx, the result is the rows written or every row's error, a broker outage
is a clear message with nothing left behind; small imports stay in the request."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from documents.models import IncomingDocument
from documents.services import imports as document_imports
from office.models import Notification, RegisterImport
from office.queueing import BROKER_DOWN
from tests.documents.test_import import INCOMING_HEADER, LAST, good_rows, xlsx
from tests.office.test_queueing import broker_down  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def rows(planning, count):
    template = good_rows(planning)[0]
    return [[f"收〔{LAST}〕{n}号", *template[1:]] for n in range(1, count + 1)]


@pytest.fixture
def big(settings):
    settings.IMPORT_INLINE_ROWS = 2


def test_a_small_file_is_imported_in_the_request(client, clerk, planning, big):
    client.force_login(clerk)
    response = client.post(
        reverse("documents:import"), {"register": "incoming", "file": xlsx(INCOMING_HEADER, rows(planning, 2))}
    )
    assert response.status_code == 302 and response["Location"] == reverse("documents:incoming_list")
    assert IncomingDocument.objects.count() == 2 and not RegisterImport.objects.exists()


def test_a_large_file_runs_in_the_worker_and_the_page_shows_progress_then_the_result(
    client, clerk, planning, big, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    upload = xlsx(INCOMING_HEADER, rows(planning, 5))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(reverse("documents:import"), {"register": "incoming", "file": upload})
    job = RegisterImport.objects.get()
    assert response["Location"] == reverse("imports:detail", args=[job.pk])
    assert job.status == RegisterImport.QUEUED and job.rows_total == 5 and not IncomingDocument.objects.exists()
    # While it waits the fragment polls itself every 2 s.
    fragment = client.get(reverse("imports:detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "已检查 0 / 5 行" in fragment and "<html" not in fragment
    for callback in queued:
        callback()  # the worker (tasks run inline in the test settings)
    job.refresh_from_db()
    assert (job.status, job.created, job.rows_done, job.percent) == (RegisterImport.DONE, 5, 5, 100)
    assert IncomingDocument.objects.count() == 5
    fragment = client.get(reverse("imports:detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment and "已导入 5 条记录" in fragment
    assert Notification.objects.get(recipient=clerk).title == "导入收文登记簿：已导入 5 条"


def test_a_large_file_with_errors_lists_them_by_row_and_writes_nothing(
    client, clerk, planning, big, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    data = rows(planning, 4)
    data[2][8] = 10**12
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:import"), {"register": "incoming", "file": xlsx(INCOMING_HEADER, data)})
    job = RegisterImport.objects.get()
    assert job.status == RegisterImport.FAILED
    assert job.errors == ["第4行，份数：不能超过32767（填写的是1000000000000）。"]
    assert not IncomingDocument.objects.exists()
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "文件有 1 处问题，未导入任何记录" in page and "第4行，份数" in page


def test_the_importer_reports_its_progress(clerk, planning, monkeypatch):
    monkeypatch.setattr(document_imports, "PROGRESS_EVERY", 2)
    seen = []
    document_imports.incoming_import(
        actor=clerk,
        upload=xlsx(INCOMING_HEADER, rows(planning, 5)),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(2, 5), (4, 5), (5, 5)]


def test_a_broker_outage_is_a_clear_message_and_leaves_nothing(client, clerk, planning, big, broker_down):  # noqa: F811
    client.force_login(clerk)
    response = client.post(
        reverse("documents:import"), {"register": "incoming", "file": xlsx(INCOMING_HEADER, rows(planning, 5))}
    )
    assert response.status_code == 400 and BROKER_DOWN in response.content.decode()
    assert not RegisterImport.objects.exists()


def test_the_api_answers_202_and_the_job_is_the_requesters_alone(
    clerk, handler, planning, big, django_capture_on_commit_callbacks
):
    api = APIClient()
    api.force_authenticate(clerk)
    upload = xlsx(INCOMING_HEADER, rows(planning, 3))
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/documents/incoming/import/", {"file": upload}, format="multipart")
    assert response.status_code == 202 and response.data["rows_total"] == 3
    status = api.get(response.data["url"])
    assert status.status_code == 200 and status.data["status"] == "done" and status.data["created"] == 3
    other = APIClient()
    other.force_authenticate(handler)
    assert other.get(response.data["url"]).status_code == 404
    client_page = reverse("imports:detail", args=[response.data["id"]])
    from django.test import Client

    browser = Client()
    browser.force_login(handler)
    assert browser.get(client_page).status_code == 404
    # The handler may not import at all: refused before any file is kept.
    assert (
        other.post(
            "/api/v1/documents/incoming/import/", {"file": xlsx(INCOMING_HEADER, rows(planning, 3))}, format="multipart"
        ).status_code
        == 403
    )
    assert RegisterImport.objects.count() == 1
