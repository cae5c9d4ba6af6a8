import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from office.choices import SupervisionStatus
from office.models import CalendarDay, CalendarYear, Notification, SupervisedItem
from office.services.supervision import supervised_items_for_source
from office.workdays import add_working_days
from petitions import services
from petitions.choices import PetitionStatus, ReceptionStatus, RectificationStatus, Route, SwapStatus
from petitions.models import DutyAssignment, DutyDay, Petition, Reception
from tests.factories import UserFactory

from .factories import accepted, days_ago, id_number, person, reception, register, replied

pytestmark = pytest.mark.django_db


def open_items(record):
    return list(supervised_items_for_source(record).filter(status=SupervisionStatus.OPEN))


def first_monday_of_march_last_year():
    day = datetime.date(timezone.localdate().year - 1, 3, 1)
    while day.weekday() != 0:
        day += datetime.timedelta(days=1)
    return day


# --- registration, numbering, repeats --------------------------------------------------------


def test_register_numbers_and_opens_the_15_day_clock(petitions_officer):
    petition = register(petitions_officer, days_ago(3))
    second = register(petitions_officer, days_ago(2))
    year = days_ago(3).year
    assert petition.number == f"信〔{year}〕0001号" or petition.year != second.year
    assert petition.status == PetitionStatus.REGISTERED
    [item] = open_items(petition)
    assert item.category == "petition"
    assert item.deadline == days_ago(3) + datetime.timedelta(days=15)
    assert item.responsible == petitions_officer
    assert petition.history.first().history_change_reason == "登记"


def test_register_refused_to_others(clerk, leader):
    for user in (clerk, leader):
        with pytest.raises(PermissionDenied):
            register(user)
    assert not Petition.objects.exists()


def test_group_visit_is_one_batch_of_persons(petitions_officer):
    petition = register(petitions_officer, persons=5)
    assert petition.persons == 5 and petition.petitioners.count() == 1
    with pytest.raises(ValidationError) as error:
        register(petitions_officer, channel="letter", persons=5)
    assert "persons" in error.value.message_dict


def test_repeat_by_id_number_or_name_and_phone(petitions_officer, settings):
    first = register(petitions_officer, days_ago(100), petitioners=[person("李四", id_number=id_number(77))])
    by_id = register(petitions_officer, days_ago(10), petitioners=[person("李肆", id_number=id_number(77), phone="")])
    assert by_id.is_repeat and by_id.repeat_of == first
    by_phone = register(petitions_officer, days_ago(5), petitioners=[person("王五", id_number="", phone="13911112222")])
    assert not by_phone.is_repeat
    again = register(petitions_officer, days_ago(1), petitioners=[person("王五", id_number="", phone="13911112222")])
    assert again.is_repeat and again.repeat_of == by_phone
    other = register(petitions_officer, days_ago(1), petitioners=[person("王五", id_number="", phone="13900009999")])
    assert not other.is_repeat


def test_repeat_window_is_a_setting(petitions_officer, settings):
    register(petitions_officer, days_ago(366), petitioners=[person(id_number=id_number(55))])
    assert not register(petitions_officer, days_ago(0), petitioners=[person(id_number=id_number(55))]).is_repeat
    settings.PETITIONS_REPEAT_WINDOW_DAYS = 400
    assert register(petitions_officer, days_ago(0), petitioners=[person(id_number=id_number(55))]).is_repeat


# --- the 15-day clock ------------------------------------------------------------------------


def test_decision_on_day_15_allowed_and_the_clock_closed(petitions_officer):
    petition = register(petitions_officer, days_ago(15))
    clock = open_items(petition)[0]
    petition = services.petition_accept(actor=petitions_officer, petition=petition, on=days_ago(0))
    clock.refresh_from_db()
    assert clock.status == SupervisionStatus.COMPLETED and clock.completed_on == days_ago(0)
    assert petition.status == PetitionStatus.ACCEPTED and petition.route == Route.ACCEPT
    [handling] = open_items(petition)
    assert handling.deadline == days_ago(0) + datetime.timedelta(days=60)


def test_decision_on_day_16_refused_with_rule_and_date(petitions_officer):
    petition = register(petitions_officer, days_ago(16))
    for step in (
        lambda: services.petition_accept(actor=petitions_officer, petition=petition, on=days_ago(0)),
        lambda: services.petition_transfer(
            actor=petitions_officer, petition=petition, on=days_ago(0), transferred_to="某区水务局"
        ),
    ):
        with pytest.raises(ValidationError) as error:
            step()
        message = error.value.message_dict["decided_on"][0]
        assert "15日内" in message and f"{days_ago(1):%Y年%m月%d日}" in message
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REGISTERED and len(open_items(petition)) == 1


