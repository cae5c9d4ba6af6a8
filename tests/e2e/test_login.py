"""A person logs in through the real login form, in Chromium, and the pages satisfy the CSP."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, SupervisedItemFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username, password):
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_the_leader_logs_in_and_sees_the_dashboard_chart(page, console, live_server, leader, handler):
    year = datetime.date.today().year
    SupervisedItemFactory(
        owner_department=handler.department,
        responsible=handler,
        start_date=datetime.date(year, 1, 5),
        deadline=datetime.date(year, 12, 20),
    )

    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/dashboard/$"))
    expect(page.locator("h1")).to_have_text("用户登录")
    page.wait_for_load_state("load")
    assert console.csp_violations() == []
    console.clear()

    log_in(page, "leader", DEFAULT_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(page.locator("h1.page-title")).to_have_text("督办看板")
    expect(page.locator("#dashboard-chart canvas").first).to_be_visible()
    expect(page.locator(".app-sidebar .nav-link.active")).to_have_text("督办看板")
    page.wait_for_load_state("networkidle")
    assert console.csp_violations() == []
    assert console.errors == []


def test_five_wrong_passwords_show_the_locked_page(page, console, handler):
    page.goto("/accounts/login/")
    for _ in range(4):
        log_in(page, "handler", "Wrong#2026pw")
        expect(page.locator(".alert-danger")).to_contain_text("用户名或密码不正确")
    log_in(page, "handler", "Wrong#2026pw")
    expect(page.locator("h1")).to_have_text("账户已锁定")
    expect(page.locator(".lockout-time")).to_contain_text("30 分钟")
    assert console.csp_violations() == []


def test_logging_out_from_the_user_menu(page, console, handler):
    page.goto("/accounts/login/")
    log_in(page, "handler", DEFAULT_PASSWORD)
    expect(page.locator("h1.page-title")).to_contain_text("您好")
    page.click("#user-menu")
    page.get_by_role("button", name="退出登录").click()
    expect(page.locator(".alert-success")).to_contain_text("您已安全退出系统")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    assert console.csp_violations() == []
