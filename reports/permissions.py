"""Who may read, edit, finalise and export the annual summary: the office, leaders, the
administrator. Everyone else is refused (403) — the summary is the office's own document."""

from office import roles

_ALL = [
    "reports.view_summary",
    "reports.add_summary",
    "reports.change_summary",
    "reports.finalise_summary",
    "reports.export_summary",
    "reports.view_export",
]

ROLE_PERMISSIONS = {
    roles.CLERK: _ALL,
    roles.OFFICE_DIRECTOR: _ALL,
    roles.LEADER: _ALL,
    roles.ADMINISTRATOR: _ALL,
}


def can_view(user):
    return user.is_authenticated and user.has_perm("reports.view_summary")


def can_create(user):
    return user.is_authenticated and user.has_perm("reports.add_summary")


def can_edit(user, summary=None):
    return user.is_authenticated and user.has_perm("reports.change_summary")


def can_finalise(user):
    return user.is_authenticated and user.has_perm("reports.finalise_summary")


def can_export(user):
    return user.is_authenticated and user.has_perm("reports.export_summary")
