"""Pages: who sees what (masking per role), the read log, the query counts, the actions."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from office.masking import mask_id_number
from personnel.choices import AppointmentKind, AppointmentState, Rank
from personnel.models import Appointment, Person, SensitiveRead

from .factories import AppointmentFactory, PersonFactory, SalaryChangeFactory

pytestmark = pytest.mark.django_db
WRONG = {c: ("1" if c == "0" else "0") for c in "0123456789X"}


@pytest.fixture
def subject(handler, planning):
    """The handler's own staff record, with a salary."""
    person = PersonFactory(name="李承办", user=handler, department=planning, phone="13912345678")
    SalaryChangeFactory(person=person, duty_pay=Decimal("1234.00"), grade_pay=Decimal("1000.00"),
                        allowance=Decimal("2000.00"))  # fmt: skip
    return person


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


class TestPersonPage:
    @pytest.mark.parametrize("persona", ["hr", "handler"])
    def test_hr_and_the_person_see_personal_data_and_salary(self, client, request, subject, persona):
        html = page(client, request.getfixturevalue(persona), reverse("personnel:person_detail", args=[subject.pk]))
        body = html.content.decode()
        assert html.status_code == 200
        assert subject.citizen_id in body and "13912345678" in body and "1985年6月15日" in body
        assert "4234.00" in body

    @pytest.mark.parametrize("persona", ["leader", "administrator"])
    def test_others_see_masked_values_and_no_salary(self, client, request, subject, persona):
        html = page(client, request.getfixturevalue(persona), reverse("personnel:person_detail", args=[subject.pk]))
        body = html.content.decode()
        assert html.status_code == 200
        assert subject.citizen_id not in body and mask_id_number(subject.citizen_id) in body
        assert "13912345678" not in body and "139****5678" in body
        assert "1985年6月15日" not in body and "1985年" in body
        assert "4234.00" not in body and "薪资变动" not in body

    @pytest.mark.parametrize("persona", ["clerk", "other_handler", "planning_head", "outsider"])
    def test_colleagues_without_the_right_get_404(self, client, request, subject, persona):
        html = page(client, request.getfixturevalue(persona), reverse("personnel:person_detail", args=[subject.pk]))
        assert html.status_code == 404

    def test_anonymous_goes_to_login(self, client, subject):
        response = client.get(reverse("personnel:person_detail", args=[subject.pk]))
        assert response.status_code == 302 and "login" in response["Location"]

    def test_hr_viewing_a_salary_is_recorded_and_the_owner_is_not(self, client, hr, handler, subject):
        page(client, handler, reverse("personnel:person_detail", args=[subject.pk]))
        assert not SensitiveRead.objects.exists()
        before = datetime.datetime.now(datetime.UTC)
        page(client, hr, reverse("personnel:person_detail", args=[subject.pk]))
        read = SensitiveRead.objects.get()
        assert (read.viewer, read.person, read.via) == (hr, subject, "page")
        assert read.at >= before - datetime.timedelta(seconds=1)

    def test_my_record_leads_to_ones_own_page(self, client, handler, subject):
        response = page(client, handler, reverse("personnel:my_record"))
        assert response["Location"] == reverse("personnel:person_detail", args=[subject.pk])

    def test_the_person_page_costs_the_same_with_a_long_history(self, client, hr, django_assert_max_num_queries):
        def count(n):
            person = PersonFactory()
            for i in range(n):
                AppointmentFactory(person=person, effective_date=datetime.date(2010 + i, 1, 1))
                SalaryChangeFactory(person=person, effective_month=datetime.date(2010 + i, 1, 1))
            client.force_login(hr)
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse("personnel:person_detail", args=[person.pk])).status_code == 200
            return len(ctx)

        assert count(2) == count(12)


