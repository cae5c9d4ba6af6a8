import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from meetings import services
from meetings.choices import AttendanceResponse, AttendeeRole, MeetingState
from meetings.models import Attendance, Decision, Meeting
from office.choices import SupervisionStatus
from office.models import Notification, SupervisedItem
from office.services.supervision import supervised_item_complete
from tests.factories import UserFactory

from .factories import MeetingFactory, RoomFactory, at, meeting_type

pytestmark = pytest.mark.django_db


def arrange(actor, *, start, hours=2, room=None, people=(), **extra):
    return services.meeting_create(
        actor=actor,
        title=extra.pop("title", "局务会议"),
        meeting_type=extra.pop("meeting_type", None) or meeting_type("bureau_affairs"),
        host=extra.pop("host", actor),
        start=start,
        end=start + datetime.timedelta(hours=hours),
        room=room,
        attendees=people,
        **extra,
    )


@pytest.fixture
def room(db):
    return RoomFactory(name="三楼会议室", capacity=20)


class TestBooking:
    def test_an_overlap_in_the_same_room_is_refused_naming_the_field(self, clerk, handler, room):
        first = arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler], title="党组会议")
        with pytest.raises(ValidationError) as error:
            arrange(clerk, start=at(2026, 3, 10, 10), room=room, people=[handler])
        message = error.value.message_dict["room"][0]
        assert "三楼会议室" in message and first.title in message and "占用" in message
        assert Meeting.objects.count() == 1

    def test_back_to_back_meetings_and_other_rooms_are_allowed(self, clerk, handler, room):
        arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler])
        arrange(clerk, start=at(2026, 3, 10, 11), room=room, people=[handler])
        arrange(clerk, start=at(2026, 3, 10, 9), room=RoomFactory(name="五楼会议室"), people=[handler])
        assert Meeting.objects.count() == 3

    def test_a_cancelled_meeting_frees_its_room(self, clerk, handler, room):
        first = arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler])
        services.meeting_cancel(actor=clerk, meeting=first, reason="领导外出")
        arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler])
        assert Meeting.objects.filter(state=MeetingState.PLANNED).count() == 1

    def test_rescheduling_into_an_occupied_slot_is_refused(self, clerk, handler, room):
        arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler])
        other = arrange(clerk, start=at(2026, 3, 10, 14), room=room, people=[handler])
        with pytest.raises(ValidationError) as error:
            services.meeting_reschedule(
                actor=clerk,
                meeting=other,
                start=at(2026, 3, 10, 10),
                end=at(2026, 3, 10, 12),
                room=room,
                is_video=False,
            )
        assert "room" in error.value.message_dict
        other.refresh_from_db()
        assert other.start == at(2026, 3, 10, 14)

    def test_the_database_refuses_an_overlap_that_bypasses_the_service(self, clerk, room):
        assert connection.vendor == "postgresql"
        MeetingFactory(room=room, start=at(2026, 3, 10, 9), host=clerk)
        with pytest.raises(IntegrityError, match="meeting_room_no_overlap"), transaction.atomic():
            MeetingFactory(room=room, start=at(2026, 3, 10, 10), host=clerk)

    def test_a_room_too_small_is_refused(self, clerk, office_dept, room):
        people = UserFactory.create_batch(20, department=office_dept)
        with pytest.raises(ValidationError) as error:
            arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=people)
        assert "可容纳20人" in error.value.message_dict["room"][0]

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"title": " "}, "title"),
            ({"hours": -1}, "end"),
            ({"room": None}, "room"),
            ({"people": []}, "attendees"),
            ({"required_arrival_minutes": 500}, "required_arrival_minutes"),
        ],
    )
    def test_bad_input_names_the_field_and_writes_nothing(self, clerk, handler, room, change, field):
        kwargs = {"start": at(2026, 3, 10, 9), "room": room, "people": [handler], **change}
        with pytest.raises(ValidationError) as error:
            arrange(clerk, **kwargs)
        assert field in error.value.message_dict
        assert not Meeting.objects.exists()
        assert not Attendance.objects.exists()

    def test_a_handler_may_not_arrange_meetings(self, handler, room):
        with pytest.raises(PermissionDenied):
            arrange(handler, start=at(2026, 3, 10, 9), room=room, people=[handler])


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_bookings_of_one_room_only_one_succeeds(clerk, handler):
    room = RoomFactory(name="一楼大会议室", capacity=50)
    clerk_type = meeting_type("special")
    barrier = threading.Barrier(2)
    results = []

    def book(n):
        try:
            barrier.wait(timeout=10)
            meeting = services.meeting_create(
                actor=clerk,
                title=f"专题会议{n}",
                meeting_type=clerk_type,
                host=clerk,
                start=at(2026, 4, 1, 9) + datetime.timedelta(minutes=30 * n),
                end=at(2026, 4, 1, 11),
                room=room,
                attendees=[handler],
            )
            results.append(("ok", meeting.pk))
        except ValidationError as error:
            results.append(("refused", error.message_dict))
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(kind for kind, _ in results) == ["ok", "refused"]
    refused = next(detail for kind, detail in results if kind == "refused")
    assert "room" in refused
    assert Meeting.objects.filter(room=room).count() == 1


