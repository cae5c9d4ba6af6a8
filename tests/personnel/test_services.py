"""The rules of appointments, titles, assessments, transfers and talks."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from office.models import SupervisedItem
from personnel import services
from personnel.choices import (
    AppointmentKind,
    AppointmentState,
    AssessmentGrade,
    PersonStatus,
    Rank,
    Staffing,
    TitleLevel,
    TransferDirection,
)
from personnel.models import Appointment, Assessment, Person, TransferBatch

from .factories import PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def promote(hr, person, start, end, effective=None, rank=Rank.DEPUTY_CHIEF, **extra):
    return services.appointment_record(
        actor=hr,
        person=person,
        kind=AppointmentKind.PROMOTION,
        rank=rank,
        post="规划科副科长",
        effective_date=effective or end + datetime.timedelta(days=7),
        publicity_start=start,
        publicity_end=end,
        **extra,
    )


def test_publicity_counts_working_days_across_the_national_day_holiday(hr):
    # 2025: 1–8 October off, Saturday 11 October a make-up working day.
    assert services.publicity_working_days(D(2025, 9, 29), D(2025, 10, 9)) == 3
    with pytest.raises(ValidationError) as exc:
        promote(hr, PersonFactory(), D(2025, 9, 29), D(2025, 10, 10))  # 11 calendar days, 4 working days
    message = exc.value.message_dict["publicity_end"][0]
    assert "不少于5个工作日" in message and "只有4个工作日" in message
    assert not Appointment.objects.exists()


def test_publicity_of_exactly_five_working_days_is_accepted(hr):
    appointment = promote(hr, PersonFactory(), D(2025, 9, 29), D(2025, 10, 11))  # ends on the make-up Saturday
    assert appointment.status == AppointmentState.RECORDED
    assert appointment.serial == "2025-001"


def test_promotion_without_publicity_is_refused(hr):
    with pytest.raises(ValidationError) as exc:
        services.appointment_record(
            actor=hr, person=PersonFactory(), kind=AppointmentKind.PROMOTION, rank=Rank.CHIEF, post="科长",
            effective_date=D(2025, 5, 1),
        )  # fmt: skip
    assert "任前公示" in exc.value.message_dict["publicity_start"][0]


def test_effective_date_must_follow_the_publicity(hr):
    with pytest.raises(ValidationError) as exc:
        promote(hr, PersonFactory(), D(2025, 3, 3), D(2025, 3, 10), effective=D(2025, 3, 10))
    assert "effective_date" in exc.value.message_dict


def test_applying_a_promotion_updates_the_person_and_keeps_the_old_post(hr, planning):
    person = PersonFactory(post="一级主任科员", rank=Rank.PRINCIPAL_1)
    appointment = promote(hr, person, D(2025, 3, 3), D(2025, 3, 7), effective=D(2025, 3, 20), department=planning)
    services.appointment_apply(actor=hr, appointment=appointment)
    person.refresh_from_db()
    appointment.refresh_from_db()
    assert (person.post, person.rank, person.department) == ("规划科副科长", Rank.DEPUTY_CHIEF, planning)
    assert (appointment.previous_post, appointment.previous_rank) == ("一级主任科员", Rank.PRINCIPAL_1)
    assert appointment.status == AppointmentState.APPLIED
    history = list(person.history.order_by("history_date"))
    assert history[-2].rank == Rank.PRINCIPAL_1 and history[-1].rank == Rank.DEPUTY_CHIEF
    assert history[-1].history_user == hr and "提拔" in history[-1].history_change_reason


def test_promotion_to_a_leading_post_opens_a_one_year_probation_item_for_hr(hr):
    appointment = promote(hr, PersonFactory(name="钱进"), D(2025, 3, 3), D(2025, 3, 7), effective=D(2025, 3, 20))
    services.appointment_apply(actor=hr, appointment=appointment)
    appointment.refresh_from_db()
    assert appointment.probation_end == D(2026, 3, 20)
    item = SupervisedItem.objects.get()
    assert item.category == "personnel"
    assert item.deadline == D(2026, 3, 20)
    assert item.responsible == hr and item.owner_department == hr.department
    assert "钱进" in item.title and "试用期" in item.title
    assert item.source_id == appointment.pk


def test_promotion_to_a_non_leading_rank_opens_no_probation(hr):
    appointment = promote(hr, PersonFactory(), D(2025, 3, 3), D(2025, 3, 7), rank=Rank.PRINCIPAL_2)
    services.appointment_apply(actor=hr, appointment=appointment)
    appointment.refresh_from_db()
    assert appointment.probation_end is None
    assert not SupervisedItem.objects.exists()


def test_an_applied_appointment_cannot_be_applied_again(hr):
    appointment = promote(hr, PersonFactory(), D(2025, 3, 3), D(2025, 3, 7))
    services.appointment_apply(actor=hr, appointment=appointment)
    with pytest.raises(ValidationError) as exc:
        services.appointment_apply(actor=hr, appointment=appointment)
    assert "已执行" in exc.value.message_dict["status"][0]


def test_removal_clears_the_post(hr):
    person = PersonFactory(post="河湖科科长", rank=Rank.CHIEF)
    appointment = services.appointment_record(
        actor=hr, person=person, kind=AppointmentKind.REMOVAL, effective_date=D(2025, 6, 1), rank=Rank.RESEARCHER_4
    )
    services.appointment_apply(actor=hr, appointment=appointment)
    person.refresh_from_db()
    assert (person.post, person.rank) == ("", Rank.RESEARCHER_4)


def test_voiding_a_recorded_appointment_keeps_it(hr):
    appointment = promote(hr, PersonFactory(), D(2025, 3, 3), D(2025, 3, 7))
    services.appointment_void(actor=hr, appointment=appointment, reason="人选调整")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentState.VOIDED and appointment.void_reason == "人选调整"


def test_a_leader_may_not_record_an_appointment(leader):
    with pytest.raises(PermissionDenied):
        promote(leader, PersonFactory(), D(2025, 3, 3), D(2025, 3, 7))
    assert not Appointment.objects.exists()


def test_passed_title_review_becomes_the_persons_title(hr):
    person = PersonFactory()
    services.title_review_record(actor=hr, person=person, series="工程", title="工程师", level=TitleLevel.INTERMEDIATE,
                                 year=2024, passed=True)  # fmt: skip
    services.title_review_record(actor=hr, person=person, series="工程", title="高级工程师", level=TitleLevel.ASSOCIATE,
                                 year=2025, passed=False)  # fmt: skip
    person.refresh_from_db()
    assert (person.title, person.title_level) == ("工程师", TitleLevel.INTERMEDIATE)


def enrolled_round(hr, n, staffing=Staffing.ADMINISTRATIVE):
    people = [PersonFactory(staffing=staffing) for _ in range(n)]
    return services.assessment_round_open(actor=hr, year=2025, persons=people), people


def test_excellent_share_of_exactly_twenty_percent_is_allowed_and_warned(hr):
    assessment_round, people = enrolled_round(hr, 10)
    quota = services.assessment_grades_record(
        actor=hr, assessment_round=assessment_round,
        grades={people[0].pk: AssessmentGrade.EXCELLENT, people[1].pk: AssessmentGrade.EXCELLENT},
    )  # fmt: skip
    assert (quota.excellent, quota.cap, quota.near) == (2, 2, True)
    assert "还可评0人" in quota.message


def test_one_excellent_over_twenty_percent_is_refused_and_nothing_is_written(hr):
    assessment_round, people = enrolled_round(hr, 10)
    services.assessment_grades_record(
        actor=hr, assessment_round=assessment_round,
        grades={people[0].pk: AssessmentGrade.EXCELLENT, people[1].pk: AssessmentGrade.EXCELLENT},
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.assessment_grades_record(
            actor=hr, assessment_round=assessment_round,
            grades={people[2].pk: AssessmentGrade.EXCELLENT, people[3].pk: AssessmentGrade.COMPETENT},
        )  # fmt: skip
    assert "优秀最多2人" in exc.value.message_dict["grade"][0]
    assert Assessment.objects.filter(grade=AssessmentGrade.EXCELLENT).count() == 2
    assert not Assessment.objects.filter(grade=AssessmentGrade.COMPETENT).exists()


def test_warning_comes_one_place_before_the_cap(hr):
    assessment_round, people = enrolled_round(hr, 10)
    quota = services.assessment_quota(assessment_round)
    assert (quota.cap, quota.near) == (2, False)
    quota = services.assessment_grades_record(
        actor=hr, assessment_round=assessment_round, grades={people[0].pk: AssessmentGrade.EXCELLENT}
    )
    assert quota.near and "还可评1人" in quota.message


@override_settings(PERSONNEL_EXCELLENT_SHARE="0.15")
def test_excellent_share_is_a_setting(hr):
    assessment_round, people = enrolled_round(hr, 10)  # 15% of 10 = 1
    with pytest.raises(ValidationError):
        services.assessment_grades_record(
            actor=hr, assessment_round=assessment_round,
            grades={people[0].pk: AssessmentGrade.EXCELLENT, people[1].pk: AssessmentGrade.EXCELLENT},
        )  # fmt: skip


def test_grades_follow_the_staffing(hr):
    assessment_round, people = enrolled_round(hr, 2, staffing=Staffing.INSTITUTION)
    with pytest.raises(ValidationError) as exc:
        services.assessment_grades_record(
            actor=hr, assessment_round=assessment_round, grades={people[0].pk: AssessmentGrade.COMPETENT}
        )
    assert "称职" in exc.value.message_dict["grade"][0]
    services.assessment_grades_record(
        actor=hr, assessment_round=assessment_round,
        grades={people[0].pk: AssessmentGrade.QUALIFIED, people[1].pk: AssessmentGrade.UNGRADED},
    )  # fmt: skip


def test_transfer_out_takes_people_off_the_roster(hr):
    people = [PersonFactory(), PersonFactory()]
    batch = services.transfer_record(actor=hr, direction=TransferDirection.OUT, other_body="市水务集团",
                                     date=D(2025, 4, 1), persons=people)  # fmt: skip
    assert batch.persons.count() == 2
    assert set(Person.objects.values_list("status", flat=True)) == {PersonStatus.TRANSFERRED_OUT}
    assert TransferBatch.objects.count() == 1


def test_a_talk_with_oneself_is_refused(hr):
    person = PersonFactory()
    with pytest.raises(ValidationError) as exc:
        services.talk_record(actor=hr, talker=person, talkee=person, kind="heart_to_heart", date=D(2025, 5, 1))
    assert "talkee" in exc.value.message_dict


def test_the_talk_rhythm_names_the_section_chiefs_not_talked_with_this_quarter(hr, office_dept, planning, other_dept):
    from personnel.selectors import talks_behind

    director = PersonFactory(name="办公室主任", department=office_dept, rank=Rank.CHIEF)
    talked = PersonFactory(name="已谈科长", department=planning, rank=Rank.CHIEF)
    PersonFactory(name="未谈科长", department=other_dept, rank=Rank.CHIEF)
    PersonFactory(name="科员", department=planning, rank=Rank.STAFF_1)
    services.talk_record(actor=hr, talker=director, talkee=talked, kind="heart_to_heart", date=D(2025, 6, 30))
    assert [p.name for p in talks_behind(today=D(2025, 7, 15))["behind"]] == ["已谈科长", "未谈科长"]
    services.talk_record(actor=hr, talker=director, talkee=talked, kind="heart_to_heart", date=D(2025, 7, 1))
    result = talks_behind(today=D(2025, 7, 15))
    assert result["since"] == D(2025, 7, 1) and [p.name for p in result["behind"]] == ["未谈科长"]
