"""The personnel API: masking per role, the read log, services' errors as 400 naming the field,
403 for who may see but not act, 404 for what one may not see."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from office.masking import mask_id_number
from personnel.choices import AppointmentKind, Rank
from personnel.idnumbers import with_check_digit
from personnel.models import Appointment, Person, SalaryChange, SensitiveRead

from .factories import PersonFactory, SalaryChangeFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/personnel/"


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def subject(handler):
    person = PersonFactory(name="李承办", user=handler, phone="13912345678")
    SalaryChangeFactory(person=person, duty_pay=Decimal("1234.00"))
    return person


def test_anonymous_gets_401():
    assert api().get(BASE + "people/").status_code == 401


@pytest.mark.parametrize(("persona", "full"), [("hr", True), ("handler", True), ("leader", False),
                                               ("administrator", False)])  # fmt: skip
def test_person_detail_masks_for_everyone_but_hr_and_the_person(request, subject, persona, full):
    data = api(request.getfixturevalue(persona)).get(f"{BASE}people/{subject.pk}/").json()
    if full:
        assert (data["citizen_id"], data["phone"], data["birth_date"]) == (subject.citizen_id, "13912345678",
                                                                          "1985-06-15")  # fmt: skip
    else:
        assert data["citizen_id"] == mask_id_number(subject.citizen_id)
        assert (data["phone"], data["birth_date"]) == ("139****5678", "1985年")


@pytest.mark.parametrize("persona", ["clerk", "other_handler", "outsider"])
def test_another_persons_record_is_404(request, subject, persona):
    assert api(request.getfixturevalue(persona)).get(f"{BASE}people/{subject.pk}/").status_code == 404


def test_salary_records_hr_read_is_logged_and_the_owners_is_not(hr, handler, leader, subject):
    change = subject.salary_changes.get()
    mine = api(handler).get(f"{BASE}salary-changes/{change.pk}/").json()
    assert mine["base"] == "5534.00"
    assert not SensitiveRead.objects.exists()
    data = api(hr).get(f"{BASE}salary-changes/").json()
    assert data["results"][0]["base"] == "5534.00"
    read = api(hr).get(f"{BASE}salary-changes/{change.pk}/")
    assert read.status_code == 200
    assert list(SensitiveRead.objects.values_list("viewer", "person", "via")) == [(hr.pk, subject.pk, "api")] * 2
    assert api(leader).get(f"{BASE}salary-changes/{change.pk}/").status_code == 404


def test_salary_base_for_a_month(hr, leader, subject):
    response = api(hr).get(f"{BASE}people/{subject.pk}/salary-base/?year=2025&month=3")
    assert response.json()["base"] == "5534.00"
    assert api(hr).get(f"{BASE}people/{subject.pk}/salary-base/?year=2024&month=3").json()["base"] is None
    assert api(leader).get(f"{BASE}people/{subject.pk}/salary-base/?year=2025&month=3").status_code == 403


def test_hr_creates_a_person_and_a_bad_id_is_a_400_naming_the_field(hr):
    body = {"name": "新同志", "sex": "female", "birth_date": "1995-04-03", "staffing": "administrative",
            "citizen_id": with_check_digit("32010219950403001")[:17] + "0"}  # fmt: skip
    if body["citizen_id"] == with_check_digit("32010219950403001"):
        body["citizen_id"] = body["citizen_id"][:17] + "1"
    response = api(hr).post(f"{BASE}people/", body, format="json")
    assert response.status_code == 400 and "校验码" in response.json()["citizen_id"][0]
    body["citizen_id"] = with_check_digit("32010219950403001")
    response = api(hr).post(f"{BASE}people/", body, format="json")
    assert response.status_code == 201
    assert Person.objects.get().history.get().history_user == hr


def test_a_leader_may_not_create_a_person(leader):
    body = {"name": "新同志", "sex": "female", "birth_date": "1995-04-03", "staffing": "administrative",
            "citizen_id": with_check_digit("32010219950403001")}  # fmt: skip
    assert api(leader).post(f"{BASE}people/", body, format="json").status_code == 403
    assert not Person.objects.exists()


def test_short_publicity_is_a_400_and_apply_opens_probation(hr):
    person = PersonFactory()
    body = {"person": person.pk, "kind": AppointmentKind.PROMOTION, "rank": Rank.CHIEF, "post": "规划科科长",
            "effective_date": "2025-10-20", "publicity_start": "2025-09-29", "publicity_end": "2025-10-09"}  # fmt: skip
    response = api(hr).post(f"{BASE}appointments/", body, format="json")
    assert response.status_code == 400 and "不少于5个工作日" in response.json()["publicity_end"][0]
    assert not Appointment.objects.exists()
    body["publicity_end"] = "2025-10-11"
    created = api(hr).post(f"{BASE}appointments/", body, format="json").json()
    assert created["actions"] == ["apply", "void"]
    applied = api(hr).post(f"{BASE}appointments/{created['id']}/apply/").json()
    assert applied["status"] == "applied" and applied["probation_end"] == "2026-10-20"


def test_a_leader_sees_appointments_but_may_not_apply(hr, leader):
    person = PersonFactory()
    from personnel import services

    appointment = services.appointment_record(actor=hr, person=person, kind=AppointmentKind.LATERAL, rank=Rank.CHIEF,
                                              post="科长", effective_date=datetime.date(2025, 5, 1))  # fmt: skip
    assert api(leader).get(f"{BASE}appointments/{appointment.pk}/").json()["actions"] == []
    assert api(leader).post(f"{BASE}appointments/{appointment.pk}/apply/").status_code == 403


def test_salary_change_with_a_missing_component_is_a_400(hr, subject):
    body = {"person": subject.pk, "effective_month": "2025-07-01", "reason": "grade", "duty_pay": "1500"}
    response = api(hr).post(f"{BASE}salary-changes/", body, format="json")
    assert response.status_code == 400 and "级别工资" in response.json()["grade_pay"][0]
    assert SalaryChange.objects.count() == 1
    body.update(grade_pay="2000", allowance="2600")
    assert api(hr).post(f"{BASE}salary-changes/", body, format="json").status_code == 201


def test_hr_corrects_a_record_and_post_changes_only_through_appointments(hr, leader, subject):
    response = api(hr).patch(f"{BASE}people/{subject.pk}/", {"phone": "13800001111"}, format="json")
    assert response.status_code == 200 and response.json()["phone"] == "13800001111"
    assert subject.history.latest().history_user == hr
    response = api(hr).patch(f"{BASE}people/{subject.pk}/", {"post": "科长"}, format="json")
    assert response.status_code == 400 and "任免" in response.json()["post"][0]
    assert api(leader).patch(f"{BASE}people/{subject.pk}/", {"phone": "13800002222"}, format="json").status_code == 403
    subject.refresh_from_db()
    assert (subject.phone, subject.post) == ("13800001111", "")


def test_grades_through_the_api_warn_at_the_cap_and_refuse_past_it(hr):
    from personnel import services

    people = [PersonFactory() for _ in range(5)]
    assessment_round = services.assessment_round_open(actor=hr, year=2025, persons=people)
    url = f"{BASE}assessments/{assessment_round.pk}/grades/"
    response = api(hr).post(url, {"grades": [{"person": people[0].pk, "grade": "excellent"}]}, format="json")
    assert response.status_code == 200 and "还可评0人" in response.json()["quota_warning"]
    response = api(hr).post(url, {"grades": [{"person": people[1].pk, "grade": "excellent"}]}, format="json")
    assert response.status_code == 400 and "优秀最多1人" in response.json()["grade"][0]


def test_hr_opens_and_closes_an_assessment_round_through_the_api(hr, leader):
    from personnel.models import AssessmentRound

    person = PersonFactory()
    assert api(leader).post(f"{BASE}assessments/", {"year": 2025}, format="json").status_code == 403
    response = api(hr).post(f"{BASE}assessments/", {"year": 2025}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert person.pk in [row["person"] for row in body["assessments"]]
    again = api(hr).post(f"{BASE}assessments/", {"year": 2025}, format="json")
    assert again.status_code == 400 and "已建立" in again.json()["year"][0]
    closing = api(hr).post(f"{BASE}assessments/{body['id']}/close/")
    assert closing.status_code == 400 and "未评定" in closing.json()["round"][0]
    assert not AssessmentRound.objects.get(pk=body["id"]).closed


def test_hr_records_a_transfer_batch_through_the_api(hr, leader):
    out = [PersonFactory(), PersonFactory()]
    payload = {"direction": "out", "other_body": "市水务集团", "date": "2025-06-30", "persons": [p.pk for p in out]}
    assert api(leader).post(f"{BASE}transfers/", payload, format="json").status_code == 403
    assert api(hr).post(f"{BASE}transfers/", {**payload, "other_body": ""}, format="json").status_code == 400
    response = api(hr).post(f"{BASE}transfers/", payload, format="json")
    assert response.status_code == 201, response.json()
    for person in out:
        person.refresh_from_db()
        assert person.status == "transferred_out"
    assert len(api(hr).get(f"{BASE}transfers/").json()["results"]) == 1
