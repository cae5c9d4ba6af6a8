"""The one way an app plugs into the office: its `hooks.py` declares a `plugin`.

Every installed app (the core included) may have a module `<app>/hooks.py` with a module-level
`plugin = AppPlugin(...)`. The core discovers these modules the way the admin discovers
admin.py, and builds from them, without naming any domain app:

- the left navigation (sections and items, each shown to the roles or permissions it names);
- the web routes (`url_prefix` → `urls`) and the API routes (`/api/v1/<api_prefix>/` → `api_urls`);
- the home page's to-do blocks (a template and a function giving its context for a user);
- the categories of supervised items (督办类别) the app opens;
- the permissions the app adds to each role;
- the annual summary's figures (`summary`: a dotted path to `figures(year) -> list[Figure]`);
- the demo year (`demo`: a dotted path to `seed(stdout)`), in `demo_order`;
- drf-spectacular enum names for the app's choices (`enum_overrides`);
- Celery periodic tasks (`beat_schedule`) and queues (`task_routes`).

See docs/architecture.md for a worked example.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.apps import apps


@dataclass(frozen=True)
class NavItem:
    label: str
    icon: str  # a Bootstrap Icons name, without the "bi-" prefix
    url_name: str
    perm: str | None = None  # shown only to users with this permission
    roles: tuple[str, ...] = ()  # shown only to users with one of these roles
    staff: bool = False  # shown only to users who may enter the Django admin
    # View names that also mark this item active, e.g. "supervision:" for every page of the
    # supervision namespace; the item's own URL name always does.
    match: tuple[str, ...] = ()
    # A policy function (user) -> bool, for rules a permission alone does not say.
    visible: Callable | None = None


@dataclass(frozen=True)
class NavSection:
    title: str
    order: int  # sections are shown by order; two apps naming one title share the section
    items: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class HomeBlock:
    """A block of the home page: `context(user)` returns the template's context, or None when
    the block has nothing to say to this user (it is then left out).

    One entry per thing to do: the context may name under "covers" the records its rows list;
    the supervised items those records opened are then left out of 待我办理 (and its count),
    and the block shows the item's deadline and 督办 on its own row instead."""

    template: str
    context: Callable
    order: int = 100


@dataclass(frozen=True)
class Category:
    """A category of supervised items (督办类别), e.g. ("petition", "信访")."""

    code: str
    label: str
    order: int = 100


@dataclass(frozen=True)
class AppPlugin:
    label: str  # the app label
    url_prefix: str = ""  # e.g. "documents/"; the web routes are mounted there
    urls: str = ""  # dotted module of the web urlpatterns
    api_prefix: str = ""  # e.g. "documents/"; mounted under /api/v1/
    api_urls: str = ""
    navigation: tuple[NavSection, ...] = ()
    home_blocks: tuple[HomeBlock, ...] = ()
    supervision_categories: tuple[Category, ...] = ()
    role_permissions: dict = field(default_factory=dict)  # {role code: ["app.codename", ...]}
    summary: str = ""  # dotted path of the figures(year) function
    demo: str = ""  # dotted path of the seed(stdout) function
    demo_order: int = 100
    enum_overrides: dict = field(default_factory=dict)
    # Celery: periodic tasks ({name: {"task": …, "schedule": crontab(…)}}) and routes ({pattern: {"queue": …}})
    beat_schedule: dict = field(default_factory=dict)
    task_routes: dict = field(default_factory=dict)


def _load(config):
    name = f"{config.name}.hooks"
    try:
        module = import_module(name)
    except ModuleNotFoundError as exc:
        # Only "the app has no hooks.py" means "nothing to add"; an import error inside one
        # must not be swallowed.
        if exc.name != name:
            raise
        return None
    # Third-party apps may have a hooks module of their own meaning (drf_spectacular does).
    plugin = getattr(module, "plugin", None)
    return plugin if isinstance(plugin, AppPlugin) else None


@cache
def plugins() -> tuple[AppPlugin, ...]:
    """Every installed app's plugin, in INSTALLED_APPS order."""
    return tuple(p for p in (_load(config) for config in apps.get_app_configs()) if p is not None)


def resolve(dotted: str):
    """The object a dotted path names: "documents.summary.figures"."""
    module, _, attribute = dotted.rpartition(".")
    return getattr(import_module(module), attribute)


def navigation() -> list[NavSection]:
    """The sections of every plugin, merged by title and ordered."""
    merged: dict[str, tuple[int, list[NavItem]]] = {}
    for plugin in plugins():
        for section in plugin.navigation:
            order, items = merged.setdefault(section.title, (section.order, []))
            items.extend(section.items)
            merged[section.title] = (min(order, section.order), items)
    ordered = sorted(merged.items(), key=lambda entry: entry[1][0])
    return [NavSection(title, order, tuple(items)) for title, (order, items) in ordered]


def supervision_categories() -> list[Category]:
    found = [c for p in plugins() for c in p.supervision_categories]
    return sorted(found, key=lambda c: c.order)


def category_choices() -> list[tuple[str, str]]:
    return [(c.code, c.label) for c in supervision_categories()]


def category_label(code: str) -> str:
    return dict(category_choices()).get(code, code)


def home_blocks() -> list[HomeBlock]:
    return sorted((b for p in plugins() for b in p.home_blocks), key=lambda b: b.order)


def summary_functions() -> list[tuple[str, Callable]]:
    return [(p.label, resolve(p.summary)) for p in plugins() if p.summary]


def demo_functions() -> list[tuple[str, Callable]]:
    ordered = sorted((p for p in plugins() if p.demo), key=lambda p: p.demo_order)
    return [(p.label, resolve(p.demo)) for p in ordered]


def role_permissions() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for plugin in plugins():
        for code, perms in plugin.role_permissions.items():
            table.setdefault(code, []).extend(perms)
    return table


def urlpatterns():
    from django.urls import include, path

    # Apps mounted at the root (the core) come last, so their patterns never shadow a prefix.
    ordered = sorted((p for p in plugins() if p.urls), key=lambda p: p.url_prefix == "")
    return [path(p.url_prefix, include(p.urls)) for p in ordered]


def api_urlpatterns():
    from django.urls import include, path

    ordered = sorted((p for p in plugins() if p.api_urls), key=lambda p: p.api_prefix == "")
    return [path(f"v1/{p.api_prefix}", include(p.api_urls)) for p in ordered]
