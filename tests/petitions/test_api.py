import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from petitions.choices import PetitionStatus
from petitions.models import Petition, Reception
from tests.documents.factories import IncomingFactory

from .factories import days_ago, id_number, person, register

pytestmark = pytest.mark.django_db

ID = id_number(9876)


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def petition(petitions_officer):
    return register(petitions_officer, days_ago(2), petitioners=[person("王五", id_number=ID, phone="13912345678")])


def test_anonymous_gets_401():
    assert api().get("/api/v1/petitions/").status_code in (401, 403)


def test_masking_by_role_in_the_api(petition, petitions_officer, leader, administrator):
    for user, full in ((petitions_officer, True), (leader, True), (administrator, False)):
        data = api(user).get(f"/api/v1/petitions/{petition.pk}/").json()
        assert (data["petitioners"][0]["id_number"] == ID) == full
        if not full:
            assert data["petitioners"][0]["id_number"] == "3201**********9876"
            assert data["petitioners"][0]["phone"] == "139****5678"
    listed = api(administrator).get("/api/v1/petitions/").json()["results"][0]
    assert listed["petitioners"][0]["id_number"] == "3201**********9876"


def test_other_department_gets_404(petition, handler):
    assert api(handler).get(f"/api/v1/petitions/{petition.pk}/").status_code == 404


