"""Deputies' proposals (建议提案) and leaders' instructions (领导批示): each opens a supervised
item and closes it when answered or done."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from office.audit import record_save
from office.models import Department, User
from office.services.common import lock, require, required_text
from office.services.notifications import notification_send
from office.services.supervision import (
    supervised_item_open,
    supervised_items_complete_for_source,
)
from office.services.voiding import record_void

from .. import permissions
from ..choices import (
    SUPERVISION_INSTRUCTION,
    SUPERVISION_PROPOSAL,
    InstructionStatus,
    ProposalKind,
    ProposalResult,
    ProposalStatus,
    Satisfaction,
)
from ..models import IncomingDocument, Instruction, Proposal
from ..models.proposals import default_deadline
from ..permissions import INSTRUCTION_STEPS, PROPOSAL_STEPS
from .incoming import _default_responsible


def _responsible_for(department, responsible, field="responsible"):
    if responsible is None:
        responsible = _default_responsible(department)
        if responsible is None:
            raise ValidationError({"lead_department": f"{department.name}没有可指定的承办人。"})
    elif responsible.department_id != department.pk:
        raise ValidationError({field: f"责任人须为承办科室（{department.name}）的人员。"})
    return responsible


def proposal_register(
    *,
    actor: User,
    kind: str,
    number: str,
    proposer: str,
    title: str,
    lead_department: Department,
    co_departments=(),
    responsible: User | None = None,
    year: int | None = None,
    assigned_on: datetime.date | None = None,
    deadline: datetime.date | None = None,
) -> Proposal:
    """登记交办的建议提案: reply within 3 months of assignment unless another deadline is given."""
    require(actor.has_perm(permissions.MANAGE_PROPOSAL), "只有办公室文书可以登记建议提案。")
    assigned_on = assigned_on or timezone.localdate()
    year = year or assigned_on.year
    deadline = deadline or default_deadline(assigned_on)
    errors = {}
    if kind not in ProposalKind.values:
        errors["kind"] = "请选择人大代表建议或政协委员提案。"
    for field, label in (("number", "编号"), ("proposer", "代表/委员"), ("title", "标题")):
        if not (locals()[field] or "").strip():
            errors[field] = f"请填写{label}。"
    if deadline < assigned_on:
        errors["deadline"] = "答复时限不能早于交办日期。"
    if not errors and Proposal.objects.filter(kind=kind, year=year, number=number.strip()).exists():
        errors["number"] = f"{year}年已有编号为“{number}”的{ProposalKind(kind).label}。"
    if errors:
        raise ValidationError(errors)
    responsible = _responsible_for(lead_department, responsible)
    with transaction.atomic():
        proposal = Proposal(
            kind=kind,
            year=year,
            number=number.strip(),
            proposer=proposer.strip(),
            title=title.strip(),
            lead_department=lead_department,
            responsible=responsible,
            assigned_on=assigned_on,
            deadline=deadline,
            created_by=actor,
        )
        record_save(proposal, actor=actor, reason="交办")
        proposal.co_departments.set([d for d in co_departments if d.pk != lead_department.pk])
        supervised_item_open(
            actor=actor,
            title=f"{proposal.get_kind_display()}：{proposal.title}"[:200],
            category=SUPERVISION_PROPOSAL,
            owner_department=lead_department,
            responsible=responsible,
            start_date=assigned_on,
            deadline=deadline,
            description=f"第{proposal.number}号，{proposal.proposer}",
            source=proposal,
        )
    return proposal




def proposal_reply(
    *, actor: User, proposal: Proposal, reply: str, result: str, replied_on: datetime.date | None = None
) -> Proposal:
    """答复: the lead department's reply and the result code (A–D); closes the supervised item."""
    reply = required_text(reply, "reply", "答复内容")
    replied_on = replied_on or timezone.localdate()
    if result not in ProposalResult.values:
        raise ValidationError({"result": "请选择办理结果（A–D）。"})
    with transaction.atomic():
        proposal = lock(proposal)
        PROPOSAL_STEPS.check(actor, proposal, "reply")
        if replied_on < proposal.assigned_on or replied_on > timezone.localdate():
            raise ValidationError({"replied_on": "答复日期须在交办日期和今天之间。"})
        proposal.reply = reply
        proposal.result = result
        proposal.replied_on = replied_on
        proposal.satisfaction = ""
        proposal.status = ProposalStatus.REPLIED
        record_save(
            proposal,
            actor=actor,
            reason="答复",
            update_fields=["reply", "result", "replied_on", "satisfaction", "status", "updated_at"],
        )
        supervised_items_complete_for_source(
            actor=actor, source=proposal, note=f"已答复（{result}）", completed_on=replied_on
        )
    return proposal


