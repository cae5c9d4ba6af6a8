"""Supervised items (督办事项): the only code that opens, reports on, urges, completes,
reopens, voids or reassigns them. Other apps call these functions and nothing else."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .. import permissions
from ..audit import record_save
from ..choices import SupervisionEventKind, SupervisionStatus
from ..models import SupervisedItem, SupervisionEvent, User
from ..plugins import category_choices
from ..roles import DEPARTMENT_HEAD, ROLES
from ..workdays import add_working_days
from .calendar import calendar_note_provisional_deadline
from .common import lock, require, require_action, require_state, required_text
from .notifications import notification_send


def _today():
    return timezone.localdate()


def _event(item, kind, actor, text=""):
    return SupervisionEvent.objects.create(item=item, kind=kind, actor=actor, text=text)


def _item_url(item):
    return reverse("supervision:detail", args=[item.pk])


def _require_state(item, status, action):
    require_state(item, {status}, action, noun="事项")


def _may(actor, item, action, message):
    require_action(permissions.supervised_item_actions(actor, item), action, message)


def supervised_item_open(
    *,
    actor: User,
    title: str,
    category: str,
    owner_department,
    responsible: User,
    start_date: datetime.date | None = None,
    deadline: datetime.date | None = None,
    working_days: int | None = None,
    description: str = "",
    source=None,
) -> SupervisedItem:
    """Opens an item with a deadline given as a date or as N working days after the start.

    Without a `source` the actor needs the right to open items (the office, leaders). With a
    `source`, the item is the consequence of an action the calling app already permitted
    (registering a document, recording a meeting decision …), so no further check is made.
    """
    if source is None:
        require(permissions.can_open_item(actor), "您没有督办立项的权限。")
    start_date = start_date or _today()
    errors = {}
    if category not in dict(category_choices()):
        errors["category"] = "请选择有效的督办类别。"
    if (deadline is None) == (working_days is None):
        errors["deadline"] = "请填写办结时限：具体日期或工作日天数，二者选一。"
    elif working_days is not None and not 1 <= working_days <= 365:
        errors["working_days"] = "工作日天数须在 1 到 365 之间。"
    if deadline is not None and deadline < start_date:
        errors["deadline"] = f"办结时限不能早于交办日期（{start_date:%Y-%m-%d}）。"
    if responsible is not None and not responsible.is_active:
        errors["responsible"] = "责任人账号已停用。"
    elif responsible is not None and owner_department is not None and responsible.department_id != owner_department.pk:
        errors["responsible"] = f"责任人须为承办科室（{owner_department.name}）的人员。"
    if errors:
        raise ValidationError(errors)

    provisional = False
    if working_days is not None:
        result = add_working_days(start_date, working_days)
        deadline, provisional = result.date, result.provisional

    with transaction.atomic():
        item = SupervisedItem(
            title=(title or "").strip(),
            description=description or "",
            category=category,
            owner_department=owner_department,
            responsible=responsible,
            start_date=start_date,
            deadline=deadline,
            deadline_working_days=working_days,
            deadline_provisional=provisional,
            created_by=actor,
        )
        if source is not None:
            item.source_type = ContentType.objects.get_for_model(source)
            item.source_id = source.pk
        record_save(item, actor=actor, reason="立项")
        _event(item, SupervisionEventKind.OPENED, actor, description)
        if provisional:
            calendar_note_provisional_deadline(year=deadline.year)
        notification_send(
            recipient=responsible,
            title=f"新督办事项：{item.title}",
            body=f"{actor}交办，请于{deadline:%Y年%m月%d日}前办结。",
            url=_item_url(item),
        )
    return item


def supervised_item_report_progress(*, actor: User, item: SupervisedItem, text: str) -> SupervisionEvent:
    """A progress report (反馈) by the responsible person or their department."""
    text = required_text(text, "text", "反馈内容")
    with transaction.atomic():
        item = lock(item)
        _require_state(item, SupervisionStatus.OPEN, "反馈进展")
        _may(actor, item, "progress", "您不能反馈此事项的进展。")
        event = _event(item, SupervisionEventKind.PROGRESS, actor, text)
        record_save(item, actor=actor, reason="反馈进展", update_fields=["updated_at"], validate=False)
        if item.created_by_id != actor.pk:
            notification_send(
                recipient=item.created_by, title=f"督办事项有新反馈：{item.title}", body=text, url=_item_url(item)
            )
    return event


def supervised_item_urge(*, actor: User, item: SupervisedItem, text: str = "") -> SupervisionEvent:
    """An urging (催办): the responsible person and the owner department's heads are told."""
    text = (text or "").strip() or "请抓紧办理，按时反馈办理情况。"
    with transaction.atomic():
        item = lock(item)
        _require_state(item, SupervisionStatus.OPEN, "催办")
        _may(actor, item, "urge", "您不能催办此事项。")
        event = _event(item, SupervisionEventKind.URGED, actor, text)
        item.last_urged_at = timezone.now()
        record_save(item, actor=actor, reason="催办", update_fields=["last_urged_at", "updated_at"], validate=False)
        recipients = {item.responsible}
        recipients.update(
            User.objects.filter(
                department_id=item.owner_department_id, groups__name=ROLES[DEPARTMENT_HEAD].group, is_active=True
            )
        )
        for person in recipients:
            notification_send(
                recipient=person,
                title=f"催办：{item.title}",
                body=f"{actor}：{text}（时限 {item.deadline:%Y-%m-%d}）",
                url=_item_url(item),
            )
    return event


