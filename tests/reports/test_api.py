"""/api/v1/reports/summaries/: list, create, refresh, edit, regenerate, finalise, export, download."""

import pytest
from rest_framework.test import APIClient

from reports import services
from reports.models import Export, Summary

from .data import YEAR, special_tasks

pytestmark = pytest.mark.django_db
BASE = "/api/v1/reports/summaries/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def summary(clerk, standin_collect):
    special_tasks()
    return services.summary_create(actor=clerk, year=YEAR)


def test_anonymous_gets_401(api):
    assert api.get(BASE).status_code == 401


@pytest.mark.parametrize("persona", ["handler", "hr", "outsider"])
def test_people_outside_the_office_get_403(api, request, persona, summary):
    api.force_authenticate(request.getfixturevalue(persona))
    assert api.get(BASE).status_code == 403
    assert api.get(f"{BASE}{summary.pk}/").status_code == 403
    assert api.post(BASE, {"year": YEAR - 1}, format="json").status_code == 403
    assert Summary.objects.count() == 1


def test_create_for_a_year(api, leader, standin_collect):
    api.force_authenticate(leader)
    response = api.post(BASE, {"year": YEAR}, format="json")
    assert response.status_code == 201
    data = response.json()
    assert data["title"] == "滨河市水利局办公室2025年工作总结" and data["state"] == "draft"
    assert {"key": "petitions.visits", "label": "接待群众来访"} in data["missing"]
    work_1 = next(s for s in data["sections"] if s["code"] == "work_1")
    assert "2025年共收文612件，比2024年多35件" in work_1["text"]


def test_bad_year_is_a_400_naming_the_field(api, clerk, summary):
    api.force_authenticate(clerk)
    assert api.post(BASE, {"year": "abc"}, format="json").json().keys() == {"year"}
    response = api.post(BASE, {"year": YEAR}, format="json")
    assert response.status_code == 400 and "已经存在" in response.json()["year"][0]
    assert Summary.objects.count() == 1


def test_edit_survives_refresh_and_regenerate_restores(api, clerk, summary):
    api.force_authenticate(clerk)
    response = api.post(
        f"{BASE}{summary.pk}/edit-section/", {"code": "work_2", "text": "改写的信息宣传。"}, format="json"
    )
    assert response.status_code == 200
    response = api.post(f"{BASE}{summary.pk}/refresh/")
    work_2 = next(s for s in response.json()["sections"] if s["code"] == "work_2")
    assert work_2["text"] == "改写的信息宣传。" and work_2["edited"]
    response = api.post(f"{BASE}{summary.pk}/regenerate-section/", {"code": "work_2"}, format="json")
    work_2 = next(s for s in response.json()["sections"] if s["code"] == "work_2")
    assert not work_2["edited"] and "门户网站" in work_2["text"]


def test_unknown_section_code_is_a_400(api, clerk, summary):
    api.force_authenticate(clerk)
    response = api.post(f"{BASE}{summary.pk}/edit-section/", {"code": "nope", "text": "x"}, format="json")
    assert response.status_code == 400 and "code" in response.json()


def test_finalise_needs_the_omitted_list_then_refuses_edits(api, clerk, summary):
    api.force_authenticate(clerk)
    for code in ("problems", "plans"):
        api.post(f"{BASE}{summary.pk}/edit-section/", {"code": code, "text": "有内容。"}, format="json")
    response = api.post(f"{BASE}{summary.pk}/finalise/", {"omitted": []}, format="json")
    assert response.status_code == 400 and "omitted" in response.json()
    missing = [m["key"] for m in api.get(f"{BASE}{summary.pk}/").json()["missing"]]
    response = api.post(f"{BASE}{summary.pk}/finalise/", {"omitted": missing}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "final"
    response = api.post(f"{BASE}{summary.pk}/edit-section/", {"code": "work_1", "text": "改"}, format="json")
    assert response.status_code == 400 and "已定稿" in response.json()["state"][0]
    response = api.post(f"{BASE}{summary.pk}/new-version/")
    assert response.status_code == 201 and response.json()["version"] == 2


def test_export_and_download(api, clerk, hr, summary, django_capture_on_commit_callbacks):
    api.force_authenticate(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"{BASE}{summary.pk}/export/", {"kind": "pdf"}, format="json")
    assert response.status_code == 202
    export = Export.objects.get()
    listed = api.get(f"{BASE}{summary.pk}/exports/").json()
    assert listed[0]["status"] == "done" and listed[0]["sha256"] == export.sha256
    response = api.get(listed[0]["download_url"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    api.force_authenticate(hr)
    assert api.get(listed[0]["download_url"]).status_code == 403


def test_list_query_count_is_flat(api, clerk, standin_collect, django_assert_num_queries):
    api.force_authenticate(clerk)
    for year in (2001, 2002):
        services.summary_create(actor=clerk, year=year)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        api.get(BASE)
    for year in range(2003, 2021):
        services.summary_create(actor=clerk, year=year)
    with django_assert_num_queries(len(few)):
        response = api.get(BASE)
    assert response.json()["count"] == 20