def test_working_day_mode_counts_working_days(petitions_officer, settings):
    settings.PETITIONS_DEADLINE_WORKING_DAYS = True
    CalendarYear.objects.filter(year=first_monday_of_march_last_year().year).delete()
    start = first_monday_of_march_last_year()
    limit = start + datetime.timedelta(days=21)  # 15 working days after a Monday: the fourth Monday
    assert add_working_days(start, 15).date == limit
    petition = register(petitions_officer, start)
    assert open_items(petition)[0].deadline == limit
    with pytest.raises(ValidationError) as error:
        services.petition_accept(actor=petitions_officer, petition=petition, on=limit + datetime.timedelta(days=1))
    assert "15个工作日" in error.value.message_dict["decided_on"][0]
    petition = services.petition_accept(actor=petitions_officer, petition=petition, on=limit)
    assert petition.due_on == add_working_days(limit, 60).date


def test_working_day_mode_skips_holidays(petitions_officer, settings):
    settings.PETITIONS_DEADLINE_WORKING_DAYS = True
    start = first_monday_of_march_last_year()
    year, _ = CalendarYear.objects.get_or_create(year=start.year)
    CalendarDay.objects.filter(date__range=(start, start + datetime.timedelta(days=30))).delete()
    CalendarDay.objects.create(
        calendar_year=year, date=start + datetime.timedelta(days=1), is_workday=False, name="测试假日"
    )
    assert services.limit_after(start, 15) == start + datetime.timedelta(days=22)


def test_transfer_and_assign_count_as_transfers(petitions_officer, handler):
    transferred = services.petition_transfer(
        actor=petitions_officer, petition=register(petitions_officer), on=days_ago(0), transferred_to="某区水务局"
    )
    assert transferred.status == PetitionStatus.TRANSFERRED and not open_items(transferred)
    assigned = services.petition_assign(
        actor=petitions_officer,
        petition=register(petitions_officer),
        on=days_ago(0),
        department=handler.department,
        handler=handler,
    )
    [item] = open_items(assigned)
    assert item.owner_department == handler.department and item.responsible == handler
    with pytest.raises(ValidationError):
        services.petition_assign(
            actor=petitions_officer,
            petition=register(petitions_officer),
            on=days_ago(0),
            department=handler.department,
            handler=petitions_officer,
        )


def test_refuse_needs_a_reason_and_closes_the_clock(petitions_officer):
    petition = register(petitions_officer)
    with pytest.raises(ValidationError):
        services.petition_refuse(actor=petitions_officer, petition=petition, on=days_ago(0), note="")
    petition = services.petition_refuse(actor=petitions_officer, petition=petition, on=days_ago(0), note="属诉讼途径")
    assert petition.status == PetitionStatus.REFUSED and not open_items(petition)


# --- the 60-day clock and the extension ------------------------------------------------------


def test_reply_on_day_60_allowed_day_61_refused(petitions_officer):
    on_time = accepted(petitions_officer, days_ago(60))
    late = accepted(petitions_officer, days_ago(61))
    with pytest.raises(ValidationError) as error:
        services.petition_reply(actor=petitions_officer, petition=late, on=days_ago(0), reply="答复")
    assert "60日内" in error.value.message_dict["replied_on"][0]
    clock = open_items(on_time)[0]
    petition = services.petition_reply(actor=petitions_officer, petition=on_time, on=days_ago(0), reply="答复")
    assert petition.status == PetitionStatus.REPLIED
    clock.refresh_from_db()
    assert clock.status == SupervisionStatus.COMPLETED


