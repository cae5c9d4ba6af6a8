"""Each role's main path in Chromium, through the real pages: the clerk registers an incoming
document and takes it to the leader and on to a department; the office director reviews (核稿) a
draft and reads the dashboard and the annual summary; a department head hands an item to one of
their people and sees only their department's items; a handler records the result; a leader,
with the second factor, instructs (批办) and signs (签发).

Actions are driven by their Chinese button text and their fields by label, not by the page's
layout, so the tests keep working when the actions move (e.g. into a "更多" menu).
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from documents.models import IncomingDocument
from documents.services import incoming as incoming_services
from office import roles
from office.models import SupervisedItem
from reports.services import summary_create
from tests.e2e.helpers import enrol, incoming_proposed, outgoing_signing, outgoing_submitted, screenshot, sign_in
from tests.factories import SupervisedItemFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def director(clerk):
    return UserFactory(username="director", name="陈主任", department=clerk.department, roles=[roles.OFFICE_DIRECTOR])


def action(page, label):
    """The form whose submit button reads `label`, opening a "更多" menu first when the action
    is tucked away there."""
    button = page.get_by_role("button", name=label, exact=True)
    if not button.first.is_visible():
        # The document pages keep the steps after the next one in a <details> "更多操作".
        details = page.locator("details.more-actions:not([open]) > summary")
        if details.count():
            details.first.click()
    if not button.first.is_visible():
        more = page.get_by_role("button", name=re.compile("更多"))
        if more.count():
            more.first.click()
            entry = page.get_by_role("menuitem", name=label, exact=True).or_(
                page.locator(".dropdown-menu.show").get_by_text(label, exact=True)
            )
            if entry.count() and entry.first.is_visible() and not button.first.is_visible():
                entry.first.click()
    expect(button.first).to_be_visible()
    return page.locator("form").filter(has=button.first).first


def choose(field, text):
    """Chooses the option whose text contains `text`: in a plain select, or, where the picker
    (static/js/picker.js) has taken the label, by typing into its search box and clicking the
    option it offers, as a user does."""
    if field.evaluate("el => el.tagName") == "SELECT":
        field.select_option(field.locator("option", has_text=text).first.get_attribute("value"))
        return
    field.fill(text)
    picker = field.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' picker ')][1]")
    picker.locator(".picker-option", has_text=text).first.click()


def submit(page, label):
    page.get_by_role("button", name=label, exact=True).first.click()


def test_the_clerk_registers_an_incoming_document_through_to_its_next_steps(page, console, clerk, leader, handler):
    sign_in(page, clerk)
    page.goto("/documents/incoming/new/")
    page.get_by_label("来文单位").fill("省水利厅")
    page.get_by_label("来文字号").fill("省水利发〔2026〕18号")
    page.get_by_label(re.compile(r"^标题")).fill("关于开展汛前安全检查的通知")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("已签收并登记为 收〔")

    form = action(page, "初审")
    form.get_by_label("初审结论").select_option(label="通过")
    submit(page, "初审")
    expect(page.locator(".alert-success")).to_contain_text("初审已记录")

    form = action(page, "拟办")
    choose(form.get_by_label("呈送领导"), leader.name)
    form.get_by_label("拟办意见").fill("拟请规划科牵头办理，限期反馈。")
    submit(page, "拟办")
    expect(page.locator(".alert-success")).to_contain_text("呈领导批办")

    # The leader instructs (their own test drives that page); the clerk hands it to the department.
    doc = IncomingDocument.objects.get()
    incoming_services.incoming_instruct(actor=leader, document=doc, opinion="同意拟办意见。")
    page.reload()
    form = action(page, "分送承办")
    choose(form.get_by_label("主办科室"), handler.department.name)
    choose(form.get_by_label("承办人"), handler.name)
    deadline = datetime.date.today() + datetime.timedelta(days=20)
    form.get_by_label("办理时限").fill(deadline.isoformat())
    submit(page, "分送承办")
    expect(page.locator(".alert-success")).to_contain_text("已分送承办科室")
    expect(page.get_by_text("同意拟办意见。")).to_be_visible()
    screenshot(page, "role-clerk")

    doc.refresh_from_db()
    assert doc.status == "handling" and doc.responsible == handler and doc.deadline == deadline
    # Its deadline put it under supervision, with the handler responsible.
    item = SupervisedItem.objects.get(category="document")
    assert item.responsible == handler
    assert console.csp_violations() == []


def test_the_office_director_reviews_a_draft_and_reads_the_dashboard_and_the_summary(
    page, console, clerk, director, leader
):
    doc = outgoing_submitted(clerk, director, leader, title="关于做好2026年度水利安全生产工作的通知")
    summary = summary_create(actor=director, year=datetime.date.today().year)
    sign_in(page, director)
    page.goto("/documents/")
    page.get_by_role("link", name=re.compile("关于做好2026年度水利安全生产工作的通知")).first.click()
    form = action(page, "核稿通过")
    form.get_by_label("意见").fill("文种、格式符合要求，同意呈签。")
    submit(page, "核稿通过")
    expect(page.locator(".alert-success")).to_contain_text("核稿通过")
    expect(page.get_by_text("文种、格式符合要求，同意呈签。")).to_be_visible()
    doc.refresh_from_db()
    assert doc.status == "signing"

    page.get_by_role("link", name="督办看板").first.click()
    expect(page.locator("h1.page-title")).to_have_text("督办看板")
    expect(page.locator("#category-table")).to_contain_text("文件督办")

    page.goto("/reports/")
    page.get_by_role("link", name=re.compile(f"{summary.year}年")).first.click()
    expect(page).to_have_url(re.compile(rf"/reports/{summary.pk}/$"))
    expect(page.locator("main")).to_contain_text("工作总结")
    screenshot(page, "role-director")
    assert console.csp_violations() == []


def test_a_department_head_assigns_a_handler_and_sees_only_their_departments_items(
    page, console, clerk, planning_head, handler, other_handler
):
    year = datetime.date.today().year
    ours = SupervisedItemFactory(
        title="编制本年度水利投资计划",
        owner_department=planning_head.department,
        responsible=planning_head,
        start_date=datetime.date(year, 1, 5),
        deadline=datetime.date(year, 12, 20),
    )
    SupervisedItemFactory(
        title="河湖清四乱问题整改",
        owner_department=other_handler.department,
        responsible=other_handler,
        start_date=datetime.date(year, 1, 5),
        deadline=datetime.date(year, 12, 20),
    )
    sign_in(page, planning_head)
    page.goto("/supervision/")
    expect(page.locator("main")).to_contain_text("编制本年度水利投资计划")
    expect(page.locator("main")).not_to_contain_text("河湖清四乱问题整改")

    page.get_by_role("link", name="编制本年度水利投资计划").click()
    form = action(page, "调整承办")
    choose(form.get_by_label("责任人"), handler.name)
    submit(page, "调整承办")
    expect(page.locator(".alert-success")).to_contain_text("已调整承办")
    screenshot(page, "role-department-head")
    ours.refresh_from_db()
    assert ours.responsible == handler
    assert console.csp_violations() == []


def test_a_handler_records_the_handling_result(page, console, clerk, leader, handler):
    doc = incoming_proposed(clerk, leader, title="关于报送水利统计年报的通知")
    incoming_services.incoming_instruct(actor=leader, document=doc, opinion="请规划科办理。")
    incoming_services.incoming_assign(
        actor=clerk,
        document=doc,
        lead_department=handler.department,
        responsible=handler,
        deadline=datetime.date.today() + datetime.timedelta(days=10),
    )
    sign_in(page, handler)
    expect(page.locator("main")).to_contain_text("关于报送水利统计年报的通知")
    page.goto("/documents/")
    page.get_by_role("link", name=re.compile("关于报送水利统计年报的通知")).first.click()
    form = action(page, "办结")
    form.get_by_label("意见").fill("已汇总全市数据并按时报送省水利厅。")
    submit(page, "办结")
    expect(page.locator(".alert-success")).to_contain_text("已办结")
    expect(page.get_by_text("已汇总全市数据并按时报送省水利厅。")).to_be_visible()
    screenshot(page, "role-handler")
    doc.refresh_from_db()
    assert doc.status == "done"
    assert SupervisedItem.objects.get(category="document").status == "completed"
    assert console.csp_violations() == []


def test_a_leader_with_the_second_factor_instructs_and_signs(page, console, clerk, director, leader, handler):
    incoming = incoming_proposed(clerk, leader, title="关于加强汛前安全检查的通知")
    outgoing = outgoing_signing(clerk, director, leader, title="关于印发2026年防汛抗旱工作要点的通知")
    enrol(leader)
    sign_in(page, leader)
    expect(page.locator("h1")).not_to_have_text("两步验证")

    page.goto("/documents/")
    page.get_by_role("link", name=re.compile("关于加强汛前安全检查的通知")).first.click()
    form = action(page, "批办")
    form.get_by_label("批办意见").fill("同意拟办意见，请规划科牵头，五日内报送检查情况。")
    submit(page, "批办")
    expect(page.locator(".alert-success")).to_contain_text("已批办")

    page.goto("/documents/")
    page.get_by_role("link", name=re.compile("关于印发2026年防汛抗旱工作要点的通知")).first.click()
    form = action(page, "签发")
    form.get_by_label("签发意见").fill("同意印发。")
    submit(page, "签发")
    expect(page.locator(".alert-success")).to_contain_text("已签发")
    screenshot(page, "role-leader")

    incoming.refresh_from_db()
    outgoing.refresh_from_db()
    assert incoming.status == "instructed"
    assert incoming.steps.get(kind="instruct").actor == leader
    assert outgoing.status == "signed" and outgoing.signer == leader
    assert outgoing.sign_opinion == "同意印发。"
    assert console.csp_violations() == []
