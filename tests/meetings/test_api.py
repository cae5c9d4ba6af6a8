import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from meetings import services
from meetings.choices import AttendanceResponse, MeetingState
from meetings.models import Meeting, Room
from office.models import SupervisedItem

from .factories import AttendanceFactory, MeetingFactory, RoomFactory, meeting_type

pytestmark = pytest.mark.django_db

BASE = "/api/v1/meetings/"


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def room(db):
    return RoomFactory(name="三楼会议室", capacity=30)


@pytest.fixture
def meeting(clerk, leader, handler, room):
    start = timezone.now() - datetime.timedelta(minutes=30)
    return services.meeting_create(
        actor=clerk,
        title="局务会议",
        meeting_type=meeting_type("bureau_affairs"),
        host=leader,
        start=start,
        end=start + datetime.timedelta(hours=2),
        room=room,
        attendees=[handler],
    )


def payload(attendee, the_room, **change):
    return {
        "title": "专题会议",
        "meeting_type": meeting_type("special").pk,
        "host": change.pop("host", None) or attendee.department.members.exclude(pk=attendee.pk).first().pk,
        "start": "2026-06-02T09:00:00+08:00",
        "end": "2026-06-02T11:00:00+08:00",
        "room": the_room.pk,
        "attendees": [attendee.pk],
        "agenda": ["研究防汛工作"],
        **change,
    }


class TestRoutes:
    def test_anonymous_gets_401(self, meeting):
        for url in (BASE, f"{BASE}{meeting.pk}/", f"{BASE}rooms/", f"{BASE}types/"):
            assert api().get(url).status_code == 401

    def test_rooms_are_not_taken_for_a_meeting_id(self, handler, room):
        response = api(handler).get(f"{BASE}rooms/")
        assert response.status_code == 200
        assert [r["name"] for r in response.json()["results"]] == ["三楼会议室"]

    def test_the_types_are_the_seeded_ones(self, handler):
        codes = [t["code"] for t in api(handler).get(f"{BASE}types/").json()]
        # The meetings app's own types, in their order; other apps (Party life) may add theirs.
        own = [
            "party_group",
            "bureau_affairs",
            "special",
            "central_group_study",
            "seminar",
            "regular_study",
            "other",
        ]
        assert [c for c in codes if c in own] == own


class TestVisibility:
    @pytest.mark.parametrize(
        ("persona", "status"), [("handler", 200), ("clerk", 200), ("leader", 200), ("other_handler", 404)]
    )
    def test_who_sees_a_meeting(self, request, meeting, persona, status):
        response = api(request.getfixturevalue(persona)).get(f"{BASE}{meeting.pk}/")
        assert response.status_code == status
        if status == 200:
            assert response.json()["title"] == "局务会议"

    def test_the_list_holds_only_the_meetings_one_attends(self, meeting, handler, other_handler, clerk):
        MeetingFactory(title="别的会议", host=clerk)
        assert [m["title"] for m in api(handler).get(BASE).json()["results"]] == ["局务会议"]
        assert api(other_handler).get(BASE).json()["count"] == 0
        assert api(clerk).get(BASE).json()["count"] == 2

    def test_a_leave_reason_is_shown_to_the_person_and_the_organiser_only(self, meeting, clerk, handler, leader):
        services.attendance_ask_leave(actor=handler, meeting=meeting, reason="病假")
        peer = AttendanceFactory(meeting=meeting, person__department=handler.department, seat_order=9).person

        def reason(user):
            rows = api(user).get(f"{BASE}{meeting.pk}/").json()["attendances"]
            return next(r["leave_reason"] for r in rows if r["person"] == handler.pk)

        assert reason(handler) == "病假"
        assert reason(clerk) == "病假"
        assert reason(peer) == ""


