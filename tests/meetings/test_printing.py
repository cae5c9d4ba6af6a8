import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings import services
from meetings.printing import minutes_pdf
from tests.factories import UserFactory

from .factories import RoomFactory, meeting_type

pytestmark = pytest.mark.django_db


def text_of(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [re.sub(r"\s+", "", page.extract_text() or "") for page in reader.pages]


@pytest.fixture
def meeting(clerk, leader, handler, planning_head, other_handler):
    start = timezone.now() - datetime.timedelta(hours=2)
    meeting = services.meeting_create(
        actor=clerk,
        title="水资源管理专题会议",
        meeting_type=meeting_type("special"),
        host=leader,
        start=start,
        end=start + datetime.timedelta(hours=2),
        room=RoomFactory(name="二楼会议室"),
        attendees=[handler, planning_head, UserFactory(name="欧阳晓明", department=handler.department)],
        observers=[other_handler],
    )
    services.attendance_ask_leave(actor=planning_head, meeting=meeting, reason="外出督查")
    return meeting


def test_seat_cards_print_one_landscape_sheet_per_person_in_seating_order(client, meeting, clerk):
    rows = list(meeting.attendances.exclude(response="leave").order_by("seat_order"))
    # Put the observer first: the sheets follow the seating list.
    services.meeting_set_seating(
        actor=clerk,
        meeting=meeting,
        attendance_ids=[rows[-1].pk, *[r.pk for r in rows[:-1]], meeting.attendances.get(response="leave").pk],
    )
    client.force_login(clerk)
    response = client.get(reverse("meetings:seat_cards", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader, pages = text_of(response.content)
    expected = ["周承办", "陈局长", "李承办", "欧阳晓明"]
    assert len(pages) == len(expected)  # the person on leave gets no card
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height  # landscape
    for text, name in zip(pages, expected, strict=True):
        assert name in text
    assert "赵科长" not in "".join(pages)


def test_an_attendee_may_not_print_seat_cards(client, meeting, handler):
    client.force_login(handler)
    assert client.get(reverse("meetings:seat_cards", args=[meeting.pk])).status_code == 403


def test_the_minutes_print_with_the_attendance_lists(meeting, clerk, handler):
    services.meeting_record_minutes(
        actor=clerk, meeting=meeting, minutes="会议听取了规划科关于水资源公报编制的汇报。", minutes_title="专题会议纪要"
    )
    services.decision_add(
        actor=clerk,
        meeting=meeting,
        text="按期完成水资源公报编制",
        department=handler.department,
        responsible=handler,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    meeting.refresh_from_db()
    _reader, pages = text_of(minutes_pdf(meeting))
    text = "".join(pages)
    assert "专题会议纪要" in text
    assert "水资源公报编制的汇报" in text
    assert "按期完成水资源公报编制" in text
    assert "出席：陈局长、李承办、欧阳晓明" in text
    assert "请假：赵科长" in text
    assert "列席：周承办" in text


def test_seat_cards_put_the_higher_rank_first_then_the_order_chosen(clerk, leader, handler, settings):
    from meetings.selectors import seat_card_attendances

    leader.position, handler.position = "局长", "一级科员"
    leader.save()
    handler.save()
    head = UserFactory(name="钱科长", position="科长", department=handler.department)
    deputy = UserFactory(name="孙副局长", position="副局长")
    start = timezone.now() + datetime.timedelta(days=1)
    meeting = services.meeting_create(
        actor=clerk,
        title="防汛工作部署会",
        meeting_type=meeting_type("special"),
        host=leader,
        start=start,
        end=start + datetime.timedelta(hours=1),
        room=RoomFactory(name="三楼会议室"),
        attendees=[handler, head, deputy],
    )
    names = [a.person.name for a in seat_card_attendances(meeting)]
    assert names.index("陈局长") < names.index("孙副局长") < names.index("钱科长") < names.index("李承办")
    # A configured precedence replaces the built-in one.
    settings.MEETINGS_RANK_PRECEDENCE = ["一级科员", "科长"]
    names = [a.person.name for a in seat_card_attendances(meeting)]
    assert names.index("李承办") < names.index("钱科长") < names.index("陈局长")