def test_register_and_accept_through_the_api(petitions_officer):
    response = api(petitions_officer).post(
        "/api/v1/petitions/",
        {
            "channel": "visit",
            "received_on": days_ago(1).isoformat(),
            "persons": 3,
            "title": "反映排涝沟堵塞",
            "content": "雨后积水。",
            "petitioners": [{"name": "赵六", "id_number": id_number(1), "phone": "13900000001"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert "accept" in response.json()["actions"]
    response = api(petitions_officer).post(
        f"/api/v1/petitions/{pk}/accept/", {"on": days_ago(0).isoformat()}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == PetitionStatus.ACCEPTED


def test_bad_input_is_a_400_naming_the_field(petitions_officer):
    response = api(petitions_officer).post(
        "/api/v1/petitions/",
        {"channel": "letter", "received_on": days_ago(0).isoformat(), "title": "x", "content": "y", "petitioners": []},
        format="json",
    )
    assert response.status_code == 400 and "petitioners" in response.json()
    assert "请至少填写一位信访人" in response.json()["petitioners"][0]
    assert not Petition.objects.exists()


def test_step_outside_the_window_is_a_400_with_the_rule(petitions_officer):
    petition = register(petitions_officer, days_ago(16))
    response = api(petitions_officer).post(
        f"/api/v1/petitions/{petition.pk}/accept/", {"on": days_ago(0).isoformat()}, format="json"
    )
    assert response.status_code == 400
    assert "15日内" in response.json()["decided_on"][0]


def test_extension_only_by_a_leader(petitions_officer, leader):
    petition = register(petitions_officer, days_ago(5))
    api(petitions_officer).post(
        f"/api/v1/petitions/{petition.pk}/accept/", {"on": days_ago(0).isoformat()}, format="json"
    )
    url = f"/api/v1/petitions/{petition.pk}/extend/"
    assert api(petitions_officer).post(url, {"days": 10, "reason": "复杂"}, format="json").status_code == 403
    response = api(leader).post(url, {"days": 31, "reason": "复杂"}, format="json")
    assert response.status_code == 400 and "extension_days" in response.json()
    response = api(leader).post(url, {"days": 30, "reason": "复杂"}, format="json")
    assert response.status_code == 200 and response.json()["extension_days"] == 30
    assert api(leader).post(url, {"days": 5, "reason": "再延"}, format="json").status_code == 400


def test_reception_api_refuses_too_many_companions(clerk):
    start = (timezone.localdate() + datetime.timedelta(days=4)).isoformat()
    body = {
        "visiting_unit": "省水利厅",
        "letter_number": "苏水函〔2026〕1号",
        "purpose": "调研",
        "start_date": start,
        "end_date": start,
        "place": "局机关",
        "visitors": [{"name": f"来宾{i}", "post": "处长"} for i in range(10)],
        "has_meals": True,
        "meal_companions": 4,
    }
    response = api(clerk).post("/api/v1/petitions/receptions/", body, format="json")
    assert response.status_code == 400 and "没有公函" in response.json()["letter_document"][0]
    body["letter_document"] = IncomingFactory(sender="省水利厅").pk
    response = api(clerk).post("/api/v1/petitions/receptions/", body, format="json")
    assert response.status_code == 400 and "不得超过3人" in response.json()["meal_companions"][0]
    assert not Reception.objects.exists()
    body["meal_companions"] = 3
    body["items"] = [{"activity": "meal", "cost": "480.50"}, {"activity": "meeting", "cost": "100.25"}]
    response = api(clerk).post("/api/v1/petitions/receptions/", body, format="json")
    assert response.status_code == 201 and response.json()["cost"] == "580.75"
    assert response.json()["actions"] == ["void"]
    pk = response.json()["id"]
    assert api(clerk).post(f"/api/v1/petitions/receptions/{pk}/approve/", {"on": days_ago(0)}).status_code == 403


def test_receptions_hidden_from_a_handler(handler):
    assert api(handler).get("/api/v1/petitions/receptions/").json()["count"] == 0


def test_patrol_api_opens_a_rectification(clerk, handler):
    response = api(clerk).post(
        "/api/v1/petitions/patrols/",
        {"date": days_ago(0), "areas": "车库", "hazard": "灭火器过期", "owner": handler.pk, "deadline": days_ago(-5)},
        format="json",
    )
    assert response.status_code == 201 and response.json()["rectification_status"] == "open"
    pk = response.json()["id"]
    response = api(handler).post(f"/api/v1/petitions/patrols/{pk}/rectify/", {"on": days_ago(0), "note": "已更换"})
    assert response.status_code == 200 and response.json()["rectification_status"] == "done"


def test_duty_api(clerk, leader, handler):
    first = timezone.localdate()
    body = {"first": first, "last": first + datetime.timedelta(days=2), "leaders": [leader.pk], "staff": [handler.pk]}
    assert api(handler).post("/api/v1/petitions/duty/generate/", body, format="json").status_code == 403
    response = api(clerk).post("/api/v1/petitions/duty/generate/", body, format="json")
    assert response.status_code == 201 and len(response.json()) == 3
    days = api(handler).get(f"/api/v1/petitions/duty/?first={first}&last={first}").json()
    assert days[0]["assignments"][0]["role"] == "leader"


def test_duty_swap_and_log_api(clerk, leader, handler, planning_head, other_handler):
    from petitions import services
    from petitions.models import DutyAssignment

    first = timezone.localdate() + datetime.timedelta(days=1)
    services.duty_generate(actor=clerk, first=first, last=first, leaders=[leader], staff=[handler])
    assignment = DutyAssignment.objects.get(person=handler)
    body = {"assignment": assignment.pk, "substitute": planning_head.pk, "reason": "出差"}
    assert api(other_handler).post("/api/v1/petitions/duty/swaps/", body, format="json").status_code == 403
    response = api(handler).post("/api/v1/petitions/duty/swaps/", body, format="json")
    assert response.status_code == 201 and response.json()["status"] == "pending"
    pk = response.json()["id"]
    assert api(handler).post(f"/api/v1/petitions/duty/swaps/{pk}/approve/").status_code == 403
    assert api(other_handler).post(f"/api/v1/petitions/duty/swaps/{pk}/approve/").status_code == 404
    response = api(clerk).post(f"/api/v1/petitions/duty/swaps/{pk}/approve/")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assignment.refresh_from_db()
    assert assignment.person == planning_head

    log = {"date": first, "occurred_at": timezone.now(), "content": "市防指来电"}
    assert api(handler).post("/api/v1/petitions/duty/logs/", log, format="json").status_code == 403
    assert api(planning_head).post("/api/v1/petitions/duty/logs/", log, format="json").status_code == 201
    missing = api(planning_head).post(
        "/api/v1/petitions/duty/logs/", {**log, "date": first + datetime.timedelta(days=9)}
    )
    assert missing.status_code == 400 and "date" in missing.json()
    assert api(planning_head).get("/api/v1/petitions/duty/logs/").json()["count"] == 1
    assert api(other_handler).get("/api/v1/petitions/duty/logs/").json()["count"] == 0
    assert api(leader).get("/api/v1/petitions/duty/logs/").json()["count"] == 1
