"""The clerk arranges a meeting in Chromium; the attendee signs in from the QR link on a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting, MeetingType
from tests.factories import DEFAULT_PASSWORD
from tests.meetings.factories import RoomFactory, meeting_type

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("button[type=submit]")


def test_the_clerk_arranges_a_meeting_and_the_attendee_signs_in(
    page, console, browser, live_server, clerk, handler, leader
):
    RoomFactory(name="三楼第一会议室", capacity=20)
    meeting_type("special")
    assert MeetingType.objects.exists()
    start = timezone.localtime() + datetime.timedelta(minutes=30)
    log_in(page, "clerk")
    page.goto("/meetings/new/")
    page.fill("#id_title", "防汛工作专题会议")
    page.select_option("#id_meeting_type", label="专题会议")
    page.fill("#id_start", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_end", (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.select_option("#id_room", label="三楼第一会议室")
    page.select_option("#id_attendees", value=str(handler.pk))
    page.fill("#id_agenda", "汛前检查情况\n防汛物资储备")
    page.click("main form[method=post] button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已安排会议")
    qr = page.locator("img.sign-in-qr")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the data: SVG loaded under the CSP

    meeting = Meeting.objects.get()
    assert meeting.host == leader  # proposed by the form: a leader presides, not the clerk
    phone = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 390, "height": 800})
    mobile = phone.new_page()
    log_in(mobile, "handler")
    mobile.goto(f"/meetings/{meeting.pk}/sign-in/{meeting.sign_in_token}/")
    mobile.click("button.sign-in-button")
    expect(mobile.locator(".sign-in-done")).to_be_visible()
    phone.close()

    page.reload()
    expect(page.locator("table").first).to_contain_text("已签到")
    page.goto("/meetings/calendar/")
    expect(page.locator(".calendar-week")).to_contain_text("防汛工作专题会议")
    assert console.csp_violations() == []
    assert console.errors == []


def test_a_free_slot_in_the_week_opens_the_booking_form_filled_in(page, console, clerk, leader):
    import os
    from pathlib import Path

    room = RoomFactory(name="三楼第一会议室", capacity=20)
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    meeting_type("special")
    Meeting.objects.create(
        title="防汛工作专题会议",
        meeting_type=MeetingType.objects.get(code="special"),
        host=leader,
        organiser=clerk,
        room=room,
        start=timezone.make_aware(datetime.datetime.combine(monday, datetime.time(9))),
        end=timezone.make_aware(datetime.datetime.combine(monday, datetime.time(11))),
    )
    log_in(page, "clerk")
    page.goto(f"/meetings/calendar/?date={monday.isoformat()}")
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/calendar-week.png", full_page=True)
    # Monday morning is taken: the room's first free slot that day is the afternoon.
    monday_cell = page.locator(".calendar-week tbody tr").first.locator("td").first
    expect(monday_cell.locator(".calendar-free")).to_have_count(1)
    monday_cell.locator(".calendar-free").click()
    expect(page.locator("#id_start")).to_have_value(f"{monday.isoformat()}T14:30")
    expect(page.locator("#id_end")).to_have_value(f"{monday.isoformat()}T17:30")
    assert page.eval_on_selector("#id_room", "s => s.value") == str(room.pk)

    page.goto(f"/meetings/calendar/?view=month&date={monday.isoformat()}")
    expect(page.locator(".calendar-month td.calendar-other").first).to_be_visible()
    if folder:
        page.screenshot(path=f"{folder}/calendar-month.png", full_page=True)
    assert console.csp_violations() == []
    assert console.errors == []
