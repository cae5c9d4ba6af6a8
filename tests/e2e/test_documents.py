"""The clerk registers an incoming document in Chromium and a department finishes it."""

import pytest
from playwright.sync_api import expect

from documents.models import IncomingDocument
from documents.services import incoming as services
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("button[type=submit]")


def test_the_clerk_registers_an_incoming_document_and_a_department_finishes_it(
    page, console, browser, live_server, clerk, leader, handler
):
    log_in(page, "clerk")
    page.goto("/documents/incoming/new/")
    page.fill("#id_sender", "省水利厅")
    page.fill("#id_sender_number", "X水办〔2026〕18号")
    page.fill("#id_title", "关于开展汛前安全检查的通知")
    page.click("#incoming-form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已签收并登记为 收〔")
    expect(page.locator("#serial-number")).to_contain_text("1号")

    page.click("#action-review button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("初审已记录")
    page.fill("#id_propose-opinion", "拟请规划科牵头办理。")
    page.click("#action-propose button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("呈领导批办")

    doc = IncomingDocument.objects.get()
    services.incoming_instruct(actor=leader, document=doc, opinion="同意拟办意见。")
    page.reload()
    page.select_option("#id_assign-lead_department", str(handler.department_id))
    page.click("#action-assign button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已分送承办科室")
    assert console.csp_violations() == []

    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 1400, "height": 900})
    other = context.new_page()
    log_in(other, "handler")
    other.goto("/documents/")
    expect(other.locator("#todo-incoming")).to_contain_text("关于开展汛前安全检查的通知")
    other.get_by_role("link", name="关于开展汛前安全检查的通知").click()
    other.fill("#id_complete-opinion", "已完成检查并报送整改清单。")
    other.click("#action-complete button[type=submit]")
    expect(other.locator(".alert-success")).to_contain_text("已办结")
    expect(other.locator("#steps")).to_contain_text("已完成检查并报送整改清单。")
    context.close()

    doc.refresh_from_db()
    assert doc.status == "done"
    page.goto("/documents/incoming/")
    expect(page.locator("#incoming-table")).to_contain_text("已办结")
    assert console.csp_violations() == []


def test_the_clerk_searches_the_register_by_a_word_and_a_number_and_sorts_by_relevance(
    page, console, live_server, clerk, monkeypatch, tmp_path
):
    import datetime

    from django.utils import timezone

    from office.views.generic import CappedPaginator
    from tests.documents.factories import IncomingFactory

    now = timezone.now()
    IncomingFactory(
        title="关于保持水土的通知", sender_number="X政办发〔2026〕17号", received_at=now - datetime.timedelta(30)
    )
    IncomingFactory(title="关于提高水土保持水平的通知", received_at=now - datetime.timedelta(1))
    # More than a page (a short page would make the figure exact), under another number.
    IncomingFactory.create_batch(25, sender_number="X建发〔2025〕1号")
    monkeypatch.setattr(CappedPaginator, "EXACT", 2)  # the live server shares the process: an estimate
    log_in(page, "clerk")
    page.goto("/documents/incoming/")
    expect(page.locator("body")).to_contain_text("约")
    page.fill("#id_q", "保持水土")
    page.select_option("#id_sort", "relevance")
    page.locator("#id_q").press("Enter")
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("关于保持水土的通知")
    expect(rows.nth(1)).to_contain_text("关于提高水土保持水平的通知")
    page.screenshot(path=tmp_path / "register.png", full_page=True)
    page.fill("#id_q", "X政办发2026 17")
    page.locator("#id_q").press("Enter")
    expect(rows.first).to_contain_text("关于保持水土的通知")
    assert console.csp_violations() == []
