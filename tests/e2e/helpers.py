"""What the role and phone tests share: signing in through the real form (with the second factor
where the role needs it), and documents brought to a given step through the services."""

from pathlib import Path

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from documents.models import IssuingCode
from documents.services import incoming as incoming_services
from documents.services import outgoing as outgoing_services
from tests.factories import DEFAULT_PASSWORD

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "test-results" / "screenshots"


def sign_in(page, user, next_url="/"):
    """The login form, then the TOTP code for a user who has (or must have) an authenticator."""
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登 录").click()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        expect(page.locator("h1")).to_have_text("两步验证")
        page.get_by_label("动态验证码").fill(f"{TOTP(device.bin_key).token():06d}")
        page.get_by_role("button", name="验 证").click()
    expect(page.locator("h1.page-title")).to_be_visible()


def enrol(user):
    """An authenticator for a role that needs the second factor (leaders, the administrator)."""
    return TOTPDevice.objects.create(user=user, name="手机", confirmed=True)


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def incoming_proposed(clerk, leader, title="关于开展汛前安全检查的通知"):
    """A 收文 the office has registered, reviewed and proposed: waiting for the leader's 批办."""
    doc = incoming_services.incoming_receive(
        actor=clerk, sender="省水利厅", sender_number="省水利〔2026〕18号", title=title
    )
    incoming_services.incoming_review(actor=clerk, document=doc, accept=True)
    incoming_services.incoming_propose(
        actor=clerk, document=doc, opinion="拟请规划科牵头办理。", instructing_leader=leader
    )
    return doc


def outgoing_submitted(drafter, reviewer, leader, title="关于做好2026年度防汛准备工作的通知"):
    """A 发文 draft sent to 核稿."""
    code = IssuingCode.objects.get_or_create(code="X水发", defaults={"description": "局发文"})[0]
    doc = outgoing_services.outgoing_draft(
        actor=drafter,
        title=title,
        main_recipients="各科室、局属各单位",
        body="各科室、局属各单位：\n为切实做好今年防汛工作，现将有关事项通知如下。",
        issuing_code=code,
        reviewer=reviewer,
        signing_leader=leader,
    )
    outgoing_services.outgoing_submit(actor=drafter, document=doc)
    return doc


def outgoing_signing(drafter, reviewer, leader, title="关于做好2026年度防汛准备工作的通知"):
    """A 发文 draft past 核稿: waiting for the leader's 签发."""
    doc = outgoing_submitted(drafter, reviewer, leader, title=title)
    outgoing_services.outgoing_review(actor=reviewer, document=doc)
    return doc
