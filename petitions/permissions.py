"""Who may see and do what in petitions, receptions, duty and patrols.

- The petitions officer (信访, role `petitions`) registers and handles petitions, keeps the
  reception records, the duty roster and the patrols; sees petitioners' personal data.
- Leaders (局领导) see everything, approve a petition's one extension and approve receptions;
  they see petitioners' personal data.
- The office director (科室负责人 of the department with code "office") approves receptions too.
- The clerk (文书) prepares receptions and keeps the duty roster (generate, edit, approve swaps),
  and records patrols; sees no petition except those assigned to the office.
- A department a petition is assigned to (交办) sees it, with the personal data masked.
- The administrator sees every register (personal data masked).
- Everyone signed in sees the duty roster, asks to swap their own duty and writes the log of a
  day they are on duty.
"""

from office.roles import ADMINISTRATOR, CLERK, DEPARTMENT_HEAD, LEADER, PETITIONS, has_role

from .choices import PetitionStatus, ReceptionStatus, RectificationStatus, SwapStatus

VIEW_PETITION = "petitions.view_petition"
HANDLE_PETITION = "petitions.change_petition"
REGISTER_PETITION = "petitions.add_petition"
APPROVE_EXTENSION = "petitions.approve_extension"
PETITIONER_DATA = "petitions.view_petitioner_data"
VIEW_RECEPTION = "petitions.view_reception"
MANAGE_RECEPTION = "petitions.change_reception"
APPROVE_RECEPTION = "petitions.approve_reception"
MANAGE_DUTY = "petitions.change_dutyday"
VIEW_PATROL = "petitions.view_patrol"
MANAGE_PATROL = "petitions.change_patrol"
OFFICE_CODE = "office"

ROLE_PERMISSIONS = {
    PETITIONS: [
        VIEW_PETITION,
        REGISTER_PETITION,
        HANDLE_PETITION,
        PETITIONER_DATA,
        VIEW_RECEPTION,
        "petitions.add_reception",
        MANAGE_RECEPTION,
        "petitions.view_dutyday",
        MANAGE_DUTY,
        "petitions.view_dutylog",
        VIEW_PATROL,
        "petitions.add_patrol",
        MANAGE_PATROL,
    ],
    LEADER: [
        VIEW_PETITION,
        APPROVE_EXTENSION,
        PETITIONER_DATA,
        VIEW_RECEPTION,
        APPROVE_RECEPTION,
        "petitions.view_dutyday",
        "petitions.view_dutylog",
        VIEW_PATROL,
    ],
    CLERK: [
        VIEW_RECEPTION,
        "petitions.add_reception",
        MANAGE_RECEPTION,
        "petitions.view_dutyday",
        MANAGE_DUTY,
        "petitions.view_dutylog",
        VIEW_PATROL,
        "petitions.add_patrol",
        MANAGE_PATROL,
    ],
    ADMINISTRATOR: [VIEW_PETITION, VIEW_RECEPTION, "petitions.view_dutyday", "petitions.view_dutylog", VIEW_PATROL],
}


# --- petitions -------------------------------------------------------------------------------


def sees_all_petitions(user):
    return user.is_authenticated and user.has_perm(VIEW_PETITION)


def sees_petitioner(viewer, petition=None):
    """The masking policy: the petitions officer and leaders see petitioners' personal data."""
    return viewer.is_authenticated and viewer.has_perm(PETITIONER_DATA)


def can_register_petition(user):
    return user.is_authenticated and user.has_perm(REGISTER_PETITION)


def petition_actions(user, petition) -> set[str]:
    """The steps `user` may take on `petition` now."""
    if not user.is_authenticated or petition.is_voided:
        return set()
    actions = set()
    status = petition.status
    if user.has_perm(HANDLE_PETITION):
        if status == PetitionStatus.REGISTERED:
            actions |= {"transfer", "assign", "accept", "refuse"}
        if status == PetitionStatus.ACCEPTED:
            actions.add("reply")
        if status == PetitionStatus.REPLIED:
            actions |= {"review_request", "close"}
        if status == PetitionStatus.REVIEW:
            actions.add("review_decide")
        if status == PetitionStatus.REVIEWED:
            actions |= {"re_review_request", "close"}
        if status == PetitionStatus.RE_REVIEW:
            actions.add("re_review_decide")
        if status == PetitionStatus.RE_REVIEWED:
            actions.add("close")
        if petition.replied_on is not None:
            actions.add("satisfaction")
        actions.add("void")
    if user.has_perm(APPROVE_EXTENSION) and status == PetitionStatus.ACCEPTED and petition.extension_days is None:
        actions.add("extend")
    return actions


# --- receptions ------------------------------------------------------------------------------


def is_office_director(user):
    return (
        user.is_authenticated
        and has_role(user, DEPARTMENT_HEAD)
        and user.department is not None
        and user.department.code == OFFICE_CODE
    )


def can_approve_reception(user):
    return user.is_authenticated and (user.has_perm(APPROVE_RECEPTION) or is_office_director(user))


def sees_receptions(user):
    return user.is_authenticated and (user.has_perm(VIEW_RECEPTION) or is_office_director(user))


def can_create_reception(user):
    return user.is_authenticated and user.has_perm("petitions.add_reception")


def reception_actions(user, reception) -> set[str]:
    if not user.is_authenticated or reception.is_voided:
        return set()
    actions = set()
    manage = user.has_perm(MANAGE_RECEPTION)
    if reception.status == ReceptionStatus.DRAFT and can_approve_reception(user):
        actions.add("approve")
    if reception.status == ReceptionStatus.APPROVED and manage:
        actions.add("complete")
    if manage and reception.status != ReceptionStatus.DONE:
        actions.add("void")
    return actions


# --- duty ------------------------------------------------------------------------------------


def can_manage_duty(user):
    return user.is_authenticated and user.has_perm(MANAGE_DUTY)


def sees_duty_logs(user):
    return user.is_authenticated and user.has_perm("petitions.view_dutylog")


def swap_actions(user, swap) -> set[str]:
    if swap.status == SwapStatus.PENDING and can_manage_duty(user):
        return {"approve", "reject"}
    return set()


# --- patrols ---------------------------------------------------------------------------------


def sees_patrols(user):
    return user.is_authenticated and user.has_perm(VIEW_PATROL)


def can_record_patrol(user):
    return user.is_authenticated and user.has_perm("petitions.add_patrol")


def patrol_actions(user, patrol) -> set[str]:
    if not user.is_authenticated or patrol.is_voided:
        return set()
    actions = set()
    if patrol.rectification_status == RectificationStatus.OPEN and (
        user.has_perm(MANAGE_PATROL) or user.pk == patrol.rectification_owner_id
    ):
        actions.add("rectify")
    if user.has_perm(MANAGE_PATROL):
        actions.add("void")
    return actions
