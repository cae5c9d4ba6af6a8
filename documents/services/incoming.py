"""Incoming documents (收文): the only code that registers them and moves them through the
handling steps of 《党政机关公文处理工作条例》: 签收 → 登记 → 初审 → 拟办 → 批办 → 承办 → 办结,
with 传阅 for 阅件, 催办 and 作废."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from office.audit import record_save
from office.models import Department, User
from office.numbering import next_serial
from office.roles import DEPARTMENT_HEAD, ROLES
from office.services.common import lock, require, required_text
from office.services.notifications import notification_send
from office.services.supervision import (
    supervised_item_open,
    supervised_items_complete_for_source,
)
from office.services.voiding import record_void

from .. import permissions
from ..choices import (
    CLASSIFIED,
    CLASSIFIED_TITLE,
    SUPERVISION_DOCUMENT,
    Classification,
    DocumentKind,
    HandlingType,
    IncomingStatus,
    IncomingStepKind,
    SecrecyPeriod,
    Urgency,
)
from ..models import CirculationReader, IncomingDocument, IncomingStep
from ..models.common import INCOMING_SEQUENCE, incoming_serial_text
from ..permissions import INCOMING_STEPS as STEPS
from .common import content_for, public_content

S = IncomingStatus
NOUN = "收文"


def _step(document, kind, actor, opinion=""):
    return IncomingStep.objects.create(document=document, kind=kind, actor=actor, opinion=opinion or "")


def _url(document):
    return reverse("documents:incoming_detail", args=[document.pk])


def _check_metadata(*, title, sender, kind, classification, secrecy_period, urgency, copies, pages, received_at):
    errors = {}
    if not (title or "").strip():
        errors["title"] = "请填写标题。"
    if not (sender or "").strip():
        errors["sender"] = "请填写来文单位。"
    if kind not in DocumentKind.values:
        errors["kind"] = "请选择有效的文种。"
    if classification not in Classification.values:
        errors["classification"] = "请选择有效的密级。"
    elif classification in CLASSIFIED and not secrecy_period:
        errors["secrecy_period"] = "秘密及以上文件须填写保密期限。"
    if secrecy_period and secrecy_period not in SecrecyPeriod.values:
        errors["secrecy_period"] = "请选择有效的保密期限。"
    if urgency not in Urgency.values:
        errors["urgency"] = "请选择有效的紧急程度。"
    if copies is not None and copies < 1:
        errors["copies"] = "份数至少为 1。"
    if pages is not None and pages < 1:
        errors["pages"] = "页数至少为 1。"
    if received_at is None:
        errors["received_at"] = "请填写收文时间。"
    elif received_at > timezone.now() + datetime.timedelta(minutes=5):
        errors["received_at"] = "收文时间不能晚于现在。"
    if errors:
        raise ValidationError(errors)


def incoming_receive(
    *,
    actor: User,
    sender: str,
    title: str,
    received_at: datetime.datetime | None = None,
    sender_number: str = "",
    kind: str = DocumentKind.NOTICE,
    classification: str = Classification.NONE,
    secrecy_period: str = "",
    copy_number: str = "",
    custodian: str = "",
    urgency: str = Urgency.NORMAL,
    copies: int = 1,
    pages: int | None = None,
    deadline: datetime.date | None = None,
    remarks: str = "",
    hide_title: bool = False,
    register: bool = True,
) -> IncomingDocument:
    """签收: the clerk signs for a document (count, sign, note the time); with `register`, also
    登记 at once, which gives the internal serial. A classified document may have its title
    replaced by 涉密件 (`hide_title`); it is a metadata-only entry either way."""
    require(permissions.can_manage_incoming(actor), "只有办公室文书可以签收登记收文。")
    received_at = received_at or timezone.now()
    _check_metadata(
        title=title,
        sender=sender,
        kind=kind,
        classification=classification,
        secrecy_period=secrecy_period,
        urgency=urgency,
        copies=copies,
        pages=pages,
        received_at=received_at,
    )
    if hide_title and classification not in CLASSIFIED:
        raise ValidationError({"hide_title": "只有秘密及以上文件可以用“涉密件”代替标题。"})
    with transaction.atomic():
        document = IncomingDocument(
            sender=sender.strip(),
            sender_number=(sender_number or "").strip(),
            title=CLASSIFIED_TITLE if hide_title else title.strip(),
            kind=kind,
            classification=classification,
            secrecy_period=secrecy_period or "",
            copy_number=copy_number or "",
            custodian=custodian or "",
            urgency=urgency,
            copies=copies or 1,
            pages=pages,
            received_at=received_at,
            deadline=deadline,
            remarks=remarks or "",
            status=S.RECEIVED,
            created_by=actor,
        )
        record_save(document, actor=actor, reason="签收")
        _step(document, IncomingStepKind.RECEIVE, actor, f"共 {document.copies} 份")
        if register:
            document = incoming_register(actor=actor, document=document)
    return document


def incoming_register(*, actor: User, document: IncomingDocument) -> IncomingDocument:
    """登记: gives the year's next internal serial (收〔2026〕123号) under a row lock."""
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "register")
        year = timezone.localtime(document.received_at).year
        document.year = year
        document.serial = next_serial(INCOMING_SEQUENCE, year)
        document.serial_number = incoming_serial_text(year, document.serial)
        document.status = S.REGISTERED
        document.registered_by = actor
        record_save(
            document,
            actor=actor,
            reason="登记",
            update_fields=["year", "serial", "serial_number", "status", "registered_by", "updated_at"],
        )
        _step(document, IncomingStepKind.REGISTER, actor, document.serial_number)
    return document


