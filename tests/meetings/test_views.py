import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.choices import AttendanceResponse, MeetingState
from meetings.models import Meeting
from office.models import SupervisedItem
from tests.factories import UserFactory

from .factories import AttendanceFactory, MeetingFactory, RoomFactory, at, meeting_type

pytestmark = pytest.mark.django_db


def as_user(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def room(db):
    return RoomFactory(name="三楼会议室", capacity=30)


@pytest.fixture
def meeting(clerk, leader, handler, room):
    """A meeting under way: started an hour ago, the handler invited."""
    start = timezone.now() - datetime.timedelta(hours=1)
    return services.meeting_create(
        actor=clerk,
        title="防汛工作专题会议",
        meeting_type=meeting_type("special"),
        host=leader,
        start=start,
        end=start + datetime.timedelta(hours=3),
        room=room,
        attendees=[handler],
        agenda=["汛前检查情况汇报", "防汛物资储备"],
    )


class TestAccess:
    @pytest.mark.parametrize("name", ["meetings:list", "meetings:create", "meetings:calendar", "meetings:rooms"])
    def test_anonymous_is_sent_to_login(self, client, name):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("handler", 200), ("clerk", 200), ("leader", 200), ("other_handler", 404), ("outsider", 404)],
    )
    def test_who_sees_a_meeting(self, client, request, meeting, persona, status):
        response = as_user(client, request.getfixturevalue(persona)).get(reverse("meetings:detail", args=[meeting.pk]))
        assert response.status_code == status
        if status == 200:
            assert "防汛工作专题会议" in response.text and "防汛物资储备" in response.text

    def test_the_register_lists_only_the_meetings_one_attends(self, client, meeting, handler, other_handler):
        assert "防汛工作专题会议" in as_user(client, handler).get(reverse("meetings:list")).text
        assert "防汛工作专题会议" not in as_user(client, other_handler).get(reverse("meetings:list")).text

    @pytest.mark.parametrize(("persona", "status"), [("clerk", 200), ("leader", 200), ("handler", 403), ("hr", 403)])
    def test_who_may_arrange_meetings(self, client, request, persona, status):
        assert as_user(client, request.getfixturevalue(persona)).get(reverse("meetings:create")).status_code == status

    def test_the_qr_code_is_shown_to_the_organiser_not_to_attendees(self, client, meeting, clerk, handler):
        page = as_user(client, clerk).get(reverse("meetings:detail", args=[meeting.pk])).text
        assert 'src="data:image/svg+xml' in page
        assert reverse("meetings:sign_in", args=[meeting.pk, meeting.sign_in_token]) in page
        page = as_user(client, handler).get(reverse("meetings:detail", args=[meeting.pk])).text
        assert meeting.sign_in_token not in page


class TestCreatePage:
    def post(self, client, clerk, handler, room, **change):
        data = {
            "title": "二季度局务会议",
            "meeting_type": meeting_type("bureau_affairs").pk,
            "host": clerk.pk,
            "start": "2026-05-12T09:00",
            "end": "2026-05-12T11:00",
            "room": room.pk,
            "required_arrival_minutes": "15",
            "attendees": [handler.pk],
            "agenda": "一季度工作总结\n二季度工作安排",
            **change,
        }
        return as_user(client, clerk).post(reverse("meetings:create"), data)

    def test_the_clerk_arranges_a_meeting(self, client, clerk, handler, room):
        response = self.post(client, clerk, handler, room)
        meeting = Meeting.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("meetings:detail", args=[meeting.pk])
        assert list(meeting.agenda_items.values_list("title", flat=True)) == ["一季度工作总结", "二季度工作安排"]
        assert meeting.start == at(2026, 5, 12, 9)
        assert meeting.history.first().history_user == clerk

    def test_an_overlap_is_shown_on_the_room_field(self, client, clerk, handler, room):
        self.post(client, clerk, handler, room)
        response = self.post(client, clerk, handler, room, title="另一个会", start="2026-05-12T10:00")
        assert response.status_code == 400
        assert "会议室：会议室“三楼会议室”在该时段已被“二季度局务会议”" in response.text
        assert Meeting.objects.count() == 1

    def test_bad_input_is_shown_on_the_field_and_nothing_is_written(self, client, clerk, handler, room):
        response = self.post(client, clerk, handler, room, title="", end="2026-05-12T08:00")
        assert response.status_code == 400
        assert "会议名称：该字段是必填项。" in response.text
        assert not Meeting.objects.exists()


    def test_the_host_defaults_to_the_highest_ranking_leader_not_the_clerk(self, client, clerk, leader):
        leader.position = "副局长"
        leader.save()
        chief = UserFactory(name="张局长", position="局长", department=None, roles=["leader"])
        response = as_user(client, clerk).get(reverse("meetings:create"))
        assert response.context["form"]["host"].value() == chief.pk

    def test_a_leader_arranging_a_meeting_hosts_it(self, client, leader):
        response = as_user(client, leader).get(reverse("meetings:create"))
        assert response.context["form"]["host"].value() == leader.pk

    def test_the_form_opens_on_the_slot_chosen_in_the_calendar(self, client, clerk, leader, room):
        url = reverse("meetings:create") + f"?room={room.pk}&start=2026-05-12T14:00"
        form = as_user(client, clerk).get(url).context["form"]
        assert form["room"].value() == room.pk
        assert form["start"].value() == "2026-05-12T14:00"
        assert form["end"].value() == "2026-05-12T15:00"

    def test_a_bad_slot_in_the_address_is_ignored(self, client, clerk, leader, room):
        url = reverse("meetings:create") + "?room=abc&start=not-a-time"
        response = as_user(client, clerk).get(url)
        assert response.status_code == 200
        assert response.context["form"]["start"].value() is None


