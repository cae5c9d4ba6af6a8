"""The administrator's audit log page in Chromium: the login it records, the search, no CSP
violation; a screenshot for a look (AUDIT_SCREENSHOT_DIR, default the pytest tmp folder)."""

import os
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_administrator_searches_the_audit_log(page, console, administrator, handler, settings, tmp_path):
    from office.models import AuditEvent

    settings.OTP_REQUIRED_ROLES = []  # the second factor has its own tests; here the page matters
    now = timezone.now()
    AuditEvent.objects.create(
        kind=AuditEvent.LOGIN_FAILED, username="handler", address="10.20.30.40", at=now - timedelta(days=3)
    )
    AuditEvent.objects.create(
        kind=AuditEvent.SENSITIVE_READ,
        user=handler,
        username="handler",
        address="10.20.30.40",
        method="GET",
        path="/documents/incoming/12/",
        target="收文 收〔2026〕12号（#12，秘密）",
        detail="查看收文详情（无涉密权限，仅见登记信息）",
        at=now - timedelta(days=1),
    )
    AuditEvent.objects.create(
        kind=AuditEvent.ADMIN_CHANGED,
        user=administrator,
        username="admin",
        address="10.20.30.41",
        method="POST",
        path="/admin/office/department/3/change/",
        target="科室/单位 法规审查科（#3）",
        detail="修改字段：名称、排序",
        at=now - timedelta(hours=2),
    )
    page.goto("/accounts/login/?next=/audit/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/audit/$"))
    table = page.locator("table.data-table tbody")
    # The administrator's own login is the newest row.
    expect(table.locator("tr").first).to_contain_text("登录")
    expect(table.locator("tr").first).to_contain_text("admin")
    folder = os.environ.get("AUDIT_SCREENSHOT_DIR") or str(tmp_path)
    page.screenshot(path=os.path.join(folder, "audit_list.png"), full_page=True)

    page.fill("#id_person", "handler")
    page.select_option("#id_kind", "sensitive_read")
    page.click("form.filter-bar button[type=submit]")
    expect(table.locator("tr")).to_have_count(1)
    expect(table).to_contain_text("收〔2026〕12号")
    page.screenshot(path=os.path.join(folder, "audit_search.png"), full_page=True)

    page.fill("#id_person", "")
    page.select_option("#id_kind", label="后台修改")
    page.click("form.filter-bar button[type=submit]")
    expect(table.locator("tr")).to_have_count(1)
    expect(table).to_contain_text("修改字段：名称、排序")
    page.screenshot(path=os.path.join(folder, "audit_admin.png"), full_page=True)
    assert console.csp_violations() == []