def incoming_review(*, actor: User, document: IncomingDocument, accept: bool, opinion: str = "") -> IncomingDocument:
    """初审: ours to handle, the right 文种 and format? If not, it goes back to the sender with
    the reasons (退回), which are required."""
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "review")
        if accept:
            document.status = S.REVIEWED
            _step(document, IncomingStepKind.REVIEW, actor, opinion or "初审通过")
        else:
            reason = required_text(opinion, "opinion", "退回理由")
            document.status = S.RETURNED
            _step(document, IncomingStepKind.RETURN, actor, reason)
        record_save(document, actor=actor, reason="初审" if accept else "退回", update_fields=["status", "updated_at"])
    return document


def incoming_propose(
    *,
    actor: User,
    document: IncomingDocument,
    opinion: str,
    handling_type: str = HandlingType.ACTION,
    instructing_leader: User | None = None,
) -> IncomingDocument:
    """拟办: the office's proposal of how to handle the document, for a leader's 批办."""
    opinion = required_text(opinion, "opinion", "拟办意见")
    if handling_type not in HandlingType.values:
        raise ValidationError({"handling_type": "请选择办件或阅件。"})
    if instructing_leader is not None and not (
        instructing_leader.is_active and instructing_leader.has_perm(permissions.INSTRUCT_INCOMING)
    ):
        raise ValidationError({"instructing_leader": "请选择有批办权限的局领导。"})
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "propose")
        document.status = S.PROPOSED
        document.handling_type = handling_type
        document.instructing_leader = instructing_leader
        record_save(
            document,
            actor=actor,
            reason="拟办",
            update_fields=["status", "handling_type", "instructing_leader", "updated_at"],
        )
        _step(document, IncomingStepKind.PROPOSE, actor, opinion)
        leaders = (
            [instructing_leader]
            if instructing_leader
            else User.objects.filter(groups__name=ROLES["leader"].group, is_active=True)
        )
        for leader in leaders:
            notification_send(
                recipient=leader,
                title=f"待批办：{document}",
                body=content_for(document, leader, opinion),
                url=_url(document),
            )
    return document


def incoming_instruct(*, actor: User, document: IncomingDocument, opinion: str) -> IncomingDocument:
    """批办: a leader's instruction on the proposal. The clerk who registered it is told."""
    opinion = required_text(opinion, "opinion", "批办意见")
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "instruct")
        document.status = S.INSTRUCTED
        record_save(document, actor=actor, reason="批办", update_fields=["status", "updated_at"])
        _step(document, IncomingStepKind.INSTRUCT, actor, opinion)
        # RULES: users asked for an alert to the clerk when a leader finishes an instruction.
        for clerk in _clerks_of(document):
            notification_send(
                recipient=clerk,
                title=f"领导已批办：{document}",
                body=f"{actor}：{content_for(document, clerk, opinion)}",
                url=_url(document),
            )
    return document


def _clerks_of(document):
    people = {document.registered_by, document.created_by} - {None}
    return [p for p in people if p.is_active]