class TestAttendees:
    def test_departments_are_expanded_to_their_people_and_everyone_is_notified(
        self, clerk, leader, planning, handler, planning_head, room
    ):
        UserFactory(department=planning, is_active=False, username="retired")
        meeting = arrange(clerk, start=at(2026, 3, 10, 9), room=room, host=leader, departments=[planning])
        people = list(meeting.attendances.values_list("person__username", "seat_order", "role"))
        # The host sits first; the inactive person is not invited.
        assert people[0] == ("leader", 1, AttendeeRole.ATTENDEE)
        assert {p[0] for p in people} == {"leader", "handler", "planhead"}
        assert set(
            Notification.objects.filter(title="会议通知：局务会议").values_list("recipient__username", flat=True)
        ) == {
            "leader",
            "handler",
            "planhead",
        }
        assert meeting.history.first().history_user == clerk

    def test_observers_are_listed_after_the_attendees(self, clerk, handler, other_handler, room):
        meeting = arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler], observers=[other_handler])
        roles = list(meeting.attendances.order_by("seat_order").values_list("person__username", "role"))
        assert roles[-1] == ("otherhandler", AttendeeRole.OBSERVER)

    def test_leave_needs_a_reason_and_tells_the_organiser(self, clerk, handler, room):
        meeting = arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler])
        with pytest.raises(ValidationError) as error:
            services.attendance_ask_leave(actor=handler, meeting=meeting, reason=" ")
        assert error.value.message_dict == {"reason": ["请填写请假事由。"]}
        services.attendance_ask_leave(actor=handler, meeting=meeting, reason="参加省厅培训")
        attendance = meeting.attendances.get(person=handler)
        assert attendance.response == AttendanceResponse.LEAVE
        assert attendance.leave_reason == "参加省厅培训"
        assert attendance.history.first().history_user == handler
        assert Notification.objects.filter(recipient=clerk, title__startswith="会议请假").exists()
        # Confirming afterwards withdraws the leave.
        services.attendance_confirm(actor=handler, meeting=meeting)
        attendance.refresh_from_db()
        assert (attendance.response, attendance.leave_reason) == (AttendanceResponse.CONFIRMED, "")

    def test_a_person_not_invited_cannot_answer(self, clerk, handler, other_handler, room):
        meeting = arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler])
        with pytest.raises(PermissionDenied):
            services.attendance_confirm(actor=other_handler, meeting=meeting)

    def test_seating_follows_the_order_given(self, clerk, handler, other_handler, room):
        meeting = arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler, other_handler])
        rows = list(meeting.attendances.order_by("seat_order"))
        services.meeting_set_seating(actor=clerk, meeting=meeting, attendance_ids=[r.pk for r in reversed(rows)])
        assert list(meeting.attendances.order_by("seat_order").values_list("pk", flat=True)) == [
            r.pk for r in reversed(rows)
        ]
        with pytest.raises(ValidationError):
            services.meeting_set_seating(actor=clerk, meeting=meeting, attendance_ids=[rows[0].pk])