def test_extension_by_a_leader_once_at_most_30_days(petitions_officer, leader):
    petition = accepted(petitions_officer, days_ago(70), received_on=days_ago(75))
    with pytest.raises(PermissionDenied):
        services.petition_extend(actor=petitions_officer, petition=petition, days=10, reason="情况复杂")
    with pytest.raises(ValidationError) as error:
        services.petition_extend(actor=leader, petition=petition, days=31, reason="情况复杂", on=days_ago(11))
    assert "30日" in error.value.message_dict["extension_days"][0]
    old_clock = open_items(petition)[0]
    petition = services.petition_extend(actor=leader, petition=petition, days=30, reason="情况复杂", on=days_ago(11))
    assert petition.due_on == days_ago(10) + datetime.timedelta(days=30)
    assert petition.extension_approved_by == leader
    old_clock.refresh_from_db()
    assert old_clock.status == SupervisionStatus.VOIDED
    [new_clock] = open_items(petition)
    assert new_clock.deadline == petition.due_on
    with pytest.raises(ValidationError) as error:
        services.petition_extend(actor=leader, petition=petition, days=5, reason="再延", on=days_ago(0))
    assert "只能延长一次" in error.value.message_dict["extension_days"][0]
    # Day 61..90 after acceptance is now within the period: the reply on day 70 is accepted.
    petition = services.petition_reply(actor=petitions_officer, petition=petition, on=days_ago(0), reply="答复")
    assert petition.status == PetitionStatus.REPLIED


def test_extension_after_the_period_ran_out_refused(petitions_officer, leader):
    petition = accepted(petitions_officer, days_ago(61))
    with pytest.raises(ValidationError) as error:
        services.petition_extend(actor=leader, petition=petition, days=10, reason="情况复杂")
    assert "期限届满前" in error.value.message_dict["extended_on"][0]


# --- 复查 and 复核 ---------------------------------------------------------------------------


def test_review_requested_on_day_30_ok_day_31_refused(petitions_officer):
    late = replied(petitions_officer, days_ago(31))
    with pytest.raises(ValidationError) as error:
        services.petition_review_request(actor=petitions_officer, petition=late, on=days_ago(0))
    assert "30日内" in error.value.message_dict["review_requested_on"][0]
    petition = replied(petitions_officer, days_ago(30))
    petition = services.petition_review_request(actor=petitions_officer, petition=petition, on=days_ago(0))
    assert petition.status == PetitionStatus.REVIEW
    [clock] = open_items(petition)
    assert clock.deadline == days_ago(0) + datetime.timedelta(days=30)


def test_review_decided_within_30_days(petitions_officer):
    petition = replied(petitions_officer, days_ago(61), accepted_on=days_ago(61))
    petition = services.petition_review_request(actor=petitions_officer, petition=petition, on=days_ago(31))
    with pytest.raises(ValidationError):
        services.petition_review_decide(
            actor=petitions_officer, petition=petition, on=days_ago(0), result="upheld", note="维持"
        )
    petition = services.petition_review_decide(
        actor=petitions_officer, petition=petition, on=days_ago(1), result="upheld", note="维持"
    )
    assert petition.status == PetitionStatus.REVIEWED and not open_items(petition)


def test_after_re_review_the_same_facts_are_refused_as_new(petitions_officer):
    petition = replied(petitions_officer, days_ago(40))
    petition = services.petition_review_request(actor=petitions_officer, petition=petition, on=days_ago(30))
    petition = services.petition_review_decide(
        actor=petitions_officer, petition=petition, on=days_ago(20), result="upheld", note="维持"
    )
    petition = services.petition_re_review_request(actor=petitions_officer, petition=petition, on=days_ago(10))
    petition = services.petition_re_review_decide(
        actor=petitions_officer, petition=petition, on=days_ago(5), result="upheld", note="维持"
    )
    petition = services.petition_close(actor=petitions_officer, petition=petition, on=days_ago(0))
    assert petition.status == PetitionStatus.CLOSED
    again = register(petitions_officer, same_facts_as=petition)
    with pytest.raises(ValidationError) as error:
        services.petition_accept(actor=petitions_officer, petition=again, on=days_ago(0))
    assert "不再受理" in error.value.message_dict["status"][0]
    again = services.petition_refuse(actor=petitions_officer, petition=again, on=days_ago(0), note="复核终结")
    assert again.status == PetitionStatus.REFUSED


def test_satisfaction_after_the_reply(petitions_officer):
    petition = register(petitions_officer)
    with pytest.raises(PermissionDenied):
        services.petition_record_satisfaction(actor=petitions_officer, petition=petition, satisfaction="satisfied")
    petition = replied(petitions_officer, days_ago(0))
    petition = services.petition_record_satisfaction(actor=petitions_officer, petition=petition, satisfaction="basic")
    assert petition.get_satisfaction_display() == "基本满意"


def test_void_voids_the_running_clock(petitions_officer):
    petition = register(petitions_officer)
    [clock] = open_items(petition)
    petition = services.petition_void(actor=petitions_officer, petition=petition, reason="重复登记")
    clock.refresh_from_db()
    assert petition.status == PetitionStatus.VOIDED and clock.status == SupervisionStatus.VOIDED


