"""Who may see and do what with documents. Services and views ask these functions."""

from office.permissions import sees_everything
from office.roles import ADMINISTRATOR, CLERK, DEPARTMENT_HEAD, LEADER, has_role

from .choices import IncomingStatus, OutgoingStatus

MANAGE_INCOMING = "documents.manage_incomingdocument"
INSTRUCT_INCOMING = "documents.instruct_incomingdocument"
VIEW_CLASSIFIED = "documents.view_classified"
MANAGE_OUTGOING = "documents.manage_outgoingdocument"
SIGN_OUTGOING = "documents.sign_outgoingdocument"
MANAGE_PROPOSAL = "documents.manage_proposal"
MANAGE_ARCHIVE = "documents.manage_archiveitem"
MANAGE_PUBLICITY = "documents.manage_publicityitem"
ADD_INSTRUCTION = "documents.add_instruction"

_VIEW = [
    f"documents.view_{model}"
    for model in (
        "incomingdocument",
        "outgoingdocument",
        "proposal",
        "instruction",
        "archiveitem",
        "publicityitem",
        "issuingcode",
    )
]

ROLE_PERMISSIONS = {
    CLERK: [
        MANAGE_INCOMING,
        VIEW_CLASSIFIED,
        MANAGE_OUTGOING,
        MANAGE_PROPOSAL,
        MANAGE_ARCHIVE,
        MANAGE_PUBLICITY,
        ADD_INSTRUCTION,
        *_VIEW,
    ],
    LEADER: [INSTRUCT_INCOMING, SIGN_OUTGOING, VIEW_CLASSIFIED, ADD_INSTRUCTION, *_VIEW],
    ADMINISTRATOR: [
        "documents.add_issuingcode",
        "documents.change_issuingcode",
        "office.view_serialcounter",
        "documents.view_accesslog",
        *_VIEW,
    ],
}


def sees_all_documents(user):
    """The clerk and leaders see every document (RULES: 文书 and 局领导)."""
    return sees_everything(user)


def has_clearance(user):
    """May see the metadata of documents marked 秘密 and above (titles, senders, numbers)."""
    return user.is_authenticated and user.has_perm(VIEW_CLASSIFIED)


def can_manage_incoming(user):
    return user.has_perm(MANAGE_INCOMING)


def can_instruct_incoming(user, document):
    return (
        document.status == IncomingStatus.PROPOSED
        and user.has_perm(INSTRUCT_INCOMING)
        and document.instructing_leader_id in (None, user.pk)
    )


def is_lead_department_member(user, document):
    return bool(user.department_id) and user.department_id == document.lead_department_id


def can_complete_incoming(user, document):
    return document.status == IncomingStatus.HANDLING and (
        can_manage_incoming(user) or is_lead_department_member(user, document)
    )


def can_manage_outgoing(user):
    return user.has_perm(MANAGE_OUTGOING)


def can_sign_outgoing(user):
    return user.has_perm(SIGN_OUTGOING)


def can_draft_outgoing(user):
    return user.is_authenticated and bool(user.department_id) and has_role(user, CLERK, DEPARTMENT_HEAD, "handler")


def can_edit_draft(user, document):
    return document.status in (OutgoingStatus.DRAFT, OutgoingStatus.RETURNED) and (
        user.pk == document.drafter_id or user.department_id == document.department_id or can_manage_outgoing(user)
    )


def can_countersign(user, document, pending_department_ids):
    return document.status == OutgoingStatus.COUNTERSIGN and user.department_id in pending_department_ids


def is_leader(user):
    return has_role(user, LEADER)