class TestSignIn:
    def meeting(self, clerk, handler, room, *, minutes_from_now):
        start = timezone.now() + datetime.timedelta(minutes=minutes_from_now)
        return arrange(clerk, start=start, room=room, people=[handler])

    def test_signing_in_before_the_start_is_on_time(self, clerk, handler, room):
        meeting = self.meeting(clerk, handler, room, minutes_from_now=10)
        attendance = services.attendance_sign_in(actor=handler, meeting=meeting, token=meeting.sign_in_token)
        assert attendance.signed_in_at is not None and attendance.late is False

    def test_signing_in_after_the_start_is_late(self, clerk, handler, room):
        meeting = self.meeting(clerk, handler, room, minutes_from_now=-10)
        attendance = services.attendance_sign_in(actor=handler, meeting=meeting, token=meeting.sign_in_token)
        assert attendance.late is True
        with pytest.raises(ValidationError):
            services.attendance_sign_in(actor=handler, meeting=meeting, token=meeting.sign_in_token)

    def test_a_wrong_token_or_a_stranger_is_refused(self, clerk, handler, other_handler, room):
        meeting = self.meeting(clerk, handler, room, minutes_from_now=0)
        with pytest.raises(PermissionDenied):
            services.attendance_sign_in(actor=handler, meeting=meeting, token="guess")
        with pytest.raises(PermissionDenied):
            services.attendance_sign_in(actor=other_handler, meeting=meeting, token=meeting.sign_in_token)

    def test_sign_in_is_not_open_long_before_the_start(self, clerk, handler, room):
        meeting = self.meeting(clerk, handler, room, minutes_from_now=180)
        with pytest.raises(ValidationError) as error:
            services.attendance_sign_in(actor=handler, meeting=meeting, token=meeting.sign_in_token)
        assert "status" in error.value.message_dict

    def test_the_organiser_signs_in_by_hand_and_lateness_follows_the_time(self, clerk, handler, room):
        meeting = self.meeting(clerk, handler, room, minutes_from_now=-60)
        attendance = services.attendance_sign_in_by_hand(
            actor=clerk, meeting=meeting, person=handler, at=meeting.start - datetime.timedelta(minutes=5)
        )
        assert attendance.late is False and attendance.signed_in_by == clerk
        assert attendance.history.first().history_change_reason == "代签到"

    def test_an_attendee_may_not_sign_others_in(self, clerk, handler, planning_head, room):
        meeting = arrange(clerk, start=timezone.now(), room=room, people=[handler, planning_head])
        with pytest.raises(PermissionDenied):
            services.attendance_sign_in_by_hand(actor=handler, meeting=meeting, person=planning_head)


class TestDecisions:
    def test_a_decision_opens_a_supervised_item_from_the_meeting(self, clerk, leader, handler, room):
        meeting = arrange(
            clerk, start=timezone.now() - datetime.timedelta(hours=3), room=room, people=[handler], host=leader
        )
        decision = services.decision_add(
            actor=clerk,
            meeting=meeting,
            text="编制年度防汛抢险预案",
            department=handler.department,
            responsible=handler,
            deadline=timezone.localdate() + datetime.timedelta(days=20),
        )
        item = decision.supervised_item
        assert item.category == "meeting"
        assert item.source == decision
        assert (item.owner_department, item.responsible) == (handler.department, handler)
        assert item.start_date == timezone.localtime(meeting.start).date()
        assert Notification.objects.filter(recipient=handler, title__startswith="新督办事项").exists()
        supervised_item_complete(actor=handler, item=item, note="预案已印发")
        assert SupervisedItem.objects.get(pk=item.pk).status == SupervisionStatus.COMPLETED

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"text": ""}, "text"),
            ("wrong_person", "responsible"),
            ({"deadline": datetime.date(2020, 1, 1)}, "deadline"),
        ],
    )
    def test_a_bad_decision_names_the_field_and_opens_nothing(self, clerk, handler, other_handler, room, change, field):
        meeting = arrange(clerk, start=timezone.now() - datetime.timedelta(hours=3), room=room, people=[handler])
        kwargs = {
            "text": "完成水资源公报",
            "department": handler.department,
            "responsible": handler,
            "deadline": timezone.localdate() + datetime.timedelta(days=5),
        }
        if change == "wrong_person":
            kwargs["responsible"] = other_handler
        else:
            kwargs.update(change)
        with pytest.raises(ValidationError) as error:
            services.decision_add(actor=clerk, meeting=meeting, **kwargs)
        assert field in error.value.message_dict
        assert not Decision.objects.exists()
        assert not SupervisedItem.objects.exists()

    def test_a_meeting_not_yet_started_has_no_decisions(self, clerk, handler, room):
        meeting = arrange(clerk, start=timezone.now() + datetime.timedelta(days=1), room=room, people=[handler])
        with pytest.raises(ValidationError) as error:
            services.decision_add(
                actor=clerk,
                meeting=meeting,
                text="x",
                department=handler.department,
                responsible=handler,
                deadline=timezone.localdate() + datetime.timedelta(days=5),
            )
        assert "status" in error.value.message_dict