# --- receptions ------------------------------------------------------------------------------


def test_no_letter_no_reception(clerk):
    with pytest.raises(ValidationError) as error:
        reception(clerk, letter_scan=None)
    assert "公函" in error.value.message_dict["letter_document"][0]
    assert not Reception.objects.exists()


@pytest.mark.parametrize(
    ("visitors", "companions", "ok"),
    [(10, 3, True), (10, 4, False), (12, 4, True), (11, 4, False), (1, 3, True), (30, 10, True), (30, 11, False)],
)
def test_meal_companion_limits(clerk, visitors, companions, ok):
    if ok:
        assert reception(clerk, visitors=visitors, companions=companions).meal_companions == companions
    else:
        with pytest.raises(ValidationError) as error:
            reception(clerk, visitors=visitors, companions=companions)
        assert "陪餐人数不得超过" in error.value.message_dict["meal_companions"][0]
        assert not Reception.objects.exists()


def test_reception_cost_is_the_sum_of_its_list(clerk):
    start = timezone.localdate() + datetime.timedelta(days=2)
    r = reception(
        clerk,
        start=start,
        items=[
            {"date": start, "activity": "meal", "cost": "356.50"},
            {"date": start, "activity": "meeting", "cost": Decimal("0.10")},
        ],
    )
    assert r.cost == Decimal("356.60")


def test_reception_approved_before_it_happens_by_the_director_or_a_leader(clerk, leader, office_dept):
    director = UserFactory(username="director", name="陈主任", department=office_dept, roles=["department_head"])
    r = reception(clerk)
    with pytest.raises(PermissionDenied):
        services.reception_approve(actor=clerk, reception=r)
    r = services.reception_approve(actor=director, reception=r)
    assert r.status == ReceptionStatus.APPROVED and r.approved_by == director
    late = reception(clerk, start=days_ago(1))
    with pytest.raises(ValidationError) as error:
        services.reception_approve(actor=leader, reception=late)
    assert "接待前审批" in error.value.message_dict["approved_on"][0]
    same_day = reception(clerk, start=days_ago(0))
    assert services.reception_approve(actor=leader, reception=same_day).status == ReceptionStatus.APPROVED
    done = services.reception_complete(actor=clerk, reception=same_day, cost=Decimal("820.00"), meal_companions=2)
    assert done.status == ReceptionStatus.DONE and done.cost == Decimal("820.00")


def test_other_department_head_cannot_approve(clerk, planning_head):
    r = reception(clerk)
    with pytest.raises(PermissionDenied):
        services.reception_approve(actor=planning_head, reception=r)


# --- duty ------------------------------------------------------------------------------------


@pytest.fixture
def rota(office_dept, leader):
    leaders = [leader, UserFactory(username="deputy", name="李副局长", department=None, roles=["leader"])]
    staff = [UserFactory(username=f"duty{i}", name=f"值班员{i}", department=office_dept) for i in range(4)]
    return leaders, staff


def test_duty_generated_over_a_holiday(clerk, rota):
    leaders, staff = rota
    first = timezone.localdate() + datetime.timedelta(days=10)
    year, _ = CalendarYear.objects.get_or_create(year=first.year)
    holiday = first + datetime.timedelta(days=2)
    CalendarDay.objects.filter(date=holiday).delete()
    CalendarDay.objects.create(calendar_year=year, date=holiday, is_workday=False, name="测试节")
    days = services.duty_generate(
        actor=clerk, first=first, last=first + datetime.timedelta(days=4), leaders=leaders, staff=staff
    )
    assert [d.date for d in days] == [first + datetime.timedelta(days=i) for i in range(5)]
    by_date = {d.date: d for d in DutyDay.objects.prefetch_related("assignments")}
    assert by_date[holiday].is_holiday and by_date[holiday].holiday_name == "测试节"
    assert by_date[holiday].assignments.filter(role="staff").count() == 2
    assert by_date[first].assignments.filter(role="staff").count() == 1
    assert not by_date[first].is_holiday
    leaders_seen = [by_date[first + datetime.timedelta(days=i)].assignments.get(role="leader").person for i in range(4)]
    assert leaders_seen == [leaders[0], leaders[1], leaders[0], leaders[1]]
    # Generating again keeps the days already drafted.
    assert services.duty_generate(actor=clerk, first=first, last=first, leaders=leaders, staff=staff) == []
    # The holiday draft finds only holidays.
    holiday_days = services.duty_holiday_draft(actor=clerk, year=first.year, leaders=leaders, staff=staff)
    assert all(d.is_holiday for d in holiday_days)