class TestActions:
    def url(self, meeting, action):
        return reverse("meetings:action", args=[meeting.pk, action])

    def test_an_attendee_asks_leave_with_a_reason(self, client, clerk, handler, room):
        meeting = services.meeting_create(
            actor=clerk,
            title="党组会议",
            meeting_type=meeting_type("party_group"),
            host=clerk,
            start=timezone.now() + datetime.timedelta(days=2),
            end=timezone.now() + datetime.timedelta(days=2, hours=2),
            room=room,
            attendees=[handler],
        )
        response = as_user(client, handler).post(self.url(meeting, "leave"), {"leave-reason": ""})
        assert response.status_code == 400
        assert "请假事由：该字段是必填项。" in response.text
        response = client.post(self.url(meeting, "leave"), {"leave-reason": "赴省厅汇报"})
        assert response.status_code == 302
        attendance = meeting.attendances.get(person=handler)
        assert (attendance.response, attendance.leave_reason) == (AttendanceResponse.LEAVE, "赴省厅汇报")
        assert attendance.history.first().history_user == handler

    def test_an_attendee_may_not_cancel(self, client, meeting, handler):
        assert as_user(client, handler).post(self.url(meeting, "cancel"), {"cancel-reason": "x"}).status_code == 403
        meeting.refresh_from_db()
        assert meeting.state == MeetingState.PLANNED

    def test_another_department_is_404(self, client, meeting, other_handler):
        assert as_user(client, other_handler).post(self.url(meeting, "confirm"), {}).status_code == 404

    def test_the_organiser_records_a_decision_and_the_page_shows_its_progress(self, client, meeting, clerk, handler):
        deadline = timezone.localdate() + datetime.timedelta(days=30)
        response = as_user(client, clerk).post(
            self.url(meeting, "decision"),
            {
                "decision-text": "完成防汛物资补充采购",
                "decision-department": handler.department_id,
                "decision-responsible": handler.pk,
                "decision-deadline": deadline.isoformat(),
            },
        )
        assert response.status_code == 302
        item = SupervisedItem.objects.get()
        page = client.get(reverse("meetings:detail", args=[meeting.pk])).text
        assert "完成防汛物资补充采购" in page
        assert reverse("supervision:detail", args=[item.pk]) in page
        assert "办理中" in page

    def test_a_decision_for_the_wrong_person_is_shown_on_the_field(
        self, client, meeting, clerk, other_handler, handler
    ):
        response = as_user(client, clerk).post(
            self.url(meeting, "decision"),
            {
                "decision-text": "完成采购",
                "decision-department": handler.department_id,
                "decision-responsible": other_handler.pk,
                "decision-deadline": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            },
        )
        assert response.status_code == 400
        assert "责任人：责任人须为牵头科室（规划科）的人员。" in response.text
        assert not SupervisedItem.objects.exists()

    def test_the_organiser_signs_a_person_in_by_hand(self, client, meeting, clerk, handler):
        response = as_user(client, clerk).post(self.url(meeting, "signin"), {"signin-person": handler.pk})
        assert response.status_code == 302
        attendance = meeting.attendances.get(person=handler)
        assert attendance.signed_in_by == clerk and attendance.late is True
        page = client.get(reverse("meetings:detail", args=[meeting.pk])).text
        assert "迟到" in page

    def test_the_host_sees_absences_once_the_meeting_has_started(self, client, meeting, leader):
        page = as_user(client, leader).get(reverse("meetings:detail", args=[meeting.pk])).text
        assert "未到" in page and "row-absent" in page