class TestStates:
    def test_cancel_needs_a_reason_keeps_the_record_and_tells_attendees(self, clerk, handler, room):
        meeting = arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler])
        with pytest.raises(ValidationError):
            services.meeting_cancel(actor=clerk, meeting=meeting, reason="")
        services.meeting_cancel(actor=clerk, meeting=meeting, reason="与市政府会议冲突")
        meeting.refresh_from_db()
        assert (meeting.state, meeting.cancel_reason) == (MeetingState.CANCELLED, "与市政府会议冲突")
        assert Notification.objects.filter(recipient=handler, title__startswith="会议取消").exists()
        with pytest.raises(ValidationError):
            services.meeting_cancel(actor=clerk, meeting=meeting, reason="again")

    def test_a_meeting_is_marked_held_only_after_it_starts(self, clerk, handler, room):
        future = arrange(clerk, start=timezone.now() + datetime.timedelta(hours=5), room=room, people=[handler])
        with pytest.raises(ValidationError):
            services.meeting_mark_held(actor=clerk, meeting=future)
        past = arrange(clerk, start=timezone.now() - datetime.timedelta(hours=5), room=room, people=[handler])
        services.meeting_mark_held(actor=clerk, meeting=past)
        past.refresh_from_db()
        assert past.state == MeetingState.HELD


def test_a_paper_sign_in_sheet_is_entered_in_one_go(clerk, handler, planning_head, room):
    meeting = arrange(
        clerk, start=timezone.now() - datetime.timedelta(hours=1), room=room, people=[handler, planning_head]
    )
    signed = services.attendance_sign_in_many(
        actor=clerk,
        meeting=meeting,
        times={
            handler.pk: meeting.start - datetime.timedelta(minutes=10),
            planning_head.pk: meeting.start + datetime.timedelta(minutes=7),
        },
    )
    assert signed == 2
    rows = {a.person_id: a for a in meeting.attendances.all()}
    assert rows[handler.pk].late is False and rows[planning_head.pk].late is True
    assert rows[handler.pk].history.first().history_user == clerk
    with pytest.raises(ValidationError):
        services.attendance_sign_in_many(actor=clerk, meeting=meeting, times={clerk.pk + 999: meeting.start})


class TestChanges:
    def test_people_added_later_sit_after_the_others_and_are_notified(self, clerk, handler, planning, room):
        other = UserFactory(department=planning, username="latecomer")
        meeting = arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler])
        added = services.meeting_add_attendees(actor=clerk, meeting=meeting, departments=[planning])
        assert added == 1  # the handler was already invited
        row = meeting.attendances.get(person=other)
        assert row.seat_order == meeting.attendances.count()
        assert Notification.objects.filter(recipient=other, title="会议通知：局务会议").exists()
        with pytest.raises(ValidationError) as error:
            services.meeting_add_attendees(actor=clerk, meeting=meeting, attendees=[handler])
        assert "attendees" in error.value.message_dict

    def test_the_agenda_is_replaced_and_history_keeps_the_old_one(self, clerk, handler, room):
        meeting = arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler], agenda=["甲", "乙"])
        services.meeting_set_agenda(actor=clerk, meeting=meeting, agenda=["丙", " ", "甲"])
        assert list(meeting.agenda_items.values_list("order", "title")) == [(1, "丙"), (2, "甲")]
        assert meeting.agenda_items.model.history.filter(history_type="-", title="乙").exists()

    def test_an_attendee_may_not_add_people(self, clerk, handler, other_handler, room):
        meeting = arrange(clerk, start=at(2026, 3, 10, 9), room=room, people=[handler])
        with pytest.raises(PermissionDenied):
            services.meeting_add_attendees(actor=handler, meeting=meeting, attendees=[other_handler])
