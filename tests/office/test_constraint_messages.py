"""Every database constraint has a Chinese message, and the ones a person's input can break put
it on the field they typed (office.models.base.FieldConstraintsMixin): a form shows it under the
field, the API answers {field: [message]} (services validate with full_clean through
office.audit.record_save, and office.errors maps the error)."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_every_constraint_has_a_chinese_message():
    missing = []
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in {
            "office",
            "documents",
            "meetings",
            "partybuilding",
            "personnel",
            "petitions",
            "reports",
        }:
            continue
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.BaseConstraint):
                continue
            message = constraint.violation_error_message
            if message == constraint.default_violation_error_message or not any(
                "\u4e00" <= ch <= "\u9fff" for ch in message
            ):
                missing.append(f"{model._meta.label}.{constraint.name}")
            mapped = getattr(model, "CONSTRAINT_FIELDS", {})
            for field in mapped.values():
                model._meta.get_field(field)  # a mapping names a real field
    assert missing == []


def violation(instance):
    with pytest.raises(ValidationError) as error:
        instance.validate_constraints()
    return error.value.message_dict


def test_supervised_item_deadline_before_start(clerk, handler):
    from office.models import SupervisedItem

    item = SupervisedItem(
        title="t",
        owner_department=handler.department,
        responsible=handler,
        created_by=clerk,
        start_date=datetime.date(2026, 3, 10),
        deadline=datetime.date(2026, 3, 9),
    )
    assert violation(item) == {"deadline": ["办结时限不能早于交办日期。"]}


def test_a_meeting_ending_before_it_starts_and_without_a_room(clerk, leader):
    from meetings.models import Meeting
    from tests.meetings.factories import meeting_type

    start = timezone.now()
    meeting = Meeting(
        title="局务会议",
        meeting_type=meeting_type("bureau_affairs"),
        host=leader,
        organiser=clerk,
        start=start,
        end=start - datetime.timedelta(hours=1),
        room=None,
        is_video=False,
    )
    assert violation(meeting) == {"end": ["结束时间须晚于开始时间。"], "room": ["请选择会议室，或勾选视频会议。"]}


def test_leave_without_a_reason_and_a_person_twice(clerk, leader, handler):
    from meetings import services
    from meetings.models import Attendance, Room
    from tests.meetings.factories import meeting_type

    start = timezone.now() + datetime.timedelta(days=1)
    meeting = services.meeting_create(
        actor=clerk,
        title="局务会议",
        meeting_type=meeting_type("bureau_affairs"),
        host=leader,
        start=start,
        end=start + datetime.timedelta(hours=2),
        room=Room.objects.create(name="三楼会议室", capacity=30),
        attendees=[handler],
    )
    again = Attendance(meeting=meeting, person=handler, response="leave", leave_reason="")
    errors = violation(again)
    assert errors["person"] == ["该人员已在参会名单中。"]
    assert errors["leave_reason"] == ["请假须填写原因。"]


def test_a_full_member_without_the_date_and_a_post_ending_before_it_starts(db):
    from partybuilding.models import CommitteeMember, Member

    member = Member(kind="full", full_on=None, joined_on=datetime.date(2010, 7, 1), name="张三")
    assert violation(member)["full_on"] == ["正式党员须填写转正日期。"]
    post = CommitteeMember(start=datetime.date(2024, 1, 1), end=datetime.date(2023, 1, 1))
    assert violation(post)["end"] == ["离任日期不能早于任职日期。"]


def test_a_salary_change_not_on_the_first_of_a_month(db):
    from personnel.models import SalaryChange

    change = SalaryChange(effective_month=datetime.date(2026, 3, 15))
    assert violation(change)["effective_month"] == ["变动月份须为某月1日。"]
