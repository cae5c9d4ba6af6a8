"""The organisation-tree picker in Chromium: people found by pinyin initials, chosen as chips,
the people list following the department chosen; the 收文 page offering one next step.

Set E2E_SCREENSHOTS=<folder> to keep screenshots of the pages looked at."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from documents.choices import IncomingStatus
from meetings.models import Meeting
from tests.documents.factories import IncomingFactory
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.meetings.factories import RoomFactory, meeting_type

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("button[type=submit]")


def shoot(page, name):
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def test_the_clerk_finds_attendees_by_pinyin_initials_and_chooses_two(
    page, console, clerk, leader, planning, other_dept
):
    zhao = UserFactory(username="zhaomin", name="赵敏", department=planning, position="一级主任科员")
    qian = UserFactory(username="qianduo", name="钱多多", department=other_dept, position="科员")
    UserFactory(username="zhoumin", name="周民", department=other_dept)
    RoomFactory(name="三楼第一会议室", capacity=20)
    meeting_type("special")
    start = timezone.localtime() + datetime.timedelta(days=1)

    log_in(page, "clerk")
    page.goto("/meetings/new/")
    # The host is proposed: a leader, shown as the single picker's one chip.
    expect(page.locator("#id_host + .picker .picker-chip")).to_have_text("陈局长×")

    search = page.locator("#id_attendees_search")
    search.click()
    search.fill("zm")
    menu = page.locator("#id_attendees + .picker .picker-menu")
    expect(menu).to_be_visible()
    expect(menu.locator(".picker-option")).to_have_count(2)  # 赵敏 and 周民
    expect(menu.locator(".picker-group")).to_have_count(2)  # grouped by their departments
    expect(menu.locator(".picker-option").first).to_contain_text("赵敏")
    shoot(page, "picker-pinyin-search")
    search.press("Enter")

    search.fill("qdd")
    expect(menu.locator(".picker-option")).to_have_count(1)
    menu.locator(".picker-option", has_text="钱多多").click()
    chips = page.locator("#id_attendees + .picker .picker-chip")
    expect(chips).to_have_count(2)
    expect(chips.nth(0)).to_contain_text("赵敏")
    expect(chips.nth(1)).to_contain_text("钱多多")
    # Full pinyin finds people too; a chip's × removes it and the select follows.
    search.fill("zhaomin")
    expect(menu.locator(".picker-option")).to_have_count(1)
    search.press("Escape")
    chips.nth(1).locator(".picker-chip-remove").click()
    expect(chips).to_have_count(1)
    search.fill("qianduoduo")
    search.press("Enter")
    expect(chips).to_have_count(2)
    selected = page.eval_on_selector("#id_attendees", "s => Array.from(s.selectedOptions).map(o => o.value)")
    assert sorted(selected) == sorted([str(zhao.pk), str(qian.pk)])

    page.fill("#id_title", "防汛工作专题会议")
    page.select_option("#id_meeting_type", label="专题会议")
    page.fill("#id_start", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_end", (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.select_option("#id_room", label="三楼第一会议室")
    page.click("main form[method=post] button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已安排会议")
    meeting = Meeting.objects.get()
    assert meeting.host == leader
    assert {"赵敏", "钱多多"} <= set(meeting.attendances.values_list("person__name", flat=True))
    assert console.csp_violations() == []
    assert console.errors == []


def test_the_incoming_page_offers_one_step_and_the_handler_list_follows_the_department(
    page, console, clerk, leader, handler, other_handler, planning
):
    deadline = timezone.localdate() + datetime.timedelta(days=12)
    reviewed = IncomingFactory(status=IncomingStatus.REVIEWED, title="关于开展汛前安全检查的通知", deadline=deadline)
    registered = IncomingFactory(status=IncomingStatus.REGISTERED, title="关于报送河湖长制工作总结的通知")
    log_in(page, "clerk")
    page.goto(f"/documents/incoming/{registered.pk}/")
    expect(page.locator("#action-review .badge")).to_have_text("下一步")
    expect(page.locator("details.more-actions summary")).to_contain_text("作废")
    shoot(page, "incoming-at-review")
    page.goto(f"/documents/incoming/{reviewed.pk}/")
    expect(page.locator("#action-propose")).to_be_visible()
    expect(page.locator("#action-assign")).to_be_hidden()  # behind 更多
    expect(page.locator("#action-void")).to_be_hidden()
    shoot(page, "incoming-after-review")
    page.locator("details.more-actions summary").click()
    expect(page.locator("#action-assign")).to_be_visible()
    expect(page.locator("#id_assign-deadline")).to_have_value(deadline.isoformat())

    # 分送: the department first, then only its people are offered.
    page.locator("#id_assign-lead_department_search").fill("ghk")  # 规划科
    page.locator("#id_assign-lead_department_search").press("Enter")
    responsible = page.locator("#id_assign-responsible_search")
    responsible.click()
    options = page.locator("#id_assign-responsible + .picker .picker-option")
    expect(options).to_have_count(1)  # not 河湖管理科's 周承办, nor the leader without a department
    expect(options.first).to_contain_text(handler.name)
    shoot(page, "incoming-assign-picker")
    responsible.press("Escape")

    # 作废 asks first; cancelling leaves the document as it was.
    page.fill("#id_void-reason", "重复登记")
    page.click("#action-void button[type=submit]")
    expect(page.locator("#confirm-modal")).to_be_visible()
    page.locator("#confirm-modal [data-bs-dismiss=modal]").first.click()
    reviewed.refresh_from_db()
    assert reviewed.status == IncomingStatus.REVIEWED
    page.click("#action-void button[type=submit]")
    page.locator("#confirm-modal [data-confirm-accept]").click()
    expect(page.locator(".alert-success")).to_contain_text("已作废")
    reviewed.refresh_from_db()
    assert reviewed.status == IncomingStatus.VOIDED
    assert console.csp_violations() == []
    assert console.errors == []