def test_duty_generation_refused_to_others(handler, rota):
    leaders, staff = rota
    with pytest.raises(PermissionDenied):
        services.duty_generate(
            actor=handler, first=timezone.localdate(), last=timezone.localdate(), leaders=leaders, staff=staff
        )


def test_swap_with_approval(clerk, rota):
    leaders, staff = rota
    first = timezone.localdate() + datetime.timedelta(days=3)
    services.duty_generate(
        actor=clerk, first=first, last=first + datetime.timedelta(days=1), leaders=leaders, staff=staff
    )
    mine = DutyAssignment.objects.get(day__date=first, role="staff")
    theirs = DutyAssignment.objects.get(day__date=first + datetime.timedelta(days=1), role="staff")
    requester, substitute = mine.person, theirs.person
    with pytest.raises(PermissionDenied):
        services.duty_swap_request(actor=substitute, assignment=mine, substitute=substitute, reason="有事")
    swap = services.duty_swap_request(
        actor=requester, assignment=mine, substitute=substitute, counter_assignment=theirs, reason="家中有事"
    )
    mine.refresh_from_db()
    assert mine.person == requester  # nothing changes before approval
    with pytest.raises(PermissionDenied):
        services.duty_swap_decide(actor=requester, swap=swap, approve=True)
    swap = services.duty_swap_decide(actor=clerk, swap=swap, approve=True)
    assert swap.status == SwapStatus.APPROVED
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.person == substitute and theirs.person == requester


def test_reminder_the_day_before_once(clerk, rota):
    leaders, staff = rota
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.duty_generate(actor=clerk, first=tomorrow, last=tomorrow, leaders=leaders, staff=staff)
    assert services.duty_send_reminders() == 2
    assert services.duty_send_reminders() == 0
    assert Notification.objects.filter(recipient=leaders[0], title__contains="值班提醒").count() == 1


def test_duty_log_by_the_person_on_duty(clerk, rota, handler):
    leaders, staff = rota
    today = timezone.localdate()
    [day] = services.duty_generate(actor=clerk, first=today, last=today, leaders=leaders, staff=staff)
    on_duty = day.assignments.get(role="staff").person
    log = services.duty_log_add(actor=on_duty, day=day, occurred_at=timezone.now(), content="市防指来电通知降雨")
    assert log.recorded_by == on_duty
    with pytest.raises(PermissionDenied):
        services.duty_log_add(actor=handler, day=day, occurred_at=timezone.now(), content="x")


# --- patrols ---------------------------------------------------------------------------------


def test_patrol_with_a_hazard_opens_a_rectification(clerk, handler):
    plain = services.patrol_record(actor=clerk, date=days_ago(0), areas="机关办公楼", findings="正常")
    assert plain.rectification_status == RectificationStatus.NONE and not open_items(plain)
    with pytest.raises(ValidationError):
        services.patrol_record(actor=clerk, date=days_ago(0), areas="车库", hazard="灭火器过期")
    patrol = services.patrol_record(
        actor=clerk, date=days_ago(0), areas="车库", hazard="灭火器过期", owner=handler, deadline=days_ago(-7)
    )
    [item] = open_items(patrol)
    assert item.category == "safety" and item.responsible == handler and item.deadline == days_ago(-7)
    patrol = services.patrol_rectify(actor=handler, patrol=patrol, on=days_ago(0), note="已更换")
    assert patrol.rectified_on == days_ago(0)
    assert patrol.rectification_status == RectificationStatus.DONE
    item.refresh_from_db()
    assert item.status == SupervisionStatus.COMPLETED
    assert SupervisedItem.objects.filter(category="safety").count() == 1


def test_rectification_completed_on_its_own_date(clerk, handler):
    patrol = services.patrol_record(
        actor=clerk, date=days_ago(5), areas="食堂", hazard="燃气软管老化", owner=handler, deadline=days_ago(1)
    )
    [item] = open_items(patrol)
    services.patrol_rectify(actor=clerk, patrol=patrol, on=days_ago(2), note="已更换软管")
    item.refresh_from_db()
    assert item.completed_on == days_ago(2) and item.completed_on_time


def test_reception_approval_date_cannot_be_in_the_future(clerk, leader):
    r = reception(clerk, start=days_ago(-10))
    with pytest.raises(ValidationError):
        services.reception_approve(actor=leader, reception=r, on=days_ago(-1))