class TestRoster:
    def test_roster_masks_for_a_leader_and_not_for_hr(self, client, hr, leader, subject):
        body = page(client, leader, reverse("personnel:person_list")).content.decode()
        assert subject.citizen_id not in body and mask_id_number(subject.citizen_id) in body
        body = page(client, hr, reverse("personnel:person_list")).content.decode()
        assert subject.citizen_id in body

    def test_a_handler_may_not_open_the_roster(self, client, handler):
        assert page(client, handler, reverse("personnel:person_list")).status_code == 403

    def test_filters_by_staffing_and_age_band(self, client, hr):
        today = datetime.date.today()
        PersonFactory(name="年轻人", birth_date=today.replace(year=today.year - 30, day=1), staffing="institution")
        PersonFactory(name="年长者", birth_date=datetime.date(today.year - 58, 1, 1))
        body = page(client, hr, reverse("personnel:person_list") + "?age_band=-35").content.decode()
        assert "年轻人" in body and "年长者" not in body
        body = page(client, hr, reverse("personnel:person_list") + "?age_band=56-").content.decode()
        assert "年长者" in body and "年轻人" not in body
        body = page(client, hr, reverse("personnel:person_list") + "?staffing=institution").content.decode()
        assert "年轻人" in body and "年长者" not in body

    def test_roster_costs_the_same_for_2_and_20_rows(self, client, hr, planning):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(hr)

        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse("personnel:person_list")).status_code == 200
            return len(ctx)

        PersonFactory.create_batch(2, department=planning)
        two = count()
        PersonFactory.create_batch(18, department=planning)
        assert count() == two


class TestCreatePages:
    def test_hr_creates_a_person_and_a_bad_id_stays_on_the_form(self, client, hr):
        client.force_login(hr)
        from personnel.idnumbers import with_check_digit

        valid = with_check_digit("32010219950403001")
        data = {
            "name": "新同志", "sex": "female", "birth_date": "1995-04-03", "citizen_id": valid[:17] + WRONG[valid[17]],
            "ethnicity": "01", "political_status": "13", "staffing": "administrative", "status": "active",
        }  # fmt: skip
        response = client.post(reverse("personnel:person_create"), data)
        assert response.status_code == 400 and "校验码" in response.content.decode()
        assert not Person.objects.exists()
        data["citizen_id"] = valid
        response = client.post(reverse("personnel:person_create"), data)
        person = Person.objects.get()
        assert response["Location"] == reverse("personnel:person_detail", args=[person.pk])
        assert person.history.get().history_user == hr

    def test_a_leader_may_not_open_the_create_page(self, client, leader):
        assert page(client, leader, reverse("personnel:person_create")).status_code == 403

    def test_appointment_refused_for_a_short_publicity_names_the_rule(self, client, hr):
        person = PersonFactory()
        client.force_login(hr)
        response = client.post(reverse("personnel:appointment_create"), {
            "person": person.pk, "kind": AppointmentKind.PROMOTION, "rank": Rank.CHIEF, "post": "科长",
            "effective_date": "2025-10-20", "publicity_start": "2025-09-29", "publicity_end": "2025-10-09",
        })  # fmt: skip
        assert response.status_code == 400
        assert "不少于5个工作日" in response.content.decode()
        assert not Appointment.objects.exists()

    def test_hr_applies_an_appointment_from_its_page(self, client, hr):
        appointment = AppointmentFactory(status=AppointmentState.RECORDED, kind=AppointmentKind.LATERAL,
                                         rank=Rank.CHIEF, post="河湖管理科科长")  # fmt: skip
        client.force_login(hr)
        response = client.post(reverse("personnel:appointment_action", args=[appointment.pk, "apply"]), {})
        assert response.status_code == 302
        appointment.refresh_from_db()
        appointment.person.refresh_from_db()
        assert appointment.status == AppointmentState.APPLIED and appointment.person.post == "河湖管理科科长"

    def test_a_leader_sees_an_appointment_but_may_not_apply_it(self, client, leader):
        appointment = AppointmentFactory(status=AppointmentState.RECORDED)
        assert page(client, leader, reverse("personnel:appointment_detail", args=[appointment.pk])).status_code == 200
        response = client.post(reverse("personnel:appointment_action", args=[appointment.pk, "apply"]), {})
        assert response.status_code == 403
        appointment.refresh_from_db()
        assert appointment.status == AppointmentState.RECORDED

    def test_the_salary_register_is_hrs_and_logs_each_person_seen(self, client, hr, leader, subject):
        other = SalaryChangeFactory().person
        body = page(client, hr, reverse("personnel:salary_list")).content.decode()
        assert "4234.00" in body
        assert set(SensitiveRead.objects.values_list("person", flat=True)) == {subject.pk, other.pk}
        body = page(client, leader, reverse("personnel:salary_list")).content.decode()
        assert "4234.00" not in body


@pytest.mark.parametrize("name", [
    "appointment_list", "salary_list", "recruitment_list", "title_list", "round_list", "transfer_list",
    "expert_list", "talk_list", "read_list",
])  # fmt: skip
def test_every_register_opens_for_hr(client, hr, name):
    assert page(client, hr, reverse(f"personnel:{name}")).status_code == 200


