"""The left navigation, built from every app's plugin (office.plugins).

An app adds its pages with `NavSection`/`NavItem` in its hooks.py. Who sees an item is decided
by `perm`, `roles`, `staff` or `visible`; an item whose URL name does not resolve is left out
instead of breaking every page.
"""

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from .plugins import navigation
from .reversing import cached_reverse
from .roles import has_role


def visible_to(item, user):
    if item.staff and not user.is_staff:
        return False
    if item.perm and not user.has_perm(item.perm):
        return False
    if item.roles and not (user.is_superuser or has_role(user, *item.roles)):
        return False
    return item.visible is None or item.visible(user)


def is_active(item, view_name):
    return bool(view_name) and (view_name == item.url_name or any(view_name.startswith(m) for m in item.match))


def nav_sections(request):
    """The sections the signed-in user sees, each item with its URL and whether it is the current page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    sections = []
    for section in navigation():
        items = []
        for item in section.items:
            if not visible_to(item, user):
                continue
            url = cached_reverse(item.url_name)
            if url is None:
                continue
            items.append({"label": item.label, "icon": item.icon, "url": url, "active": is_active(item, view_name)})
        if items:
            sections.append({"title": section.title, "items": items})
    return sections


# The sidebar, written out here rather than by two nested template loops over some forty items
# on every page (issue 17); the same markup, to the whitespace, that base.html's loops made.
_SECTION = """
      <div class="nav-section">
        <div class="nav-section-title">{}</div>
        <ul class="nav flex-column">
          {}
        </ul>
      </div>
      """
_ITEM = """
          <li class="nav-item">
            <a class="nav-link{}" href="{}"{}>
              <i class="bi bi-{}" aria-hidden="true"></i><span>{}</span>
            </a>
          </li>
          """


_ACTIVE = (SafeString(" active"), SafeString(' aria-current="page"'))


def _item_args(item):
    active = _ACTIVE if item["active"] else ("", "")
    return active[0], item["url"], active[1], item["icon"], item["label"]


def render_nav(sections):
    """The sidebar's sections (nav_sections) as HTML."""
    return format_html_join(
        "",
        _SECTION,
        ((section["title"], format_html_join("", _ITEM, map(_item_args, section["items"]))) for section in sections),
    )
