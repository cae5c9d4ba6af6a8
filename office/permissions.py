"""Who may see and do what in the office core. Views and services ask these functions."""

from .choices import SupervisionStatus
from .roles import DEPARTMENT_HEAD, has_role


def sees_everything(user):
    """Leaders and the office see every department's records; others see their own."""
    return user.is_authenticated and (user.is_superuser or user.has_perm("office.view_all_departments"))


def can_view_dashboard(user):
    return user.is_authenticated and user.has_perm("office.view_dashboard")


def can_see_personal_data(viewer, person):
    return viewer.is_authenticated and (viewer.pk == person.pk or viewer.has_perm("office.view_personal_data"))


def can_open_item(user):
    return user.has_perm("office.add_superviseditem")


def can_urge_item(user, item):
    return item.status == SupervisionStatus.OPEN and user.has_perm("office.urge_superviseditem")


def _owns(user, item):
    return user.pk == item.responsible_id or (
        user.department_id == item.owner_department_id and has_role(user, DEPARTMENT_HEAD)
    )


def can_report_progress(user, item):
    return item.status == SupervisionStatus.OPEN and (
        user.pk == item.responsible_id
        or user.department_id == item.owner_department_id
        or user.has_perm("office.manage_superviseditem")
    )


def can_complete_item(user, item):
    return item.status == SupervisionStatus.OPEN and (
        _owns(user, item) or user.has_perm("office.manage_superviseditem")
    )


def can_reopen_item(user, item):
    return item.status == SupervisionStatus.COMPLETED and user.has_perm("office.manage_superviseditem")


def can_void_item(user, item):
    return item.status == SupervisionStatus.OPEN and user.has_perm("office.manage_superviseditem")


def can_reassign_item(user, item):
    """A department head assigns handlers of their department; the office reassigns anything."""
    return item.status == SupervisionStatus.OPEN and (
        user.has_perm("office.manage_superviseditem")
        or (user.department_id == item.owner_department_id and has_role(user, DEPARTMENT_HEAD))
    )
