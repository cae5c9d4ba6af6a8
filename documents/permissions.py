"""Who may see and do what with documents. Services and views ask these functions."""

from django.utils import timezone

from office.permissions import sees_everything
from office.roles import ADMINISTRATOR, CLERK, DEPARTMENT_HEAD, LEADER, OFFICE_DIRECTOR, has_role
from office.steps import Step, StepTable

from .choices import HandlingType, IncomingStatus, InstructionStatus, OutgoingStatus, ProposalStatus

MANAGE_INCOMING = "documents.manage_incomingdocument"
INSTRUCT_INCOMING = "documents.instruct_incomingdocument"
VIEW_CLASSIFIED = "documents.view_classified"
MANAGE_OUTGOING = "documents.manage_outgoingdocument"
SIGN_OUTGOING = "documents.sign_outgoingdocument"
REVIEW_OUTGOING = "documents.review_outgoingdocument"
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
        REVIEW_OUTGOING,
        MANAGE_PROPOSAL,
        MANAGE_ARCHIVE,
        MANAGE_PUBLICITY,
        ADD_INSTRUCTION,
        *_VIEW,
    ],
    OFFICE_DIRECTOR: [REVIEW_OUTGOING, VIEW_CLASSIFIED, *_VIEW],
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


def sees_content(user, document):
    """The free text people write about a classified (秘密 and above) document is its content:
    备注, the steps' opinions (初审, 拟办意见, 批示, 分办, 阅件意见, 办结情况, 催办, 送审, 核稿, 会签,
    签发意见, 退回理由) and the 作废原因. Only a user with clearance sees it. Metadata stays visible
    to whoever may see the record: numbers, 来文单位, 密级, dates, who took which step when, the
    departments, 主送/抄送, copies, status."""
    return not document.is_classified or has_clearance(user)


def content_shown(document, cleared, text):
    """`text` of `document` as a reader with clearance `cleared` may see it (pages, PDFs, exports)."""
    from .choices import CLASSIFIED_CONTENT

    if not text or cleared or not document.is_classified:
        return text
    return CLASSIFIED_CONTENT


def can_manage_incoming(user):
    return user.has_perm(MANAGE_INCOMING)




def is_lead_department_member(user, document):
    return bool(user.department_id) and user.department_id == document.lead_department_id




def can_manage_outgoing(user):
    return user.has_perm(MANAGE_OUTGOING)


def can_sign_outgoing(user):
    return user.has_perm(SIGN_OUTGOING)


def can_review_outgoing(user):
    return user.has_perm(REVIEW_OUTGOING)


def may_review(user, document):
    """核稿: the reviewer the drafter chose (any reviewer when none was chosen, as in drafts
    made before the choice existed), never the drafter."""
    return (
        user.pk != document.drafter_id
        and can_review_outgoing(user)
        and document.reviewer_id in (None, user.pk)
    )


def may_sign(user, document):
    """签发: the leader the drafter chose (any leader when none was chosen)."""
    return can_sign_outgoing(user) and document.signing_leader_id in (None, user.pk)


def can_draft_outgoing(user):
    return user.is_authenticated and bool(user.department_id) and has_role(user, CLERK, DEPARTMENT_HEAD, "handler")


def can_edit_draft(user, document):
    return document.status in (OutgoingStatus.DRAFT, OutgoingStatus.RETURNED) and (
        user.pk == document.drafter_id or user.department_id == document.department_id or can_manage_outgoing(user)
    )




def is_leader(user):
    return has_role(user, LEADER)


# ---- the steps of an incoming document (office/steps.py): one decision for services, pages, API ----


def _reader_row(user, document):
    # The page hands the readers it already read (document._readers); a service asks the database.
    readers = getattr(document, "_readers", None)
    if readers is not None:
        return next((r for r in readers if r.reader_id == user.pk), None)
    return document.readers.filter(reader=user).first()


def _unread(user, document):
    row = _reader_row(user, document)
    if row is not None and row.read_at is not None:
        return f"您已于{timezone.localtime(row.read_at):%Y-%m-%d %H:%M}阅毕。"
    return None


def _not_archived(user, document):
    from .models import ArchiveItem

    return "该收文已归档。" if ArchiveItem.objects.filter(incoming=document).exists() else None


