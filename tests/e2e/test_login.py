"""A person logs in through the real login form, in Chromium, and the pages satisfy the CSP."""

import datetime
import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
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

    # A leader needs the second factor (OTP_REQUIRED_ROLES): the code from their authenticator.
    device = TOTPDevice.objects.create(user=leader, name="test", confirmed=True)
    log_in(page, "leader", DEFAULT_PASSWORD)
    expect(page.locator("h1")).to_have_text("两步验证")
    page.fill("#id_code", f"{TOTP(device.bin_key).token():06d}")
    page.click("button[type=submit]")
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


def test_a_leader_enrols_an_authenticator_by_qr_code_at_first_login(page, console, live_server, leader):
    page.goto("/accounts/login/?next=/dashboard/")
    log_in(page, "leader", DEFAULT_PASSWORD)
    expect(page.locator("h1")).to_have_text("绑定身份验证器")
    expect(page.locator("#otp-qr")).to_be_visible()
    assert page.locator("#otp-qr").evaluate("img => img.naturalWidth") > 0  # the data: SVG rendered
    device = TOTPDevice.objects.get(user=leader, confirmed=False)
    page.fill("#id_code", f"{TOTP(device.bin_key).token():06d}")
    page.click("button[type=submit]")
    expect(page.locator("#backup-codes li")).to_have_count(10)
    page.get_by_role("link", name="我已保存，继续").click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    assert console.csp_violations() == []
