"""Who may do what in personnel (人事), and who sees personal data in full.

HR (人事) keeps every register; leaders read them (talk notes included) but see personal data
masked; the administrator reads the roster (to link logins) and the salary read log. Anyone
with a staff record sees their own record and their own personal data in full."""

from office import roles

from .choices import AppointmentState

MANAGE = "personnel.manage_personnel"
VIEW_PERSON = "personnel.view_person"
VIEW_PERSONAL_DATA = "personnel.view_personal_data"
VIEW_SALARY = "personnel.view_salarychange"
VIEW_TALK = "personnel.view_talk"
VIEW_READS = "personnel.view_sensitiveread"

_MODELS = [
    "person", "appointment", "recruitment", "titlereview", "salarychange", "assessmentround",
    "assessment", "transferbatch", "experttask", "talk",
]  # fmt: skip
_READ_MODELS = [m for m in _MODELS if m != "salarychange"]

ROLE_PERMISSIONS = {
    roles.HR: [MANAGE, VIEW_PERSONAL_DATA, VIEW_READS]
    + [f"personnel.{verb}_{model}" for model in _MODELS for verb in ("view", "add", "change")],
    roles.LEADER: [f"personnel.view_{model}" for model in _READ_MODELS],
    roles.ADMINISTRATOR: [VIEW_PERSON, VIEW_READS],
}


def is_own(user, person) -> bool:
    return bool(user.is_authenticated and person is not None and person.user_id == user.pk)


def can_manage(user) -> bool:
    return user.has_perm(MANAGE)


def can_view_personal_data(user, person) -> bool:
    """ID number, phone and birth date in full: HR and the person themselves."""
    return is_own(user, person) or user.has_perm(VIEW_PERSONAL_DATA)


def can_view_salary(user, person) -> bool:
    """Salary figures: HR and the person alone (RULES.md, People)."""
    return is_own(user, person) or user.has_perm(VIEW_SALARY)


def can_view_talks(user) -> bool:
    return user.has_perm(VIEW_TALK)


def personal_data_policy(viewer, record) -> bool:
    """Policy for MaskedField and exports: `record` is a Person or has a `person`."""
    person = record if hasattr(record, "citizen_id") else getattr(record, "person", None)
    return can_view_personal_data(viewer, person)


def salary_policy(viewer, record) -> bool:
    person = record if hasattr(record, "citizen_id") else getattr(record, "person", None)
    return can_view_salary(viewer, person)


def person_actions(user, person) -> set[str]:
    return {"edit", "appoint", "salary", "title", "recruit"} if can_manage(user) else set()


def appointment_actions(user, appointment) -> set[str]:
    if not can_manage(user) or appointment.is_voided:
        return set()
    if appointment.status == AppointmentState.RECORDED:
        return {"apply", "void"}
    return set()


def salary_change_actions(user, change) -> set[str]:
    return {"void"} if can_manage(user) and not change.is_voided else set()


def round_actions(user, assessment_round) -> set[str]:
    if not can_manage(user) or assessment_round.closed:
        return set()
    return {"grade", "close"}
