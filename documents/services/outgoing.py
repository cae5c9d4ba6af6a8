"""Outgoing documents (发文): draft → 核稿 → (会签) → 签发 → 编号 → 印发 → 归档, returned drafts
going back with reasons. The number is given once, at 编号, gap-free under concurrency."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from office.audit import record_save
from office.models import Department, User
from office.numbering import next_serial
from office.services.common import lock, require, require_state, required_text
from office.services.notifications import notification_send
from office.services.voiding import record_void
from office.uploads import check_upload

from .. import permissions
from ..choices import (
    CLASSIFIED,
    CLASSIFIED_TITLE,
    Classification,
    Disclosure,
    DocumentKind,
    OutgoingStatus,
    OutgoingStepKind,
    SecrecyPeriod,
    Urgency,
)
from ..models import Countersign, IssuingCode, OutgoingDocument, OutgoingStep
from ..models.common import document_number_text, issuing_sequence
from ..permissions import OUTGOING_STEPS as STEPS
from .common import content_for, log_refusal, public_content
from .versions import max_bytes as version_max_bytes
from .versions import version_from_text, version_upload

S = OutgoingStatus
NOUN = "发文"
CLASSIFIED_BODY_MESSAGE = "涉密文件只登记元数据，正文和附件不得录入本系统。"
EDITABLE_FIELDS = [
    "title",
    "kind",
    "main_recipients",
    "cc_recipients",
    "classification",
    "secrecy_period",
    "copy_number",
    "custodian",
    "urgency",
    "disclosure",
    "body",
    "attachment_names",
    "issuing_code",
    "reviewer",
    "signing_leader",
]


def _step(document, kind, actor, opinion=""):
    return OutgoingStep.objects.create(document=document, kind=kind, actor=actor, opinion=opinion or "")


def _url(document):
    return reverse("documents:outgoing_detail", args=[document.pk])


def _safe_title(document):
    return CLASSIFIED_TITLE if document.is_classified else document.title


def _check(fields):
    errors = {}
    if "title" in fields and not (fields["title"] or "").strip():
        errors["title"] = "请填写标题。"
    if "kind" in fields and fields["kind"] not in DocumentKind.values:
        errors["kind"] = "请选择有效的文种。"
    classification = fields.get("classification", Classification.NONE)
    if classification not in Classification.values:
        errors["classification"] = "请选择有效的密级。"
    elif classification in CLASSIFIED and not fields.get("secrecy_period"):
        errors["secrecy_period"] = "秘密及以上文件须填写保密期限。"
    if fields.get("secrecy_period") and fields["secrecy_period"] not in SecrecyPeriod.values:
        errors["secrecy_period"] = "请选择有效的保密期限。"
    if "urgency" in fields and fields["urgency"] not in Urgency.values:
        errors["urgency"] = "请选择有效的紧急程度。"
    disclosure = fields.get("disclosure", Disclosure.UNMARKED)
    if disclosure not in Disclosure.values:
        errors["disclosure"] = "请选择有效的公开属性（主动公开、依申请公开或不予公开）。"
    elif classification in CLASSIFIED and disclosure not in (Disclosure.UNMARKED, Disclosure.NOT_PUBLIC):
        errors["disclosure"] = "涉密文件（秘密及以上）的公开属性只能是“不予公开”。"
    code = fields.get("issuing_code")
    if code is not None and not code.is_active:
        errors["issuing_code"] = "该机关代字已停用。"
    if errors:
        raise ValidationError(errors)


def _check_people(drafter, reviewer, signing_leader):
    """Separation of duties: the drafter chooses a reviewer who is not the drafter and holds
    the 核稿 permission, and a leader who may sign."""
    errors = {}
    if reviewer is not None:
        if reviewer.pk == drafter.pk:
            errors["reviewer"] = "拟稿人不能核稿自己的文稿，请选择其他核稿人。"
        elif not reviewer.is_active or not permissions.can_review_outgoing(reviewer):
            errors["reviewer"] = f"{reviewer.name}没有核稿权限，请选择办公室的核稿人。"
    may_sign = signing_leader is not None and signing_leader.is_active and permissions.can_sign_outgoing(signing_leader)
    if signing_leader is not None and not may_sign:
        errors["signing_leader"] = f"{signing_leader.name}不是可以签发的局领导。"
    if errors:
        raise ValidationError(errors)


def _refuse_classified_body(actor, fields, document=None):
    # 保守国家秘密法: the system must not hold classified content; the refusal is kept on record.
    if fields.get("classification") in CLASSIFIED and (fields.get("body") or "").strip():
        log_refusal(actor=actor, outgoing=document, detail=f"拒绝录入涉密发文正文：{fields.get('title', '')[:100]}")
        raise ValidationError({"body": CLASSIFIED_BODY_MESSAGE})


def _check_body_file(actor, body_file, classification, document=None, title=""):
    """The Word 正文 given with the draft's form: refused (and the refusal kept) for a classified
    draft, checked whole before anything is saved."""
    if body_file is None:
        return
    if classification in CLASSIFIED:
        log_refusal(actor=actor, outgoing=document, detail=f"拒绝上传涉密发文正文：{title[:100]}")
        raise ValidationError({"body_file": CLASSIFIED_BODY_MESSAGE})
    check_upload(body_file, max_bytes=version_max_bytes(), kinds=("docx",), noun="正文", field="body_file")


def outgoing_draft(
    *,
    actor: User,
    title: str,
    kind: str = DocumentKind.NOTICE,
    department: Department | None = None,
    main_recipients: str = "",
    cc_recipients: str = "",
    classification: str = Classification.NONE,
    secrecy_period: str = "",
    copy_number: str = "",
    custodian: str = "",
    urgency: str = Urgency.NORMAL,
    disclosure: str = Disclosure.UNMARKED,
    body: str = "",
    attachment_names: str = "",
    issuing_code: IssuingCode | None = None,
    countersign_departments=(),
    reviewer: User | None = None,
    signing_leader: User | None = None,
    body_file=None,
) -> OutgoingDocument:
    """拟稿: a draft by a person of a department (the office may draft for any department),
    who chooses the reviewer (核稿人), the departments to countersign and the leader to sign.
    `body_file`, a Word document, is the 正文's first uploaded version (services/versions.py)."""
    require(permissions.can_draft_outgoing(actor), "您没有拟稿的权限。")
    department = department or actor.department
    if department.pk != actor.department_id and not permissions.can_manage_outgoing(actor):
        raise PermissionDenied("只能以本科室名义拟稿。")
    fields = {
        "title": title,
        "kind": kind,
        "classification": classification,
        "secrecy_period": secrecy_period,
        "urgency": urgency,
        "disclosure": disclosure or "",
        "body": body,
        "issuing_code": issuing_code,
    }
    _check(fields)
    if classification in CLASSIFIED:
        disclosure = Disclosure.NOT_PUBLIC  # a state secret is never published
    _check_people(actor, reviewer, signing_leader)
    _refuse_classified_body(actor, fields)
    _check_body_file(actor, body_file, classification, title=title)
    with transaction.atomic():
        document = OutgoingDocument(
            title=title.strip(),
            kind=kind,
            drafter=actor,
            department=department,
            main_recipients=main_recipients or "",
            cc_recipients=cc_recipients or "",
            classification=classification,
            secrecy_period=secrecy_period or "",
            copy_number=copy_number or "",
            custodian=custodian or "",
            urgency=urgency,
            disclosure=disclosure or "",
            body=body or "",
            attachment_names=attachment_names or "",
            issuing_code=issuing_code,
            reviewer=reviewer,
            signing_leader=signing_leader,
        )
        record_save(document, actor=actor, reason="拟稿")
        _set_countersigns(document, countersign_departments)
        _step(document, OutgoingStepKind.DRAFT, actor)
        version_from_text(actor=actor, document=document, body=document.body)
        if body_file is not None:
            version_upload(actor=actor, document=document, upload=body_file)
    return document


