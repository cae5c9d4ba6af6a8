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


_ITEM_ACTIONS = {
    "progress": can_report_progress,
    "urge": can_urge_item,
    "complete": can_complete_item,
    "reassign": can_reassign_item,
    "reopen": can_reopen_item,
    "void": can_void_item,
}


def supervised_item_actions(user, item) -> set[str]:
    """The steps `user` may take on `item` now: the one decision the services enforce, the page
    shows as buttons and the API reports as `actions`."""
    if not user.is_authenticated:
        return set()
    return {name for name, allowed in _ITEM_ACTIONS.items() if allowed(user, item)}