class TestSignInPage:
    def url(self, meeting, token=None):
        return reverse("meetings:sign_in", args=[meeting.pk, token or meeting.sign_in_token])

    def test_the_attendee_signs_in_from_the_qr_link(self, client, meeting, handler):
        page = as_user(client, handler).get(self.url(meeting))
        assert page.status_code == 200 and "签到</button>" in page.text
        response = client.post(self.url(meeting))
        assert response.status_code == 302
        attendance = meeting.attendances.get(person=handler)
        assert attendance.signed_in_at is not None and attendance.late is True
        assert "您已签到" in client.get(self.url(meeting)).text

    def test_a_wrong_token_is_404(self, client, meeting, handler):
        assert as_user(client, handler).get(self.url(meeting, "wrong")).status_code == 404

    def test_someone_not_invited_is_told_and_cannot_sign_in(self, client, meeting, other_handler):
        assert "不在本次会议的参会名单中" in as_user(client, other_handler).get(self.url(meeting)).text
        assert client.post(self.url(meeting)).status_code == 403

    def test_anonymous_is_sent_to_login(self, client, meeting):
        assert client.get(self.url(meeting)).status_code == 302


class TestSeating:
    def test_the_organiser_reorders_the_seats(self, client, meeting, clerk):
        rows = list(meeting.attendances.order_by("seat_order"))
        data = {f"seat-{row.pk}": str(len(rows) - n) for n, row in enumerate(rows)}
        response = as_user(client, clerk).post(reverse("meetings:seating", args=[meeting.pk]), data)
        assert response.status_code == 302
        assert list(meeting.attendances.order_by("seat_order").values_list("pk", flat=True)) == [
            r.pk for r in reversed(rows)
        ]

    def test_an_attendee_may_not_change_seats(self, client, meeting, handler):
        assert as_user(client, handler).get(reverse("meetings:seating", args=[meeting.pk])).status_code == 403