def proposal_rate(*, actor: User, proposal: Proposal, satisfaction: str) -> Proposal:
    """The deputy's satisfaction with the reply. An unsatisfied one is handled again and
    answered within 3 months (RULES): back to 办理中 with a new supervised item."""
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": "请选择满意、基本满意或不满意。"})
    with transaction.atomic():
        proposal = lock(proposal)
        PROPOSAL_STEPS.check(actor, proposal, "rate")
        proposal.satisfaction = satisfaction
        fields = ["satisfaction", "updated_at"]
        if satisfaction == Satisfaction.UNSATISFIED:
            today = timezone.localdate()
            proposal.status = ProposalStatus.HANDLING
            proposal.deadline = default_deadline(today)
            fields += ["status", "deadline"]
        record_save(proposal, actor=actor, reason=f"满意度：{Satisfaction(satisfaction).label}", update_fields=fields)
        if satisfaction == Satisfaction.UNSATISFIED:
            supervised_item_open(
                actor=actor,
                title=f"重新办理{proposal.get_kind_display()}：{proposal.title}"[:200],
                category=SUPERVISION_PROPOSAL,
                owner_department=proposal.lead_department,
                responsible=proposal.responsible,
                deadline=proposal.deadline,
                description="代表/委员对答复不满意，重新办理并在3个月内答复。",
                source=proposal,
            )
    return proposal


def proposal_void(*, actor: User, proposal: Proposal, reason: str) -> Proposal:
    return record_void(
        actor=actor,
        record=proposal,
        reason=reason,
        noun="建议提案",
        check=lambda p: PROPOSAL_STEPS.check(actor, p, "void"),
    )


def instruction_create(
    *,
    actor: User,
    text: str,
    department: Department,
    deadline: datetime.date,
    responsible: User | None = None,
    leader: User | None = None,
    instructed_on: datetime.date | None = None,
    incoming: IncomingDocument | None = None,
) -> Instruction:
    """领导批示: a leader records their own, or the office records one on a leader's behalf."""
    require(actor.has_perm(permissions.ADD_INSTRUCTION), "您没有登记领导批示的权限。")
    text = required_text(text, "text", "批示内容")
    leader = leader or (actor if permissions.is_leader(actor) else None)
    instructed_on = instructed_on or timezone.localdate()
    errors = {}
    if leader is None or not permissions.is_leader(leader):
        errors["leader"] = "请选择作出批示的局领导。"
    if department is None:
        errors["department"] = "请选择承办科室。"
    if deadline is None:
        errors["deadline"] = "请填写办结时限。"
    elif deadline < instructed_on:
        errors["deadline"] = "办结时限不能早于批示日期。"
    if instructed_on > timezone.localdate():
        errors["instructed_on"] = "批示日期不能晚于今天。"
    if errors:
        raise ValidationError(errors)
    responsible = _responsible_for(department, responsible)
    with transaction.atomic():
        instruction = Instruction(
            leader=leader,
            text=text,
            instructed_on=instructed_on,
            incoming=incoming,
            department=department,
            responsible=responsible,
            deadline=deadline,
            created_by=actor,
        )
        record_save(instruction, actor=actor, reason="批示")
        # The supervised item is seen by people without clearance: no text of a classified document.
        shown = "涉密件" if instruction.is_classified else text
        supervised_item_open(
            actor=actor,
            title=f"{leader}批示：{shown}"[:200],
            category=SUPERVISION_INSTRUCTION,
            owner_department=department,
            responsible=responsible,
            start_date=instructed_on,
            deadline=deadline,
            description=shown,
            source=instruction,
        )
    return instruction


def instruction_complete(
    *, actor: User, instruction: Instruction, note: str, completed_on: datetime.date | None = None
) -> Instruction:
    """落实完成: the department (or the office) reports it done; the leader is told."""
    note = required_text(note, "note", "落实情况")
    completed_on = completed_on or timezone.localdate()
    with transaction.atomic():
        instruction = lock(instruction)
        INSTRUCTION_STEPS.check(actor, instruction, "complete")
        if completed_on < instruction.instructed_on or completed_on > timezone.localdate():
            raise ValidationError({"completed_on": "完成日期须在批示日期和今天之间。"})
        instruction.status = InstructionStatus.COMPLETED
        instruction.completed_on = completed_on
        instruction.completion_note = note
        record_save(
            instruction,
            actor=actor,
            reason="办结",
            update_fields=["status", "completed_on", "completion_note", "updated_at"],
        )
        public_note = "批示已落实（涉密文件，落实情况见批示）" if instruction.is_classified else note
        supervised_items_complete_for_source(
            actor=actor, source=instruction, note=public_note, completed_on=completed_on
        )
        notification_send(
            recipient=instruction.leader,
            title=f"批示已落实：{'涉密件' if instruction.is_classified else instruction.text[:40]}",
            body=note,
            url=reverse("documents:instruction_detail", args=[instruction.pk]),
        )
    return instruction


def instruction_void(*, actor: User, instruction: Instruction, reason: str) -> Instruction:
    return record_void(
        actor=actor,
        record=instruction,
        reason=reason,
        noun="批示",
        public_reason="涉密文件，原因见批示" if instruction.is_classified else None,
        check=lambda i: INSTRUCTION_STEPS.check(actor, i, "void"),
    )
