"""The left navigation: every section and item of every app, in one list.

An app adds its page with one `Item(...)` line in the right section. Who sees an item is
decided by `perm`, `roles` or `staff`; an item whose URL name does not resolve (an app
not installed, or not written yet) is left out instead of breaking every page.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from .roles import has_role


@dataclass(frozen=True)
class Item:
    label: str
    icon: str  # a Bootstrap Icons name, without the "bi-" prefix
    url_name: str
    perm: str | None = None  # shown only to users with this permission
    roles: tuple[str, ...] = ()  # shown only to users with one of these roles
    staff: bool = False  # shown only to users who may enter the Django admin
    # View names that also mark this item active, e.g. "supervision:" for every page of
    # the supervision namespace; the item's own URL name always does.
    match: tuple[str, ...] = ()

    def visible_to(self, user):
        if self.staff and not user.is_staff:
            return False
        if self.perm and not user.has_perm(self.perm):
            return False
        return not (self.roles and not (user.is_superuser or has_role(user, *self.roles)))

    def is_active(self, view_name):
        return bool(view_name) and (view_name == self.url_name or any(view_name.startswith(m) for m in self.match))


@dataclass(frozen=True)
class Section:
    title: str
    items: list[Item] = field(default_factory=list)


# Sections without items are not shown; they are here so each app knows where its line goes.
NAVIGATION = [
    Section(
        "工作台",
        [
            Item("首页", "house-door", "home"),
            Item("督办看板", "bar-chart-line", "dashboard", perm="office.view_dashboard"),
            Item("督办事项", "clipboard-check", "supervision:list", match=("supervision:",)),
            Item("通知", "bell", "notifications:list", match=("notifications:",)),
        ],
    ),
    Section(
        "办文",
        [
            Item("公文待办", "inbox", "documents:todo"),
            Item("收文登记簿", "journal-text", "documents:incoming_list", match=("documents:incoming_",)),
            Item("发文登记簿", "journal-arrow-up", "documents:outgoing_list", match=("documents:outgoing_",)),
            Item("建议提案", "chat-square-text", "documents:proposal_list", match=("documents:proposal_",)),
            Item("领导批示", "pen", "documents:instruction_list", match=("documents:instruction_",)),
            Item("归档文件", "archive", "documents:archive_list", match=("documents:archive_",)),
            Item("信息宣传", "megaphone", "documents:publicity_list", match=("documents:publicity_",)),
        ],
    ),
    Section(
        "办会",
        [
            Item("会议", "people", "meetings:list", match=("meetings:detail", "meetings:create", "meetings:seating")),
            Item("会议日历", "calendar3", "meetings:calendar"),
            Item("会议室", "door-open", "meetings:rooms"),
        ],
    ),
    Section("人事", []),
    Section("信访与接待", []),
    Section("党建", []),
    Section(
        "年度工作总结",
        [Item("工作总结", "journal-text", "reports:list", perm="reports.view_summary", match=("reports:",))],
    ),
    Section(
        "系统",
        [
            Item("系统管理", "gear", "admin:index", staff=True),
            Item("接口文档", "code-square", "api-docs"),
        ],
    ),
]


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def nav_sections(request):
    """The sections the signed-in user sees, each item with its URL and whether it is the current page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    sections = []
    for section in NAVIGATION:
        items = []
        for item in section.items:
            if not item.visible_to(user):
                continue
            url = _url(item.url_name)
            if url is None:
                continue
            items.append({"label": item.label, "icon": item.icon, "url": url, "active": item.is_active(view_name)})
        if items:
            sections.append({"title": section.title, "items": items})
    return sections