def supervised_item_complete(
    *, actor: User, item: SupervisedItem, note: str, completed_on: datetime.date | None = None, source_action=False
) -> SupervisedItem:
    """Completes an item. `source_action` is for apps closing the items of a record whose own
    completion they have already permitted (a document finished, a proposal answered)."""
    note = required_text(note, "note", "办结情况")
    completed_on = completed_on or _today()
    with transaction.atomic():
        item = lock(item)
        _require_state(item, SupervisionStatus.OPEN, "办结")
        if not source_action:
            _may(actor, item, "complete", "您不能办结此事项。")
        if completed_on < item.start_date:
            raise ValidationError({"completed_on": "办结日期不能早于交办日期。"})
        if completed_on > _today():
            raise ValidationError({"completed_on": "办结日期不能晚于今天。"})
        item.status = SupervisionStatus.COMPLETED
        item.completed_at = timezone.now()
        item.completed_on = completed_on
        item.completed_by = actor
        item.completion_note = note
        record_save(
            item,
            actor=actor,
            reason="办结",
            update_fields=["status", "completed_at", "completed_on", "completed_by", "completion_note", "updated_at"],
        )
        _event(item, SupervisionEventKind.COMPLETED, actor, note)
        if item.created_by_id != actor.pk:
            notification_send(
                recipient=item.created_by, title=f"督办事项已办结：{item.title}", body=note, url=_item_url(item)
            )
    return item


def supervised_item_reopen(*, actor: User, item: SupervisedItem, reason: str) -> SupervisedItem:
    """Sends a completed item back for more work, with the reason; the deadline stays."""
    reason = required_text(reason, "reason", "重新办理的原因")
    with transaction.atomic():
        item = lock(item)
        _require_state(item, SupervisionStatus.COMPLETED, "重新办理")
        _may(actor, item, "reopen", "您不能重新打开此事项。")
        item.status = SupervisionStatus.OPEN
        item.completed_at = None
        item.completed_on = None
        item.completed_by = None
        record_save(
            item,
            actor=actor,
            reason="重新办理",
            update_fields=["status", "completed_at", "completed_on", "completed_by", "updated_at"],
        )
        _event(item, SupervisionEventKind.REOPENED, actor, reason)
        notification_send(
            recipient=item.responsible, title=f"督办事项需重新办理：{item.title}", body=reason, url=_item_url(item)
        )
    return item


def supervised_item_void(*, actor: User, item: SupervisedItem, reason: str, source_action=False) -> SupervisedItem:
    """Voids (撤销) an open item opened by mistake; it stays on record but counts nowhere."""
    reason = required_text(reason, "reason", "撤销原因")
    with transaction.atomic():
        item = lock(item)
        _require_state(item, SupervisionStatus.OPEN, "撤销")
        if not source_action:
            _may(actor, item, "void", "您不能撤销此事项。")
        item.status = SupervisionStatus.VOIDED
        item.void_reason = reason[:200]
        record_save(item, actor=actor, reason="撤销", update_fields=["status", "void_reason", "updated_at"])
        _event(item, SupervisionEventKind.VOIDED, actor, reason)
    return item