def test_talks_are_not_for_a_department_head(client, planning_head):
    assert page(client, planning_head, reverse("personnel:talk_list")).status_code == 403


def test_hrs_home_page_lists_probations_ending_soon(client, hr):
    from django.utils import timezone

    today = timezone.localdate()
    AppointmentFactory(person=PersonFactory(name="试用者"), kind=AppointmentKind.PROMOTION, rank=Rank.DEPUTY_CHIEF,
                       probation_end=today + datetime.timedelta(days=20))  # fmt: skip
    AppointmentFactory(person=PersonFactory(name="远期者"), kind=AppointmentKind.PROMOTION, rank=Rank.DEPUTY_CHIEF,
                       probation_end=today + datetime.timedelta(days=200))  # fmt: skip
    body = page(client, hr, "/").content.decode()
    assert "试用期将满" in body and "试用者" in body and "远期者" not in body


def test_a_handlers_home_page_has_no_probation_block(client, handler):
    AppointmentFactory(probation_end=datetime.date.today() + datetime.timedelta(days=20))
    body = page(client, handler, "/").content.decode()
    assert "试用期将满" not in body


class TestAssessmentPage:
    def _round(self, hr, n):
        from personnel import services

        people = [PersonFactory() for _ in range(n)]
        return services.assessment_round_open(actor=hr, year=2025, persons=people), people

    def test_grading_to_the_cap_warns_and_past_it_is_refused(self, client, hr):
        assessment_round, people = self._round(hr, 5)  # 20% of 5 = 1
        client.force_login(hr)
        url = reverse("personnel:round_detail", args=[assessment_round.pk])
        response = client.post(url, {f"p{people[0].pk}": "excellent"}, follow=True)
        body = response.content.decode()
        assert "优秀名额将满" in body and "还可评0人" in body
        response = client.post(url, {f"p{people[0].pk}": "excellent", f"p{people[1].pk}": "excellent"})
        assert response.status_code == 400 and "优秀最多1人" in response.content.decode()
        assert [a.grade for a in assessment_round.assessments.order_by("person_id")] == ["excellent", "", "", "", ""]

    def test_a_leader_sees_the_round_but_may_not_grade(self, client, hr, leader):
        assessment_round, people = self._round(hr, 2)
        client.force_login(leader)
        url = reverse("personnel:round_detail", args=[assessment_round.pk])
        assert client.get(url).status_code == 200
        assert client.post(url, {f"p{people[0].pk}": "excellent"}).status_code == 403
        assert not assessment_round.assessments.exclude(grade="").exists()


def test_hr_edits_a_record_and_the_history_says_who(client, hr, planning):
    person = PersonFactory(name="改名前", department=planning)
    client.force_login(hr)
    url = reverse("personnel:person_edit", args=[person.pk])
    form = client.get(url)
    assert form.status_code == 200 and 'name="post"' not in form.content.decode()
    data = {
        "name": "改名后", "sex": person.sex, "birth_date": "1985-06-15", "citizen_id": person.citizen_id,
        "ethnicity": "01", "political_status": "01", "staffing": person.staffing, "department": planning.pk,
        "status": "active", "phone": "13900001111",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.political_status) == ("改名后", "01")
    latest = person.history.latest()
    assert latest.history_user == hr and latest.history_change_reason == "修改档案"


def test_hr_voids_a_salary_record_and_the_base_falls_back(client, hr, leader, subject):
    from personnel.services import salary_base_for_month

    wrong = SalaryChangeFactory(person=subject, effective_month=datetime.date(2025, 6, 1), duty_pay=Decimal("9999"))
    client.force_login(leader)
    assert client.post(reverse("personnel:salary_void", args=[wrong.pk]), {"reason": "录错"}).status_code == 404
    client.force_login(hr)
    response = client.post(reverse("personnel:salary_void", args=[wrong.pk]), {"reason": "录入错误"})
    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.is_voided and wrong.void_reason == "录入错误"
    assert salary_base_for_month(person=subject, year=2025, month=7) == Decimal("4234.00")


def test_appointment_list_costs_the_same_for_2_and_20_rows(client, hr):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(hr)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("personnel:appointment_list")).status_code == 200
        return len(ctx)

    AppointmentFactory.create_batch(2)
    two = count()
    AppointmentFactory.create_batch(18)
    assert count() == two