class TestCreate:
    @pytest.fixture(autouse=True)
    def _host(self, planning_head):
        """The payload's host: the handler's department head."""

    def test_the_clerk_arranges_a_meeting(self, clerk, handler, room):
        response = api(clerk).post(BASE, payload(handler, room), format="json")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["agenda"] == [{"order": 1, "title": "研究防汛工作", "presenter": ""}]
        assert [a["person_name"] for a in body["attendances"]] == ["赵科长", "李承办"]
        meeting = Meeting.objects.get()
        assert meeting.history.first().history_user == clerk

    def test_an_overlap_is_a_400_naming_the_room(self, clerk, handler, room):
        api(clerk).post(BASE, payload(handler, room), format="json")
        response = api(clerk).post(
            BASE,
            payload(handler, room, start="2026-06-02T10:00:00+08:00", end="2026-06-02T12:00:00+08:00"),
            format="json",
        )
        assert response.status_code == 400
        assert "占用" in response.json()["room"][0]
        assert Meeting.objects.count() == 1

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"end": "2026-06-02T08:00:00+08:00"}, "end"),
            ({"title": ""}, "title"),
            ({"room": None}, "room"),
            ({"start": "not a time"}, "start"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field(self, clerk, handler, room, change, field):
        response = api(clerk).post(BASE, payload(handler, room, **change), format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert not Meeting.objects.exists()

    def test_a_handler_may_not_arrange(self, handler, room):
        assert api(handler).post(BASE, payload(handler, room), format="json").status_code == 403
        assert not Meeting.objects.exists()


class TestRoomsApi:
    def test_the_administrator_adds_a_room_and_a_duplicate_is_refused(self, administrator):
        response = api(administrator).post(f"{BASE}rooms/", {"name": "六楼会议室", "capacity": 12}, format="json")
        assert response.status_code == 201
        assert Room.objects.get(name="六楼会议室").history.first().history_user == administrator
        response = api(administrator).post(f"{BASE}rooms/", {"name": "六楼会议室", "capacity": 12}, format="json")
        assert response.status_code == 400 and "name" in response.json()

    def test_a_handler_may_not_add_rooms(self, handler):
        assert api(handler).post(f"{BASE}rooms/", {"name": "X", "capacity": 3}, format="json").status_code == 403


class TestActions:
    def test_leave_without_a_reason_is_a_400(self, meeting, handler):
        meeting.start = timezone.now() + datetime.timedelta(days=1)
        meeting.end = meeting.start + datetime.timedelta(hours=1)
        meeting.save()
        response = api(handler).post(f"{BASE}{meeting.pk}/leave/", {"reason": ""}, format="json")
        assert response.status_code == 400 and "reason" in response.json()
        response = api(handler).post(f"{BASE}{meeting.pk}/leave/", {"reason": "出差"}, format="json")
        assert response.status_code == 200
        assert meeting.attendances.get(person=handler).response == AttendanceResponse.LEAVE

    def test_the_attendee_signs_in_with_the_token_and_is_late(self, meeting, handler):
        response = api(handler).post(f"{BASE}{meeting.pk}/sign-in/", {"token": meeting.sign_in_token}, format="json")
        assert response.status_code == 200
        row = next(r for r in response.json()["attendances"] if r["person"] == handler.pk)
        assert row["late"] is True and row["status"] == "late"

    def test_a_wrong_sign_in_token_is_403(self, meeting, handler):
        response = api(handler).post(f"{BASE}{meeting.pk}/sign-in/", {"token": "x"}, format="json")
        assert response.status_code == 403

    def test_the_organiser_records_a_decision_which_opens_a_supervised_item(self, meeting, clerk, handler):
        response = api(clerk).post(
            f"{BASE}{meeting.pk}/decisions/",
            {
                "text": "完成河道清障",
                "department": handler.department_id,
                "responsible": handler.pk,
                "deadline": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            },
            format="json",
        )
        assert response.status_code == 201
        decision = response.json()["decisions"][0]
        assert decision["supervised_item_phase"] == "in_progress"
        assert SupervisedItem.objects.get(pk=decision["supervised_item"]).category == "meeting"

    def test_a_decision_without_a_deadline_is_a_400(self, meeting, clerk, handler):
        response = api(clerk).post(
            f"{BASE}{meeting.pk}/decisions/",
            {"text": "x", "department": handler.department_id, "responsible": handler.pk},
            format="json",
        )
        assert response.status_code == 400 and "deadline" in response.json()
        assert not SupervisedItem.objects.exists()

    @pytest.mark.parametrize(("persona", "status"), [("handler", 403), ("other_handler", 404), ("clerk", 200)])
    def test_who_may_cancel(self, request, meeting, persona, status):
        meeting.start = timezone.now() + datetime.timedelta(days=1)
        meeting.end = meeting.start + datetime.timedelta(hours=1)
        meeting.save()
        user = request.getfixturevalue(persona)
        response = api(user).post(f"{BASE}{meeting.pk}/cancel/", {"reason": "改期"}, format="json")
        assert response.status_code == status
        meeting.refresh_from_db()
        assert meeting.state == (MeetingState.CANCELLED if status == 200 else MeetingState.PLANNED)

    def test_the_host_marks_the_meeting_held(self, meeting, leader):
        assert api(leader).post(f"{BASE}{meeting.pk}/held/").status_code == 200
        meeting.refresh_from_db()
        assert meeting.state == MeetingState.HELD


def test_the_api_list_costs_the_same_for_2_and_20_meetings(clerk, leader):
    client = api(clerk)
    client.get(BASE)  # the permissions cache of the user object fills on the first request
    counts = []
    for n in (2, 18):
        for _ in range(n):
            meeting = MeetingFactory(host=leader, room=None, is_video=True)
            AttendanceFactory(meeting=meeting, person=clerk, seat_order=1)
            AttendanceFactory(meeting=meeting, person=leader, seat_order=2)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(BASE)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert response.json()["count"] == 20
    assert counts[0] == counts[1]


def test_the_organiser_adds_an_attendee_through_the_api(meeting, clerk, other_handler, handler):
    meeting.start = timezone.now() + datetime.timedelta(days=1)
    meeting.end = meeting.start + datetime.timedelta(hours=1)
    meeting.save()
    response = api(clerk).post(f"{BASE}{meeting.pk}/attendees/", {"attendees": [other_handler.pk]}, format="json")
    assert response.status_code == 200
    assert other_handler.pk in [a["person"] for a in response.json()["attendances"]]
    # The newcomer now sees the meeting; an attendee may not add people.
    assert api(other_handler).get(f"{BASE}{meeting.pk}/").status_code == 200
    assert api(handler).post(f"{BASE}{meeting.pk}/agenda/", {"agenda": ["x"]}, format="json").status_code == 403