def _meetings(n, *, people, room_names=("一号会议室", "二号会议室")):
    rooms = [RoomFactory(name=name) for name in room_names]
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    tz = timezone.get_current_timezone()
    for k in range(n):
        day = monday + datetime.timedelta(days=k % 5)
        start = datetime.datetime.combine(day, datetime.time(8 + k // 5 % 10), tzinfo=tz)
        meeting = MeetingFactory(
            room=rooms[k % 2] if k % 3 else None,
            is_video=not k % 3,
            start=start,
            end=start + datetime.timedelta(minutes=50),
            host=people[0],
            meeting_type=meeting_type(["party_group", "bureau_affairs", "special"][k % 3]),
        )
        for n_, person in enumerate(people, start=1):
            AttendanceFactory(meeting=meeting, person=person, seat_order=n_)


class TestQueryCounts:
    @pytest.mark.parametrize("url", ["/meetings/", "/meetings/calendar/", "/meetings/calendar/?view=month"])
    @pytest.mark.parametrize("persona", ["clerk", "handler"])
    def test_lists_and_calendars_cost_the_same_for_2_and_20_meetings(self, client, request, url, persona):
        user = request.getfixturevalue(persona)
        people = [user, request.getfixturevalue("leader")]
        as_user(client, user)
        counts = []
        for n, names in ((2, ("一号会议室", "二号会议室")), (18, ("三号会议室", "四号会议室"))):
            _meetings(n, people=people, room_names=names)
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            assert response.status_code == 200
            counts.append(len(ctx.captured_queries))
        assert Meeting.objects.count() == 20
        assert counts[0] == counts[1]

    def test_the_register_costs_a_fixed_number_of_queries(self, client, clerk, leader, django_assert_num_queries):
        _meetings(20, people=[clerk, leader])
        as_user(client, clerk)
        # session, user, groups/permissions, the count, the page of meetings, and the
        # navigation's (other apps' menu rules included) and notification badge's reads: none
        # grows with the rows; a cold content-type cache can add one.
        client.get(reverse("meetings:list"))
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("meetings:list"))
        with django_assert_num_queries(len(ctx.captured_queries)):
            response = client.get(reverse("meetings:list"))
        assert response.status_code == 200
        assert len(ctx.captured_queries) <= 14

    def test_the_week_shows_each_meeting_in_its_room_row(self, client, clerk, leader):
        _meetings(6, people=[clerk, leader])
        page = as_user(client, clerk).get(reverse("meetings:calendar")).text
        assert page.count('class="calendar-event type-') - 5 == 6  # five in the legend
        assert "视频会议" in page


@pytest.mark.parametrize("api", [False, True])
def test_a_meeting_page_costs_the_same_for_2_and_20_attendees(client, clerk, leader, api):
    meeting = MeetingFactory(host=leader, organiser=clerk, start=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(clerk)
    url = f"/api/v1/meetings/{meeting.pk}/" if api else reverse("meetings:detail", args=[meeting.pk])
    client.get(url)
    counts = []
    for n in (2, 18):
        for _ in range(n):
            AttendanceFactory(meeting=meeting, person=UserFactory(department=clerk.department))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert meeting.attendances.count() == 20
    assert counts[0] == counts[1]


class TestSiteUrl:
    def test_the_sign_in_qr_points_to_the_site_url_not_the_request_host(self, client, clerk, leader, settings):
        settings.SITE_URL = "https://oa.example.gov.cn/"
        meeting = MeetingFactory(host=leader, organiser=clerk, start=timezone.now() + datetime.timedelta(hours=1))
        response = as_user(client, clerk).get(reverse("meetings:detail", args=[meeting.pk]), HTTP_HOST="127.0.0.1")
        path = reverse("meetings:sign_in", args=[meeting.pk, meeting.sign_in_token])
        assert response.context["sign_in_url"] == f"https://oa.example.gov.cn{path}"
        assert "http://127.0.0.1" not in response.text


class TestCalendarSlots:
    """The week view offers the free half-days of each room as links to the booking form."""

    def week_of(self, client, user, day):
        return as_user(client, user).get(reverse("meetings:calendar"), {"date": day.isoformat()})

    def next_monday(self):
        today = timezone.localdate()
        return today + datetime.timedelta(days=7 - today.weekday())

    def cell(self, response, room, day):
        row = next(r for r in response.context["rows"] if r["room"] == room)
        return next(c for c in row["cells"] if c["day"] == day)

    def test_a_room_busy_in_the_morning_offers_only_the_afternoon(self, client, clerk, leader, room):
        monday = self.next_monday()
        MeetingFactory(
            host=leader,
            organiser=clerk,
            room=room,
            start=at(monday.year, monday.month, monday.day, 9),
            end=at(monday.year, monday.month, monday.day, 11),
        )
        response = self.week_of(client, clerk, monday)
        free = self.cell(response, room, monday)["free"]
        assert [slot["label"] for slot in free] == ["下午"]
        url = free[0]["url"]
        assert url.startswith(reverse("meetings:create")) and f"room={room.pk}" in url
        assert f"start={monday.isoformat()}T14%3A30" in url
        tuesday = monday + datetime.timedelta(days=1)
        assert [slot["label"] for slot in self.cell(response, room, tuesday)["free"]] == ["上午", "下午"]
        assert f'href="{url.replace("&", "&amp;")}"' in response.text

    def test_the_weekend_and_the_past_offer_no_slot(self, client, clerk, room):
        monday = self.next_monday()
        response = self.week_of(client, clerk, monday)
        assert self.cell(response, room, monday + datetime.timedelta(days=5))["free"] == []
        last_monday = monday - datetime.timedelta(days=14)
        assert self.cell(self.week_of(client, clerk, last_monday), room, last_monday)["free"] == []

    def test_who_may_not_arrange_meetings_sees_no_slot(self, client, handler, room):
        monday = self.next_monday()
        response = self.week_of(client, handler, monday)
        assert self.cell(response, room, monday)["free"] == []
        assert "calendar-free" not in response.text


def test_the_month_dims_the_days_of_the_months_around_it(client, clerk):
    response = as_user(client, clerk).get(reverse("meetings:calendar"), {"view": "month", "date": "2026-04-15"})
    cells = [cell for week in response.context["weeks"] for cell in week]
    outside = [cell for cell in cells if cell["day"].month != 4]
    assert outside and all(cell["other"] for cell in outside)
    assert response.text.count('class="calendar-other') == len(outside)
    assert "calendar-other" not in str([c for c in cells if c["day"].month == 4 and c["other"]])
