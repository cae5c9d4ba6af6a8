"""The page frame: navigation by role, the notification badge, and pages the CSP allows."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from office import navigation, plugins
from office.models import Notification
from office.plugins import NavItem, NavSection
from tests.factories import SupervisedItemFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def nav_labels(response, sections=None):
    return [
        item["label"]
        for section in response.context["nav_sections"]
        if sections is None or section["title"] in sections
        for item in section["items"]
    ]


# The sections of the core and the apps this file knows; other apps test their own entries.
KNOWN = {"工作台", "办文", "办会", "年度工作总结", "系统"}


def active_labels(response):
    return [
        item["label"] for section in response.context["nav_sections"] for item in section["items"] if item["active"]
    ]


DOCUMENTS = ["公文待办", "收文登记簿", "发文登记簿", "建议提案", "领导批示", "归档文件", "信息宣传"]
MEETINGS = ["会议", "会议日历", "会议室"]
WORKBENCH = ["首页", "督办看板", "督办事项", "通知", "我的导出"]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        # The API documentation is for the administrators only.
        ("handler", ["首页", "督办事项", "通知", "我的导出", *DOCUMENTS, *MEETINGS]),
        ("leader", ["首页", "督办看板", "督办事项", "通知", "我的导出", *DOCUMENTS, *MEETINGS, "工作总结"]),
        ("clerk", ["首页", "督办看板", "督办事项", "通知", "我的导出", *DOCUMENTS, *MEETINGS, "工作总结"]),
        (
            "administrator",
            [*WORKBENCH, *DOCUMENTS, *MEETINGS, "工作总结", "系统管理", "审计日志", "接口文档"],
        ),
    ],
)
def test_navigation_follows_the_role(client, request, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert nav_labels(client.get(reverse("home")), KNOWN) == expected


def test_navigation_marks_the_current_section(client, leader, handler):
    item = SupervisedItemFactory(owner_department=handler.department, responsible=handler)
    client.force_login(leader)
    assert active_labels(client.get(reverse("home"))) == ["首页"]
    assert active_labels(client.get(reverse("supervision:detail", args=[item.pk]))) == ["督办事项"]
    page = client.get(reverse("dashboard")).content.decode()
    assert re.search(r'class="nav-link active" href="/dashboard/" aria-current="page"', page)


def test_an_item_whose_url_does_not_resolve_is_left_out(client, handler, monkeypatch):
    section = NavSection("未建分区", 95, (NavItem("未建页面", "inbox", "nowhere:no_such_page"),))
    monkeypatch.setattr(navigation, "navigation", lambda: [*plugins.navigation(), section])
    client.force_login(handler)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "未建页面" not in nav_labels(response)
    assert "未建分区" not in [section["title"] for section in response.context["nav_sections"]]


def test_an_item_limited_to_roles_shows_only_to_them(client, handler, hr, monkeypatch):
    from office import roles

    extra = NavSection("人事", 40, (NavItem("人事档案", "person-vcard", "home", roles=(roles.HR,)),))
    monkeypatch.setattr(navigation, "navigation", lambda: [extra])
    client.force_login(hr)
    assert nav_labels(client.get(reverse("home"))) == ["人事档案"]
    client.force_login(handler)
    assert nav_labels(client.get(reverse("home"))) == []


def test_the_frame_shows_the_user_the_bell_and_a_post_logout(client, handler):
    for n in range(3):
        Notification.objects.create(recipient=handler, title=f"提醒{n}")
    client.force_login(handler)
    page = client.get(reverse("home")).content.decode()
    assert settings.ORGANISATION_NAME in page
    assert "机关办公室综合管理系统" in page
    assert handler.name in page and handler.department.name in page
    assert re.search(r'id="unread-count">3<', page)
    assert f'href="{reverse("notifications:list")}"' in page
    assert re.search(r'<form method="post" action="/accounts/logout/">', page)
    assert f'href="{reverse("password_change")}"' in page


@pytest.mark.parametrize("unread", [3, 8, 12])
def test_the_home_page_bell_counts_every_unread_notification(client, handler, unread):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(unread):
        Notification.objects.create(recipient=handler, title=f"提醒{n}")
    Notification.objects.create(recipient=handler, title="已读", read_at="2026-01-05T08:00:00Z")
    client.force_login(handler)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home")).content.decode()
    assert re.search(rf'id="unread-count">{unread}<', page)
    assert page.count('href="/notifications/') - page.count('href="/notifications/"') == min(unread, 8)
    # Fewer than the list shows: the list is all of them, and the bell is not counted again.
    count = 'SELECT COUNT(*) AS "__count" FROM "office_notification"'
    counted = [q for q in queries.captured_queries if q["sql"].startswith(count)]
    assert len(counted) == (0 if unread < 8 else 1)


def test_the_bell_has_no_badge_without_unread_notifications(client, handler):
    client.force_login(handler)
    assert "unread-count" not in client.get(reverse("home")).content.decode()


class _InlineFinder(HTMLParser):
    """Collects what the content security policy would refuse: inline scripts and styles."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.problems.append(f"style attribute on <{tag}>")
        if any(name.startswith("on") for name in attrs):
            self.problems.append(f"event handler attribute on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self._in_script = True
        if tag == "a" and (attrs.get("href") or "").startswith("javascript:"):
            self.problems.append("javascript: link")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("inline <script>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


@pytest.mark.parametrize(
    "url",
    ["/", "/dashboard/", "/supervision/", "/notifications/", "/accounts/password/", "/accounts/logout/", "/nope/"],
)
def test_pages_in_the_frame_need_no_inline_script_or_style(client, leader, url):
    client.force_login(leader)
    finder = _InlineFinder()
    finder.feed(client.get(url).content.decode())
    assert finder.problems == []


def test_pages_without_the_frame_need_no_inline_script_or_style(client, handler):
    pages = [client.get("/accounts/login/"), client.get("/nope/")]
    for _ in range(5):
        locked = client.post("/accounts/login/", {"username": "handler", "password": "Wrong#2026pw"})
    assert locked.status_code == 429
    for response in [*pages, locked]:
        finder = _InlineFinder()
        finder.feed(response.content.decode())
        assert finder.problems == []


def test_htmx_is_told_not_to_inject_styles(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles":false}'>""" in page


def test_no_template_or_script_loads_anything_from_another_server():
    offenders = []
    for folder in ("templates", "static/js", "static/css"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and re.search(r"(src|href)=[\"']?(https?:)?//|url\([\"']?(https?:)?//", path.read_text()):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_vendored_files_are_present_and_listed():
    versions = (ROOT / "static/vendor/VERSIONS.txt").read_text()
    for name in ("bootstrap 5.3.", "bootstrap-icons 1.", "htmx.org 2.0.", "echarts 5."):
        assert name in versions
    for relative in (
        "bootstrap/bootstrap.min.css",
        "bootstrap/bootstrap.bundle.min.js",
        "bootstrap-icons/bootstrap-icons.min.css",
        "bootstrap-icons/fonts/bootstrap-icons.woff2",
        "bootstrap-icons/fonts/bootstrap-icons.woff",
        "htmx/htmx.min.js",
        "echarts/echarts.min.js",
    ):
        path = ROOT / "static/vendor" / relative
        assert path.stat().st_size > 1000, relative
        assert f"  {relative}\n" in versions
