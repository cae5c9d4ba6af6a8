"""The drafter uploads a new version of the 正文 in Chromium and compares it with the first."""

import io

import docx
import pytest
from playwright.sync_api import expect

from documents.services import outgoing as outgoing_services

from .test_documents import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_drafter_uploads_a_version_and_compares_it(page, console, settings, tmp_path, clerk, leader, handler):
    settings.MEDIA_ROOT = tmp_path / "media"
    document = outgoing_services.outgoing_draft(
        actor=handler,
        title="关于开展汛前检查的通知",
        main_recipients="各科室、局属各单位",
        body="为做好今年防汛工作，现就开展汛前检查通知如下。\n一、检查范围\n全市各类水库。",
        reviewer=clerk,
        signing_leader=leader,
        disclosure="active",
    )
    word = docx.Document()
    word.add_paragraph("为做好今年防汛工作，现就开展汛前安全检查通知如下。")
    word.add_paragraph("一、检查范围", style="Heading 1")
    word.add_paragraph("全市各类水库和堤防。")
    word.add_paragraph("二、工作要求", style="Heading 1")
    word.add_paragraph("请于5月20日前报送检查报告。")
    path = tmp_path / "正文第2稿.docx"
    buffer = io.BytesIO()
    word.save(buffer)
    path.write_bytes(buffer.getvalue())

    log_in(page, "handler")
    page.goto(f"/documents/outgoing/{document.pk}/")
    page.click("#versions-link")
    expect(page.locator("#versions")).to_contain_text("第1版")
    page.set_input_files("#version-upload input[type=file]", str(path))
    page.fill("#version-upload textarea, #version-upload input[name=note]", "补充工作要求")
    page.click("#version-upload button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("已上传正文第2版（拟稿）")
    expect(page.locator("#version-2")).to_contain_text("已提取")
    page.select_option("#diff-a", "1")
    page.select_option("#diff-b", "2")
    page.click("#diff-form button[type=submit]")
    expect(page.locator("#diff")).to_contain_text("修改 2 段")
    expect(page.locator("#diff ins").first).to_be_visible()
    expect(page.locator("#diff")).to_contain_text("请于5月20日前报送检查报告。")
    page.screenshot(path=str(tmp_path / "versions.png"), full_page=True)
    assert console.csp_violations() == []