def _office(user, document):
    return can_manage_incoming(user)


S = IncomingStatus
INCOMING_STEPS = StepTable(
    "收文",
    {
        "register": Step("登记", {S.RECEIVED}, _office, "只有办公室文书可以登记收文。"),
        "review": Step("初审", {S.REGISTERED}, _office, "只有办公室文书可以初审收文。"),
        "propose": Step("拟办", {S.REVIEWED}, _office, "只有办公室文书可以提出拟办意见。"),
        "instruct": Step(
            "批办",
            {S.PROPOSED},
            lambda user, d: user.has_perm(INSTRUCT_INCOMING) and d.instructing_leader_id in (None, user.pk),
            "您不能批办此文件。",
        ),
        "assign": Step(
            "分送承办",
            {S.INSTRUCTED, S.REVIEWED},
            _office,
            "只有办公室文书可以分送承办。",
            ready=lambda user, d: "阅件请送传阅，不能分送承办。" if d.handling_type == HandlingType.READING else None,
        ),
        "circulate": Step(
            "传阅",
            {S.REVIEWED, S.PROPOSED, S.INSTRUCTED, S.CIRCULATING},
            _office,
            "只有办公室文书可以组织传阅。",
            ready=lambda user, d: (
                None if d.handling_type == HandlingType.READING else "办件请分送承办；只有阅件可以传阅。"
            ),
        ),
        "read": Step(
            "阅毕",
            {S.CIRCULATING},
            lambda user, d: _reader_row(user, d) is not None,
            "此文件没有送您传阅。",
            ready=_unread,
        ),
        "complete": Step(
            "办结",
            {S.HANDLING},
            lambda user, d: can_manage_incoming(user) or is_lead_department_member(user, d),
            "只有主办科室或办公室文书可以办结此文件。",
        ),
        "urge": Step("催办", {S.PROPOSED, S.HANDLING, S.CIRCULATING}, _office, "只有办公室文书可以催办。", aside=True),
        "archive": Step(
            "归档",
            {S.DONE},
            lambda user, d: user.has_perm(MANAGE_ARCHIVE),
            "只有办公室文书可以归档。",
            ready=_not_archived,
        ),
        "void": Step("作废", set(S.values) - {S.VOIDED}, _office, "只有办公室文书可以作废收文。", aside=True),
    },
)


def incoming_actions(user, document) -> set[str]:
    return INCOMING_STEPS.actions(user, document)


# ---- the steps of an outgoing document ----


def _countersign_rows(document):
    rows = getattr(document, "_countersigns", None)  # handed by the page, else read
    return rows if rows is not None else list(document.countersigns.all())


def _countersign_row(user, document):
    return next((c for c in _countersign_rows(document) if c.department_id == user.department_id), None)


def _not_countersigned(user, document):
    row = _countersign_row(user, document)
    return f"{row.department}已会签。" if row is not None and row.signed_at is not None else None


def _may_return(user, document):
    if document.status == OutgoingStatus.COUNTERSIGN:
        return can_manage_outgoing(user) or (bool(user.department_id) and _countersign_row(user, document) is not None)
    if document.status == OutgoingStatus.SIGNING:
        return may_sign(user, document) or can_manage_outgoing(user)
    return may_review(user, document) or can_manage_outgoing(user)


def _may_edit_draft(user, document):
    return user.pk == document.drafter_id or user.department_id == document.department_id or can_manage_outgoing(user)