def _default_responsible(department):
    members = User.objects.filter(department=department, is_active=True)
    head = members.filter(groups__name=ROLES[DEPARTMENT_HEAD].group).order_by("id").first()
    return head or members.order_by("id").first()


def incoming_assign(
    *,
    actor: User,
    document: IncomingDocument,
    lead_department: Department,
    co_departments=(),
    responsible: User | None = None,
    deadline: datetime.date | None = None,
    opinion: str = "",
) -> IncomingDocument:
    """承办: one lead department, optional co-handling departments. A 办件 with a deadline opens
    a supervised item; an urgent document must carry a deadline (RULES)."""
    co_departments = [d for d in co_departments if d.pk != getattr(lead_department, "pk", None)]
    errors = {}
    if lead_department is None:
        errors["lead_department"] = "请选择主办科室。"
    if responsible is not None and lead_department is not None and responsible.department_id != lead_department.pk:
        errors["responsible"] = f"承办人须为主办科室（{lead_department.name}）的人员。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "assign")
        deadline = deadline or document.deadline
        if document.urgency != Urgency.NORMAL and deadline is None:
            raise ValidationError({"deadline": f"{document.get_urgency_display()}文件须填写办理时限。"})
        if deadline is not None and deadline < timezone.localdate():
            raise ValidationError({"deadline": "办理时限不能早于今天。"})
        responsible = responsible or _default_responsible(lead_department)
        if responsible is None:
            raise ValidationError({"lead_department": f"{lead_department.name}没有可指定的承办人。"})
        document.status = S.HANDLING
        document.lead_department = lead_department
        document.responsible = responsible
        document.deadline = deadline
        record_save(
            document,
            actor=actor,
            reason="分送承办",
            update_fields=["status", "lead_department", "responsible", "deadline", "updated_at"],
        )
        document.co_departments.set(co_departments)
        names = "、".join(d.name for d in co_departments)
        text = f"主办：{lead_department.name}" + (f"；协办：{names}" if names else "")
        _step(document, IncomingStepKind.ASSIGN, actor, f"{text}。{opinion}".strip("。") if opinion else text)
        if deadline is not None:
            supervised_item_open(
                actor=actor,
                title=f"办理收文：{_safe_title(document)}"[:200],
                category=SUPERVISION_DOCUMENT,
                owner_department=lead_department,
                responsible=responsible,
                deadline=deadline,
                description=f"{document.serial_number}，来文单位：{document.sender}",
                source=document,
            )
        else:
            notification_send(recipient=responsible, title=f"请办理收文：{_safe_title(document)}", url=_url(document))
    return document


def _safe_title(document):
    # Notifications and supervised items are seen by people without clearance.
    return CLASSIFIED_TITLE if document.is_classified else document.title


def incoming_circulate(
    *, actor: User, document: IncomingDocument, readers, opinion: str = ""
) -> list[CirculationReader]:
    """传阅: a 阅件 goes to many readers at once; each reader's read time is recorded."""
    readers = [r for r in readers if r is not None]
    if not readers:
        raise ValidationError({"readers": "请选择至少一名传阅人。"})
    if any(not r.is_active for r in readers):
        raise ValidationError({"readers": "传阅人中有已停用的账号。"})
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "circulate")
        existing = set(document.readers.values_list("reader_id", flat=True))
        new = [CirculationReader(document=document, reader=r) for r in readers if r.pk not in existing]
        if not new:
            raise ValidationError({"readers": "所选人员均已在传阅中。"})
        CirculationReader.objects.bulk_create(new)
        document.status = S.CIRCULATING
        record_save(document, actor=actor, reason="传阅", update_fields=["status", "updated_at"])
        _step(document, IncomingStepKind.CIRCULATE, actor, "送阅：" + "、".join(str(r.reader) for r in new))
        for row in new:
            notification_send(recipient=row.reader, title=f"传阅件：{_safe_title(document)}", url=_url(document))
    return new