def _set_countersigns(document, departments):
    departments = [d for d in departments if d.pk != document.department_id]
    document.countersigns.all().delete()
    Countersign.objects.bulk_create([Countersign(document=document, department=d) for d in departments])


def outgoing_update(
    *, actor: User, document: OutgoingDocument, countersign_departments=None, body_file=None, **changes
):
    """Edits a draft or a returned draft (by its department or the office); `body_file`, a Word
    document, becomes the 正文's next version."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "该字段不能修改。"})
    merged = {name: changes.get(name, getattr(document, name)) for name in EDITABLE_FIELDS}
    _check(merged)
    _refuse_classified_body(actor, merged, document)
    _check_body_file(actor, body_file, merged["classification"], document, merged["title"])
    with transaction.atomic():
        document = lock(document)
        require_state(document, {S.DRAFT, S.RETURNED}, "修改", NOUN)
        require(permissions.can_edit_draft(actor, document), "您不能修改此文稿。")
        _check_people(document.drafter, merged["reviewer"], merged["signing_leader"])
        if merged["classification"] in CLASSIFIED and not document.is_classified and document.versions.exists():
            # Versions are never deleted, and the system holds no classified text.
            raise ValidationError(
                {"classification": "此文稿已有正文版本，不能改为涉密文件。涉密文件请作废本稿后按保密规定另行办理。"}
            )
        if merged["classification"] in CLASSIFIED and document.disclosure != Disclosure.NOT_PUBLIC:
            changes["disclosure"] = Disclosure.NOT_PUBLIC  # a state secret is never published
        body_before = document.body
        for name, value in changes.items():
            setattr(document, name, value.strip() if isinstance(value, str) else value)
        record_save(document, actor=actor, reason="修改文稿", update_fields=[*changes, "updated_at"])
        if document.body != body_before:  # the text written on the page changed: a new version
            version_from_text(actor=actor, document=document, body=document.body)
        if countersign_departments is not None:
            _set_countersigns(document, countersign_departments)
        if body_file is not None:
            version_upload(actor=actor, document=document, upload=body_file)
    return document


def outgoing_submit(*, actor: User, document: OutgoingDocument, opinion: str = "") -> OutgoingDocument:
    """送审: the draft goes to the office for 核稿."""
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "submit")
        missing = {}
        if document.reviewer_id is None:
            missing["reviewer"] = "请先选择核稿人再送审。"
        if document.signing_leader_id is None:
            missing["signing_leader"] = "请先选择签发领导再送审。"
        if missing:
            raise ValidationError(missing)
        _check_people(document.drafter, document.reviewer, document.signing_leader)
        document.status = S.REVIEW
        record_save(document, actor=actor, reason="送审", update_fields=["status", "updated_at"])
        _step(document, OutgoingStepKind.SUBMIT, actor, opinion)
        notification_send(recipient=document.reviewer, title=f"请核稿：{_safe_title(document)}", url=_url(document))
    return document


def outgoing_review(*, actor: User, document: OutgoingDocument, opinion: str = "") -> OutgoingDocument:
    """核稿 by the reviewer the drafter chose (never the drafter): approval, content, 文种 and
    format; then 会签 if departments were asked to co-sign, else to the leader for 签发."""
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "review")
        document.countersigns.update(signed_by=None, signed_at=None, opinion="")
        pending = list(document.countersigns.select_related("department"))
        document.status = S.COUNTERSIGN if pending else S.SIGNING
        record_save(document, actor=actor, reason="核稿", update_fields=["status", "updated_at"])
        _step(document, OutgoingStepKind.REVIEW, actor, opinion or "核稿通过")
        if pending:
            for row in pending:
                for person in User.objects.filter(department=row.department, is_active=True):
                    notification_send(recipient=person, title=f"请会签：{_safe_title(document)}", url=_url(document))
        else:
            _notify_signers(document)
    return document


def _notify_signers(document):
    if document.signing_leader_id is not None:
        title = f"待签发：{_safe_title(document)}"
        notification_send(recipient=document.signing_leader, title=title, url=_url(document))
        return
    for leader in User.objects.filter(groups__permissions__codename="sign_outgoingdocument", is_active=True).distinct():
        notification_send(recipient=leader, title=f"待签发：{_safe_title(document)}", url=_url(document))


def outgoing_countersign(*, actor: User, document: OutgoingDocument, opinion: str = "") -> Countersign:
    """会签 by a department asked to co-sign; when the last one has, the draft goes to 签发."""
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "countersign")
        row = document.countersigns.select_for_update().get(department_id=actor.department_id)
        row.signed_by = actor
        row.signed_at = timezone.now()
        row.opinion = opinion or "同意"
        row.save(update_fields=["signed_by", "signed_at", "opinion"])
        _step(document, OutgoingStepKind.COUNTERSIGN, actor, f"{row.department}：{row.opinion}")
        if not document.countersigns.filter(signed_at__isnull=True).exists():
            document.status = S.SIGNING
            record_save(document, actor=actor, reason="会签完毕", update_fields=["status", "updated_at"])
            _notify_signers(document)
    return row


def outgoing_sign(
    *, actor: User, document: OutgoingDocument, opinion: str, signed_on: datetime.date | None = None
) -> OutgoingDocument:
    """签发 by a leader: opinion, name and full date are recorded (RULES)."""
    opinion = required_text(opinion, "opinion", "签发意见")
    signed_on = signed_on or timezone.localdate()
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "签发日期不能晚于今天。"})
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "sign")
        document.status = S.SIGNED
        document.signer = actor
        document.signed_on = signed_on
        document.sign_opinion = opinion
        record_save(
            document,
            actor=actor,
            reason="签发",
            update_fields=["status", "signer", "signed_on", "sign_opinion", "updated_at"],
        )
        _step(document, OutgoingStepKind.SIGN, actor, opinion)
        notification_send(recipient=document.drafter, title=f"已签发：{_safe_title(document)}", url=_url(document))
    return document


def outgoing_return(*, actor: User, document: OutgoingDocument, reason: str) -> OutgoingDocument:
    """退回: the office at 核稿, a co-signing department at 会签 or a leader at 签发 sends the
    draft back to the drafter with the reasons."""
    reason = required_text(reason, "reason", "退回理由")
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "return")
        document.status = S.RETURNED
        record_save(document, actor=actor, reason="退回", update_fields=["status", "updated_at"])
        _step(document, OutgoingStepKind.RETURN, actor, reason)
        notification_send(
            recipient=document.drafter,
            title=f"文稿被退回：{_safe_title(document)}",
            body=content_for(document, document.drafter, reason),
            url=_url(document),
        )
    return document


def outgoing_assign_number(
    *, actor: User, document: OutgoingDocument, issuing_code: IssuingCode | None = None
) -> OutgoingDocument:
    """编号: the issuing code's next number for the year, taken under a lock on the sequence
    row (never max()+1), so concurrent requests get distinct, consecutive numbers."""
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "number")
        code = issuing_code or document.issuing_code
        if code is None:
            raise ValidationError({"issuing_code": "请选择机关代字。"})
        if not code.is_active:
            raise ValidationError({"issuing_code": "该机关代字已停用。"})
        year = timezone.localdate().year
        # The sequence row is locked from here to the commit, so keep this part short: the
        # document is already locked and checked, and the fields set below need no validation.
        serial = next_serial(issuing_sequence(code.pk), year)
        document.issuing_code = code
        document.number_year = year
        document.number_serial = serial
        document.document_number = document_number_text(code.code, year, serial)
        document.numbered_at = timezone.now()
        document.status = S.NUMBERED
        record_save(
            document,
            actor=actor,
            reason="编号",
            validate=False,
            update_fields=[
                "issuing_code",
                "number_year",
                "number_serial",
                "document_number",
                "numbered_at",
                "status",
                "updated_at",
            ],
        )
        _step(document, OutgoingStepKind.NUMBER, actor, document.document_number)
    return document


def outgoing_dispatch(
    *, actor: User, document: OutgoingDocument, dispatched_on: datetime.date | None = None, printed_copies: int
) -> OutgoingDocument:
    """印发: date and number of copies. Refused without a number."""
    dispatched_on = dispatched_on or timezone.localdate()
    with transaction.atomic():
        document = lock(document)
        if not document.document_number and document.status != S.VOIDED:
            raise ValidationError({"document_number": "发文尚未编号，不能印发。请先编号。"})
        STEPS.check(actor, document, "dispatch")
        errors = {}
        if printed_copies is None or printed_copies < 1:
            errors["printed_copies"] = "印发份数至少为 1。"
        if dispatched_on > timezone.localdate():
            errors["dispatched_on"] = "印发日期不能晚于今天。"
        elif document.signed_on and dispatched_on < document.signed_on:
            errors["dispatched_on"] = "印发日期不能早于签发日期。"
        if errors:
            raise ValidationError(errors)
        document.status = S.DISPATCHED
        document.dispatched_on = dispatched_on
        document.printed_copies = printed_copies
        record_save(
            document,
            actor=actor,
            reason="印发",
            update_fields=["status", "dispatched_on", "printed_copies", "updated_at"],
        )
        _step(document, OutgoingStepKind.DISPATCH, actor, f"{dispatched_on:%Y-%m-%d} 印发 {printed_copies} 份")
    return document


def outgoing_void(*, actor: User, document: OutgoingDocument, reason: str) -> OutgoingDocument:
    """作废 with a reason. A number already given stays used (never given again)."""

    def step(document):
        text = document.void_reason
        if document.document_number:
            text = f"{document.document_number} 作废，文号不再使用：{text}"
        _step(document, OutgoingStepKind.VOID, actor, text)

    return record_void(
        actor=actor,
        record=document,
        reason=reason,
        noun=NOUN,
        check=lambda d: STEPS.check(actor, d, "void"),
        after=step,
        public_reason=public_content(document, reason, "涉密文件，原因见发文"),
    )


def outgoing_archive(*, actor: User, document: OutgoingDocument, retention: str, pages: int | None = None):
    """归档 (the archive service files the item and gives the 档号)."""
    from .archive import outgoing_archive as archive

    return archive(actor=actor, document=document, retention=retention, pages=pages)