OS = OutgoingStatus
OUTGOING_STEPS = StepTable(
    "发文",
    {
        "submit": Step("送审", {OS.DRAFT, OS.RETURNED}, _may_edit_draft, "只有拟稿科室可以送审。"),
        "review": Step(
            "核稿", {OS.REVIEW}, may_review, "只有拟稿人选定的核稿人可以核稿；拟稿人不能核稿自己的文稿。"
        ),
        "countersign": Step(
            "会签",
            {OS.COUNTERSIGN},
            lambda user, d: bool(user.department_id) and _countersign_row(user, d) is not None,
            "您所在科室不在会签范围内。",
            ready=_not_countersigned,
        ),
        "sign": Step("签发", {OS.SIGNING}, may_sign, "只有拟稿人选定的签发领导可以签发。"),
        "return": Step(
            "退回", {OS.REVIEW, OS.COUNTERSIGN, OS.SIGNING}, _may_return, "您不能退回此文稿。", aside=True
        ),
        "number": Step("编号", {OS.SIGNED}, lambda user, d: can_manage_outgoing(user), "只有办公室文书可以编号。"),
        "dispatch": Step("印发", {OS.NUMBERED}, lambda user, d: can_manage_outgoing(user), "只有办公室文书可以印发。"),
        "archive": Step(
            "归档", {OS.DISPATCHED}, lambda user, d: user.has_perm(MANAGE_ARCHIVE), "只有办公室文书可以归档。"
        ),
        "void": Step(
            "作废",
            set(OS.values) - {OS.VOIDED, OS.ARCHIVED},
            lambda user, d: can_manage_outgoing(user)
            or (d.status in (OS.DRAFT, OS.RETURNED) and d.drafter_id == user.pk),
            "您不能作废此发文。",
            aside=True,
        ),
    },
)


def outgoing_actions(user, document) -> set[str]:
    return OUTGOING_STEPS.actions(user, document)


# ---- versions of the 正文: who may add one at each step ----


def version_step(document):
    """The step a new version of the 正文 would be made at, or None when none may be added."""
    from .choices import VersionStep

    return {
        OS.DRAFT: VersionStep.DRAFT,
        OS.RETURNED: VersionStep.DRAFT,
        OS.REVIEW: VersionStep.REVIEW,
        OS.COUNTERSIGN: VersionStep.COUNTERSIGN,
        OS.SIGNING: VersionStep.SIGN,
        OS.SIGNED: VersionStep.PROOF,
        OS.NUMBERED: VersionStep.PROOF,
    }.get(document.status)


def may_add_version(user, document) -> bool:
    """Those who may act on the draft at its step: the drafting department while drafting, the
    chosen reviewer at 核稿, a department still to co-sign at 会签, the chosen leader at 签发
    and the office's clerk at 复核 (signed, before printing). Never for classified documents."""
    if not user.is_authenticated or document.is_classified:
        return False
    status = document.status
    if status in (OS.DRAFT, OS.RETURNED):
        return _may_edit_draft(user, document)
    if status == OS.REVIEW:
        return may_review(user, document)
    if status == OS.COUNTERSIGN:
        row = _countersign_row(user, document) if user.department_id else None
        return row is not None and row.signed_at is None
    if status == OS.SIGNING:
        return may_sign(user, document)
    if status in (OS.SIGNED, OS.NUMBERED):
        return can_manage_outgoing(user)
    return False


# ---- the steps of deputies' proposals and leaders' instructions ----


def _office_proposal(user, proposal):
    return user.has_perm(MANAGE_PROPOSAL)


PS = ProposalStatus
PROPOSAL_STEPS = StepTable(
    "建议提案",
    {
        "reply": Step(
            "答复",
            {PS.HANDLING},
            lambda user, p: user.has_perm(MANAGE_PROPOSAL)
            or (bool(user.department_id) and user.department_id == p.lead_department_id),
            "只有主办科室或办公室文书可以答复。",
        ),
        "rate": Step("登记满意度", {PS.REPLIED}, _office_proposal, "只有办公室文书可以登记满意度。"),
        "void": Step("作废", {PS.HANDLING, PS.REPLIED}, _office_proposal, "只有办公室文书可以作废建议提案。"),
    },
)

IS = InstructionStatus
INSTRUCTION_STEPS = StepTable(
    "批示",
    {
        "complete": Step(
            "办结",
            {IS.OPEN},
            lambda user, i: user.has_perm(MANAGE_INCOMING)
            or (bool(user.department_id) and user.department_id == i.department_id)
            or user.pk == i.responsible_id,
            "只有承办科室或办公室文书可以办结批示。",
        ),
        "void": Step(
            "作废",
            {IS.OPEN},
            lambda user, i: user.has_perm(MANAGE_INCOMING) or user.pk == i.leader_id,
            "您不能作废此批示。",
        ),
    },
)


def proposal_actions(user, proposal) -> set[str]:
    return PROPOSAL_STEPS.actions(user, proposal)


def instruction_actions(user, instruction) -> set[str]:
    return INSTRUCTION_STEPS.actions(user, instruction)
