"""Leaders read and instruct on phones: the sign-in page, the home page, the dashboard and a
document's page with its 批办/签发 action fit a 390 px wide screen (no sideways scrolling) and
their main controls are at least 44 px tall (Apple's and Android's smallest comfortable target).

Screenshots land in test-results/screenshots/phone-*.png.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from office import roles
from tests.e2e.helpers import enrol, incoming_proposed, outgoing_signing, screenshot, sign_in
from tests.factories import SupervisedItemFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 390
MIN_TARGET = 44


@pytest.fixture
def phone(browser, live_server, console):
    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport={"width": WIDTH, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda message: console.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console.errors.append(f"uncaught: {error}"))
    yield page
    context.close()


@pytest.fixture
def director(clerk):
    return UserFactory(username="director", name="陈主任", department=clerk.department, roles=[roles.OFFICE_DIRECTOR])


def assert_fits(page, name):
    page.wait_for_load_state("load")
    screenshot(page, f"phone-{name}")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= WIDTH, f"{name}: the page is {scroll_width} px wide"
    # What sticks out (for the message when it fails): elements wider than the screen.
    wide = page.evaluate(
        """w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
              .slice(0, 5).map(e => e.tagName + '.' + e.className)""",
        WIDTH,
    )
    assert wide == [], f"{name}: {wide}"


def assert_tappable(locator, what):
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box["height"] >= MIN_TARGET, f"{what}: {box['height']:.0f} px tall"
    assert box["width"] >= MIN_TARGET, f"{what}: {box['width']:.0f} px wide"


def test_the_sign_in_page_fits_a_phone(phone, console):
    phone.goto("/accounts/login/")
    assert_fits(phone, "login")
    assert_tappable(phone.get_by_role("button", name="登 录"), "登录按钮")
    assert_tappable(phone.get_by_label("用户名"), "用户名输入框")
    assert console.csp_violations() == []


def test_a_leader_reads_the_home_page_and_the_dashboard_on_a_phone(phone, console, clerk, leader, handler):
    year = datetime.date.today().year
    SupervisedItemFactory(
        title="推进城乡供水一体化工程建设",
        owner_department=handler.department,
        responsible=handler,
        start_date=datetime.date(year, 1, 5),
        deadline=datetime.date(year, 12, 20),
    )
    SupervisedItemFactory(
        title="完成病险水库除险加固年度任务并报送验收材料",
        owner_department=handler.department,
        responsible=handler,
        start_date=datetime.date(year - 1, 3, 1),
        deadline=datetime.date(year - 1, 6, 30),
    )
    incoming_proposed(clerk, leader)
    enrol(leader)
    sign_in(phone, leader)
    expect(phone.locator("main")).to_contain_text("关于开展汛前安全检查的通知")
    assert_fits(phone, "home")
    assert_tappable(phone.get_by_role("button", name="打开导航"), "导航按钮")
    assert_tappable(phone.locator("#user-menu"), "用户菜单")

    # The navigation opens over the page and its links are full-size targets.
    phone.get_by_role("button", name="打开导航").click()
    dashboard_link = phone.locator("#app-sidebar").get_by_role("link", name="督办看板")
    # Bootstrap marks the panel `showing` while it slides in and `show` once it is in place.
    expect(phone.locator("#app-sidebar")).to_have_class(re.compile(r"\bshow\b"))
    assert_tappable(dashboard_link, "导航链接")
    screenshot(phone, "phone-navigation")
    dashboard_link.click()
    expect(phone.locator("h1.page-title")).to_have_text("督办看板")
    phone.wait_for_load_state("networkidle")
    assert_fits(phone, "dashboard")
    assert console.csp_violations() == []


def test_a_leader_instructs_an_incoming_document_on_a_phone(phone, console, clerk, leader, handler):
    doc = incoming_proposed(clerk, leader)
    enrol(leader)
    sign_in(phone, leader, next_url=f"/documents/incoming/{doc.pk}/")
    expect(phone.locator("h1.page-title")).to_contain_text("关于开展汛前安全检查的通知")
    assert_fits(phone, "incoming-instruct")
    button = phone.get_by_role("button", name="批办", exact=True)
    assert_tappable(button, "批办按钮")
    phone.get_by_label("批办意见").fill("同意，请规划科抓紧落实。")
    button.click()
    expect(phone.locator(".alert-success")).to_contain_text("已批办")
    assert_fits(phone, "incoming-instructed")
    assert console.csp_violations() == []


def test_a_leader_signs_an_outgoing_draft_on_a_phone(phone, console, clerk, director, leader):
    doc = outgoing_signing(clerk, director, leader)
    enrol(leader)
    sign_in(phone, leader, next_url=f"/documents/outgoing/{doc.pk}/")
    expect(phone.locator("h1.page-title")).to_contain_text("防汛准备工作")
    assert_fits(phone, "outgoing-sign")
    button = phone.get_by_role("button", name="签发", exact=True)
    assert_tappable(button, "签发按钮")
    for link in phone.locator(".page-actions a").all():
        assert_tappable(link, f"页头按钮 {link.inner_text()}")
    button.click()
    expect(phone.locator(".alert-success")).to_contain_text("已签发")
    assert_fits(phone, "outgoing-signed")
    assert console.csp_violations() == []