def incoming_mark_read(*, actor: User, document: IncomingDocument, opinion: str = "") -> CirculationReader:
    """阅毕: a reader records having read; when the last reader has, the document is done."""
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "read")
        row = CirculationReader.objects.select_for_update().get(document=document, reader=actor)
        row.read_at = timezone.now()
        row.opinion = opinion or ""
        record_save(row, actor=actor, reason="阅毕", update_fields=["read_at", "opinion"])
        _step(document, IncomingStepKind.READ, actor, opinion)
        if not document.readers.filter(read_at__isnull=True).exists():
            document.status = S.DONE
            document.completed_at = timezone.now()
            record_save(
                document, actor=actor, reason="传阅完毕", update_fields=["status", "completed_at", "updated_at"]
            )
            _step(document, IncomingStepKind.COMPLETE, actor, "传阅完毕")
    return row


def incoming_complete(*, actor: User, document: IncomingDocument, opinion: str) -> IncomingDocument:
    """办结 by the lead department (or the office); closes the document's supervised items."""
    opinion = required_text(opinion, "opinion", "办结情况")
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "complete")
        document.status = S.DONE
        document.completed_at = timezone.now()
        record_save(document, actor=actor, reason="办结", update_fields=["status", "completed_at", "updated_at"])
        _step(document, IncomingStepKind.COMPLETE, actor, opinion)
        note = public_content(document, opinion, "收文已办结（涉密文件，办结情况见收文）")
        supervised_items_complete_for_source(actor=actor, source=document, note=note)
        finisher = f"办结：{actor}{f'（{actor.department}）' if actor.department_id else ''}"

        def body(recipient):
            return f"{finisher}\n办结情况：{content_for(document, recipient, opinion)}"

        for clerk in _clerks_of(document):
            if clerk.pk != actor.pk:
                notification_send(
                    recipient=clerk, title=f"收文已办结：{_safe_title(document)}", body=body(clerk), url=_url(document)
                )
        # The leaders who instructed it (批办) asked for it to be done: they hear that it is.
        clerks = _clerks_of(document)
        for leader in _instructing_leaders(document):
            if leader.pk != actor.pk and leader not in clerks:
                title = f"您批办的收文已办结：{_safe_title(document)}"
                notification_send(recipient=leader, title=title, body=body(leader), url=_url(document))
    return document


def _instructing_leaders(document):
    steps = document.steps.filter(kind=IncomingStepKind.INSTRUCT).select_related("actor").order_by("id")
    return list({step.actor_id: step.actor for step in steps if step.actor.is_active}.values())


def waiting_on(document):
    """The people a document waits on now: the leader to instruct, the handlers, the unread readers."""
    if document.status == S.PROPOSED:
        if document.instructing_leader_id:
            return [document.instructing_leader]
        return list(User.objects.filter(groups__name=ROLES["leader"].group, is_active=True))
    if document.status == S.HANDLING:
        people = {document.responsible} if document.responsible_id else set()
        people.update(
            User.objects.filter(
                department_id=document.lead_department_id, groups__name=ROLES[DEPARTMENT_HEAD].group, is_active=True
            )
        )
        return [p for p in people if p.is_active]
    if document.status == S.CIRCULATING:
        return [row.reader for row in document.readers.filter(read_at__isnull=True).select_related("reader")]
    return []


def incoming_urge(*, actor: User, document: IncomingDocument, text: str = "") -> list[User]:
    """催办: the people the document waits on are told; the urging is a step of its own."""
    text = (text or "").strip() or "请抓紧办理。"
    with transaction.atomic():
        document = lock(document)
        STEPS.check(actor, document, "urge")
        people = waiting_on(document)
        if not people:
            raise ValidationError({"status": "此文件当前没有等待办理的人员。"})
        _step(document, IncomingStepKind.URGE, actor, f"催办{'、'.join(str(p) for p in people)}：{text}")
        record_save(document, actor=actor, reason="催办", update_fields=["updated_at"], validate=False)
        for person in people:
            notification_send(
                recipient=person,
                title=f"催办：{_safe_title(document)}",
                body=f"{actor}：{content_for(document, person, text)}",
                url=_url(document),
            )
    return people


def incoming_void(*, actor: User, document: IncomingDocument, reason: str) -> IncomingDocument:
    """作废 with a reason; the record, its serial and its steps stay. Open supervised items are voided."""
    return record_void(
        actor=actor,
        record=document,
        reason=reason,
        noun=NOUN,
        check=lambda document: STEPS.check(actor, document, "void"),
        after=lambda document: _step(document, IncomingStepKind.VOID, actor, document.void_reason),
        public_reason=public_content(document, reason, "涉密文件，原因见收文"),
    )