def supervised_item_reassign(*, actor: User, item: SupervisedItem, responsible: User, owner_department=None):
    """Gives the item to another responsible person (and department, for the office)."""
    with transaction.atomic():
        item = lock(item)
        _require_state(item, SupervisionStatus.OPEN, "调整承办")
        _may(actor, item, "reassign", "您不能调整此事项的承办人。")
        department = owner_department or item.owner_department
        if department.pk != item.owner_department_id and not actor.has_perm("office.manage_superviseditem"):
            raise PermissionDenied("只有办公室或局领导可以调整承办科室。")
        if not responsible.is_active:
            raise ValidationError({"responsible": "责任人账号已停用。"})
        if responsible.department_id != department.pk:
            raise ValidationError({"responsible": f"责任人须为承办科室（{department.name}）的人员。"})
        previous = item.responsible
        item.responsible = responsible
        item.owner_department = department
        record_save(
            item, actor=actor, reason="调整承办", update_fields=["responsible", "owner_department", "updated_at"]
        )
        _event(item, SupervisionEventKind.REASSIGNED, actor, f"{previous} → {responsible}（{department}）")
        notification_send(recipient=responsible, title=f"您被指定为督办事项责任人：{item.title}", url=_item_url(item))
    return item


def supervised_items_for_source(source):
    """The items a record opened, for the record's own pages."""
    return SupervisedItem.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk
    ).select_related("owner_department", "responsible")


def supervised_items_complete_for_source(
    *, actor: User, source, note: str, completed_on: datetime.date | None = None
) -> int:
    """Completes every open item a record opened, when the record itself is finished, on the date
    the record was finished (a reply dated last week closes its item last week, so the dashboard
    counts it on time or late truly), never before the item's start."""
    count = 0
    for item in supervised_items_for_source(source).filter(status=SupervisionStatus.OPEN):
        on = max(completed_on, item.start_date) if completed_on else None
        supervised_item_complete(actor=actor, item=item, note=note, completed_on=on, source_action=True)
        count += 1
    return count


def supervised_items_void_for_source(*, actor: User, source, reason: str) -> int:
    """Voids every open item a record opened, when the record itself is voided or withdrawn."""
    count = 0
    for item in supervised_items_for_source(source).filter(status=SupervisionStatus.OPEN):
        supervised_item_void(actor=actor, item=item, reason=reason, source_action=True)
        count += 1
    return count


def supervision_send_reminders(*, today: datetime.date | None = None) -> dict:
    """The daily reminder: items due within the next few working days and overdue ones.

    The responsible person is told about both; a department head also hears of their
    department's overdue items. Each person hears about an item at most once a day, so the
    task may run again (a retry, a second beat) without sending twice."""
    from ..selectors import due_soon_limit

    today = today or timezone.localdate()
    soon = due_soon_limit(today)
    heads = {}
    for head in User.objects.filter(groups__name=ROLES[DEPARTMENT_HEAD].group, is_active=True):
        heads.setdefault(head.department_id, []).append(head)
    sent = {"due_soon": 0, "overdue": 0}
    items = (
        SupervisedItem.objects.filter(status=SupervisionStatus.OPEN, deadline__lte=soon)
        .select_related("responsible", "owner_department")
        .order_by("deadline", "id")
    )
    for item in items.iterator(chunk_size=500):
        overdue = item.deadline < today
        if overdue:
            title = f"督办事项已逾期 {(today - item.deadline).days} 天：{item.title}"
            recipients = {item.responsible, *heads.get(item.owner_department_id, [])}
        else:
            days_left = "今天到期" if item.deadline == today else f"将于{item.deadline:%m月%d日}到期"
            title = f"督办事项{days_left}：{item.title}"
            recipients = {item.responsible}
        for person in recipients:
            if not person.is_active:
                continue
            note = notification_send(
                recipient=person,
                title=title,
                body=f"承办科室：{item.owner_department}；办结时限：{item.deadline:%Y-%m-%d}。",
                url=_item_url(item),
                dedupe_key=f"supervision-reminder-{item.pk}-{today:%Y%m%d}",
            )
            if note is not None:
                sent["overdue" if overdue else "due_soon"] += 1
    return sent
