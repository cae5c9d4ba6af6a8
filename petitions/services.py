"""Every write of petitions, receptions, duty and patrols, with the rules of the issue.

The statutory clocks of the 《信访工作条例》(2022): 15 days from registration to transfer, assign
or decide on acceptance; 60 days from acceptance to the reply; one extension of at most 30 days
with a leader's approval; 复查 and 复核 each requested within 30 days of the decision before and
decided within 30 days. Days are calendar days, or working days (office.workdays) when
settings.PETITIONS_DEADLINE_WORKING_DAYS is true. Each running clock is a supervised item
(category "petition") opened and closed with the step that starts and ends it."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from office.audit import record_save
from office.models import CalendarDay
from office.numbering import next_serial
from office.services.common import lock, require, require_action, require_state, required_text
from office.services.notifications import notification_send
from office.services.supervision import (
    supervised_item_open,
    supervised_items_complete_for_source,
    supervised_items_void_for_source,
)
from office.services.voiding import record_void
from office.uploads import check_upload
from office.workdays import WorkingCalendar, add_working_days

from . import permissions as perms
from .choices import (
    Channel,
    DutyRole,
    PetitionStatus,
    ReceptionKind,
    ReceptionStatus,
    RectificationStatus,
    Route,
    SwapStatus,
)
from .models import (
    DutyAssignment,
    DutyDay,
    DutyLog,
    DutySwap,
    Patrol,
    Petition,
    Petitioner,
    Reception,
    ReceptionItem,
    ReceptionVisitor,
)

PETITION_CATEGORY = "petition"
SAFETY_CATEGORY = "safety"
DECIDE_DAYS = 15
HANDLE_DAYS = 60
MAX_EXTENSION_DAYS = 30
REVIEW_DAYS = 30
NOUN = "信访事项"
ONE_DAY = datetime.timedelta(days=1)


def _today():
    return timezone.localdate()


# --- clocks ----------------------------------------------------------------------------------


def working_days_mode() -> bool:
    return bool(getattr(settings, "PETITIONS_DEADLINE_WORKING_DAYS", False))


def day_unit() -> str:
    return "个工作日" if working_days_mode() else "日"


def limit_after(start: datetime.date, days: int) -> datetime.date:
    """The last day of a clock of `days` days starting on `start` (the start not counted)."""
    if working_days_mode():
        return add_working_days(start, days).date
    return start + datetime.timedelta(days=days)


def _check_on(on, *, field, after, after_label, limit=None, rule=""):
    """A step's date: not before the step it follows, not in the future, and within its clock."""
    if on is None:
        raise ValidationError({field: "请填写日期。"})
    if on > _today():
        raise ValidationError({field: f"日期不能晚于今天（{_today():%Y年%m月%d日}）。"})
    if after is not None and on < after:
        raise ValidationError({field: f"日期不能早于{after_label}（{after:%Y年%m月%d日}）。"})
    if limit is not None and on > limit:
        raise ValidationError(
            {
                field: f"依据《信访工作条例》，{rule}，期限至{limit:%Y年%m月%d日}；"
                f"{on:%Y年%m月%d日}已超出期限，不能办理。"
            }
        )


def _open_clock(*, actor, petition, title, start, deadline, department=None, responsible=None):
    department = department or actor.department
    responsible = responsible or actor
    if department is None:
        raise ValidationError({"handling_department": "请指定承办科室。"})
    return supervised_item_open(
        actor=actor,
        title=f"信访{petition.number}：{title}",
        category=PETITION_CATEGORY,
        owner_department=department,
        responsible=responsible,
        start_date=min(start, _today()),
        deadline=deadline,
        description=petition.title,
        source=petition,
    )


def _close_clocks(*, actor, petition, note, on):
    supervised_items_complete_for_source(actor=actor, source=petition, note=note, completed_on=on)


# --- registration ----------------------------------------------------------------------------


def find_repeats(petitioners, *, received_on, exclude_pk=None):
    """Earlier petitions by the same person within the repeat window: the same citizen ID, or
    the same name and phone. One query."""
    window = getattr(settings, "PETITIONS_REPEAT_WINDOW_DAYS", 365)
    condition = Q(pk__in=[])
    for person in petitioners:
        id_number = (person.get("id_number") or "").strip().upper()
        name, phone = (person.get("name") or "").strip(), (person.get("phone") or "").strip()
        if id_number:
            condition |= Q(petitioners__id_number=id_number)
        if name and phone:
            condition |= Q(petitioners__name=name, petitioners__phone=phone)
    qs = Petition.objects.filter(
        condition,
        voided_at__isnull=True,
        received_on__gte=received_on - datetime.timedelta(days=window),
        received_on__lte=received_on,
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.distinct().order_by("-received_on", "-id")


def _clean_petitioners(petitioners):
    cleaned = []
    for index, person in enumerate(petitioners or []):
        name = (person.get("name") or "").strip()
        if not name:
            raise ValidationError({"petitioners": f"第{index + 1}位信访人请填写姓名。"})
        id_number = (person.get("id_number") or "").strip().upper()
        if id_number and (
            len(id_number) != 18
            or not id_number[:17].isdigit()
            or not (id_number[17].isdigit() or id_number[17] == "X")
        ):
            raise ValidationError({"petitioners": f"信访人“{name}”的身份证号应为18位。"})
        cleaned.append(
            {
                "name": name,
                "id_number": id_number,
                "phone": (person.get("phone") or "").strip(),
                "address": (person.get("address") or "").strip(),
            }
        )
    if not cleaned:
        raise ValidationError({"petitioners": "请至少填写一位信访人。"})
    return cleaned


def petition_register(
    *,
    actor,
    channel,
    received_on,
    title,
    content,
    petitioners,
    persons=None,
    subject="other",
    request="",
    higher_body="",
    same_facts_as=None,
    attachment=None,
) -> Petition:
    """Registers (登记) a petition, gives it its 信访编号, links it to earlier petitions of the same
    person (重复信访) and opens its 15-day clock."""
    require(perms.can_register_petition(actor), "您没有登记信访事项的权限。")
    title = required_text(title, "title", "事由")
    content = required_text(content, "content", "信访内容")
    if channel not in Channel.values:
        raise ValidationError({"channel": "请选择信访形式。"})
    people = _clean_petitioners(petitioners)
    if persons is None:
        persons = len(people)
    if persons < 1:
        raise ValidationError({"persons": "来访人数至少为1人。"})
    if persons < len(people):
        raise ValidationError({"persons": f"来访人数不能少于登记的信访人数（{len(people)}人）。"})
    if channel != Channel.VISIT and persons != len(people):
        raise ValidationError({"persons": "只有来访登记来访人数；其他形式按信访人计。"})
    if channel == Channel.HIGHER and not (higher_body or "").strip():
        raise ValidationError({"higher_body": "上级转交、交办的信访事项请填写转交机关。"})
    _check_on(received_on, field="received_on", after=None, after_label="")
    with transaction.atomic():
        earlier = list(find_repeats(people, received_on=received_on)[:1])
        year = received_on.year
        serial = next_serial("petitions:petition", year)
        petition = Petition(
            year=year,
            serial=serial,
            number=f"信〔{year}〕{serial:04d}号",
            channel=channel,
            received_on=received_on,
            persons=persons,
            subject=subject,
            title=title,
            content=content,
            request=(request or "").strip(),
            higher_body=(higher_body or "").strip(),
            is_repeat=bool(earlier),
            repeat_of=earlier[0] if earlier else None,
            same_facts_as=same_facts_as,
            registered_by=actor,
        )
        if attachment is not None:
            petition.attachment = attachment
        record_save(petition, actor=actor, reason="登记")
        Petitioner.objects.bulk_create([Petitioner(petition=petition, **person) for person in people])
        _open_clock(
            actor=actor,
            petition=petition,
            title=f"{DECIDE_DAYS}{day_unit()}内转送、交办或决定是否受理",
            start=received_on,
            deadline=limit_after(received_on, DECIDE_DAYS),
        )
    return petition


def _decide(*, actor, petition, name, on, route, status, note, reason, **fields):
    with transaction.atomic():
        petition = lock(petition)
        require_action(perms.petition_actions(actor, petition), name, f"您不能{Route(route).label}此信访事项。")
        require_state(petition, [PetitionStatus.REGISTERED], Route(route).label, noun=NOUN)
        _check_on(
            on,
            field="decided_on",
            after=petition.received_on,
            after_label="登记日期",
            limit=limit_after(petition.received_on, DECIDE_DAYS),
            rule=f"登记后{DECIDE_DAYS}{day_unit()}内须转送、交办或决定是否受理",
        )
        if route in (Route.ACCEPT, Route.ASSIGN) and petition.same_facts_as_id:
            earlier = Petition.objects.get(pk=petition.same_facts_as_id)
            if earlier.re_review_decided_on is not None:
                raise ValidationError(
                    {
                        "status": f"同一事实和理由的信访事项{earlier.number}已于"
                        f"{earlier.re_review_decided_on:%Y年%m月%d日}"
                        "复核终结，依据《信访工作条例》不再受理，请作不予受理处理。"
                    }
                )
        petition.route = route
        petition.status = status
        petition.decided_on = on
        petition.decision_note = note
        for key, value in fields.items():
            setattr(petition, key, value)
        record_save(petition, actor=actor, reason=reason)
        _close_clocks(actor=actor, petition=petition, note=f"{Route(route).label}：{note or reason}", on=on)
    return petition


def petition_transfer(*, actor, petition, on, transferred_to, note=""):
    """转送: sends the petition to the competent body; our part ends here."""
    transferred_to = required_text(transferred_to, "transferred_to", "转送机关")
    return _decide(
        actor=actor,
        petition=petition,
        name="transfer",
        on=on,
        route=Route.TRANSFER,
        status=PetitionStatus.TRANSFERRED,
        note=note,
        reason="转送",
        transferred_to=transferred_to,
    )


def _start_handling(*, actor, petition, on, route, department, handler, note):
    if handler is not None and department is not None and handler.department_id != department.pk:
        raise ValidationError({"handler": f"承办人须为承办科室（{department.name}）的人员。"})
    petition = _decide(
        actor=actor,
        petition=petition,
        name=route,
        on=on,
        route=route,
        status=PetitionStatus.ACCEPTED,
        note=note,
        reason=Route(route).label,
        handling_department=department,
        handler=handler,
        accepted_on=on,
        due_on=limit_after(on, HANDLE_DAYS),
    )
    _open_clock(
        actor=actor,
        petition=petition,
        title=f"受理后{HANDLE_DAYS}{day_unit()}内办结答复",
        start=on,
        deadline=petition.due_on,
        department=department,
        responsible=handler,
    )
    return petition


def petition_assign(*, actor, petition, on, department, handler, note=""):
    """交办: a department of the bureau handles it; the 60-day clock starts on the day."""
    if department is None:
        raise ValidationError({"handling_department": "请选择承办科室。"})
    if handler is None:
        raise ValidationError({"handler": "请选择承办人。"})
    return _start_handling(
        actor=actor, petition=petition, on=on, route=Route.ASSIGN, department=department, handler=handler, note=note
    )


def petition_accept(*, actor, petition, on, note=""):
    """受理: the office handles it itself; the 60-day clock starts on the day (受理告知书)."""
    return _start_handling(
        actor=actor, petition=petition, on=on, route=Route.ACCEPT, department=actor.department, handler=actor, note=note
    )


def petition_refuse(*, actor, petition, on, note):
    """不予受理, with the written reason (不予受理告知书)."""
    note = required_text(note, "decision_note", "不予受理的理由")
    return _decide(
        actor=actor,
        petition=petition,
        name="refuse",
        on=on,
        route=Route.REFUSE,
        status=PetitionStatus.REFUSED,
        note=note,
        reason="不予受理",
    )


def petition_extend(*, actor, petition, days, reason, on=None):
    """延期: once, at most 30 days, approved by a leader, with the reason the petitioner is told.
    The 办理 clock is replaced by one ending on the new date."""
    reason = required_text(reason, "extension_reason", "延期理由")
    on = on or _today()
    with transaction.atomic():
        petition = lock(petition)
        if petition.extension_days is not None:
            raise ValidationError(
                {
                    "extension_days": "依据《信访工作条例》，办理期限只能延长一次；"
                    f"该事项已于{petition.extended_on:%Y年%m月%d日}延期。"
                }
            )
        require_action(perms.petition_actions(actor, petition), "extend", "只有局领导可以批准信访事项延期。")
        require_state(petition, [PetitionStatus.ACCEPTED], "延期", noun=NOUN)
        if days is None or days < 1:
            raise ValidationError({"extension_days": "请填写延长天数。"})
        if days > MAX_EXTENSION_DAYS:
            raise ValidationError(
                {
                    "extension_days": f"依据《信访工作条例》，延长期限不得超过{MAX_EXTENSION_DAYS}{day_unit()}，"
                    f"不能延长{days}{day_unit()}。"
                }
            )
        _check_on(
            on,
            field="extended_on",
            after=petition.accepted_on,
            after_label="受理日期",
            limit=petition.due_on,
            rule="延期须在办理期限届满前批准",
        )
        petition.extension_days = days
        petition.extension_reason = reason
        petition.extension_approved_by = actor
        petition.extended_on = on
        petition.due_on = limit_after(petition.due_on, days)
        record_save(petition, actor=actor, reason="延期")
        supervised_items_void_for_source(
            actor=actor, source=petition, reason=f"经批准延期至{petition.due_on:%Y-%m-%d}"
        )
        department = petition.handling_department or actor.department
        responsible = petition.handler
        _open_clock(
            actor=actor,
            petition=petition,
            title=f"延期后于{petition.due_on:%Y年%m月%d日}前办结答复",
            start=on,
            deadline=petition.due_on,
            department=department,
            responsible=responsible,
        )
    return petition


def petition_reply(*, actor, petition, on, reply):
    """答复: the written reply (答复意见书), within the 办理 period (extended or not)."""
    reply = required_text(reply, "reply", "答复意见")
    with transaction.atomic():
        petition = lock(petition)
        require_action(perms.petition_actions(actor, petition), "reply", "您不能答复此信访事项。")
        require_state(petition, [PetitionStatus.ACCEPTED], "答复", noun=NOUN)
        rule = f"受理后{HANDLE_DAYS}{day_unit()}内办结"
        if petition.extension_days:
            rule += f"，经批准延长{petition.extension_days}{day_unit()}"
        _check_on(
            on, field="replied_on", after=petition.accepted_on, after_label="受理日期", limit=petition.due_on, rule=rule
        )
        petition.status = PetitionStatus.REPLIED
        petition.replied_on = on
        petition.reply = reply
        record_save(petition, actor=actor, reason="答复")
        _close_clocks(actor=actor, petition=petition, note="已书面答复", on=on)
    return petition


def _request_review(*, actor, petition, on, name, state, after_field, new_status, label, requested_field, previous):
    with transaction.atomic():
        petition = lock(petition)
        require_action(perms.petition_actions(actor, petition), name, f"您不能登记此信访事项的{label}申请。")
        require_state(petition, [state], f"申请{label}", noun=NOUN)
        start = getattr(petition, after_field)
        _check_on(
            on,
            field=requested_field,
            after=start,
            after_label=previous,
            limit=limit_after(start, REVIEW_DAYS),
            rule=f"{label}须自收到{previous.removesuffix('日期')}之日起{REVIEW_DAYS}{day_unit()}内提出",
        )
        petition.status = new_status
        setattr(petition, requested_field, on)
        record_save(petition, actor=actor, reason=f"申请{label}")
        _open_clock(
            actor=actor,
            petition=petition,
            title=f"{label}申请后{REVIEW_DAYS}{day_unit()}内出具{label}意见",
            start=on,
            deadline=limit_after(on, REVIEW_DAYS),
        )
    return petition


def _decide_review(*, actor, petition, on, name, state, new_status, label, requested_field, fields, result, note):
    note = required_text(note, fields[2], f"{label}意见")
    with transaction.atomic():
        petition = lock(petition)
        require_action(perms.petition_actions(actor, petition), name, f"您不能出具此信访事项的{label}意见。")
        require_state(petition, [state], f"出具{label}意见", noun=NOUN)
        start = getattr(petition, requested_field)
        _check_on(
            on,
            field=fields[0],
            after=start,
            after_label=f"{label}申请日期",
            limit=limit_after(start, REVIEW_DAYS),
            rule=f"{label}意见须自收到申请之日起{REVIEW_DAYS}{day_unit()}内出具",
        )
        if not result:
            raise ValidationError({fields[1]: f"请选择{label}结果。"})
        petition.status = new_status
        setattr(petition, fields[0], on)
        setattr(petition, fields[1], result)
        setattr(petition, fields[2], note)
        record_save(petition, actor=actor, reason=f"{label}意见")
        _close_clocks(actor=actor, petition=petition, note=f"已出具{label}意见", on=on)
    return petition


def petition_review_request(*, actor, petition, on):
    """复查 requested within 30 days of the reply."""
    return _request_review(
        actor=actor,
        petition=petition,
        on=on,
        name="review_request",
        state=PetitionStatus.REPLIED,
        after_field="replied_on",
        new_status=PetitionStatus.REVIEW,
        label="复查",
        requested_field="review_requested_on",
        previous="答复日期",
    )


def petition_review_decide(*, actor, petition, on, result, note):
    return _decide_review(
        actor=actor,
        petition=petition,
        on=on,
        name="review_decide",
        state=PetitionStatus.REVIEW,
        new_status=PetitionStatus.REVIEWED,
        label="复查",
        requested_field="review_requested_on",
        fields=("review_decided_on", "review_result", "review_note"),
        result=result,
        note=note,
    )


def petition_re_review_request(*, actor, petition, on):
    """复核 requested within 30 days of the 复查 decision."""
    return _request_review(
        actor=actor,
        petition=petition,
        on=on,
        name="re_review_request",
        state=PetitionStatus.REVIEWED,
        after_field="review_decided_on",
        new_status=PetitionStatus.RE_REVIEW,
        label="复核",
        requested_field="re_review_requested_on",
        previous="复查意见日期",
    )


def petition_re_review_decide(*, actor, petition, on, result, note):
    return _decide_review(
        actor=actor,
        petition=petition,
        on=on,
        name="re_review_decide",
        state=PetitionStatus.RE_REVIEW,
        new_status=PetitionStatus.RE_REVIEWED,
        label="复核",
        requested_field="re_review_requested_on",
        fields=("re_review_decided_on", "re_review_result", "re_review_note"),
        result=result,
        note=note,
    )


def petition_close(*, actor, petition, on=None):
    """办结: after the reply, the 复查 or the 复核."""
    on = on or _today()
    with transaction.atomic():
        petition = lock(petition)
        require_action(perms.petition_actions(actor, petition), "close", "您不能办结此信访事项。")
        require_state(
            petition, [PetitionStatus.REPLIED, PetitionStatus.REVIEWED, PetitionStatus.RE_REVIEWED], "办结", noun=NOUN
        )
        last = petition.re_review_decided_on or petition.review_decided_on or petition.replied_on
        _check_on(on, field="closed_on", after=last, after_label="上一步骤日期")
        petition.status = PetitionStatus.CLOSED
        petition.closed_on = on
        record_save(petition, actor=actor, reason="办结")
    return petition


def petition_record_satisfaction(*, actor, petition, satisfaction):
    from .choices import Satisfaction

    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": "请选择满意度：满意、基本满意或不满意。"})
    with transaction.atomic():
        petition = lock(petition)
        require_action(perms.petition_actions(actor, petition), "satisfaction", "答复后才能登记满意度。")
        petition.satisfaction = satisfaction
        record_save(petition, actor=actor, reason="满意度")
    return petition


def petition_void(*, actor, petition, reason):
    def check(record):
        require_action(perms.petition_actions(actor, record), "void", "您不能作废此信访事项。")

    return record_void(actor=actor, record=petition, reason=reason, noun=NOUN, check=check)


# --- receptions ------------------------------------------------------------------------------


def meal_companion_limit(visitors: int) -> int:
    """At most 3 companions for 10 visitors or fewer, otherwise a third of the visitors."""
    small = getattr(settings, "PETITIONS_MEAL_COMPANIONS_SMALL", 3)
    threshold = getattr(settings, "PETITIONS_MEAL_COMPANIONS_THRESHOLD", 10)
    return small if visitors <= threshold else visitors // 3


def _check_companions(companions, visitors):
    limit = meal_companion_limit(visitors)
    if companions > limit:
        raise ValidationError(
            {
                "meal_companions": f"来访{visitors}人，陪餐人数不得超过{limit}人"
                f"（10人以内不超过3人，超过10人不超过来访人数的三分之一），现为{companions}人。"
            }
        )


def reception_create(
    *,
    actor,
    visiting_unit,
    purpose,
    start_date,
    end_date,
    place,
    visitors,
    letter_document=None,
    letter_scan=None,
    letter_number="",
    kind=ReceptionKind.ROUTINE,
    event_name="",
    has_meals=False,
    has_lodging=False,
    has_meeting=False,
    has_inspection=False,
    meal_companions=0,
    items=(),
    cost=None,
) -> Reception:
    """Records a reception to be approved. No official letter (公函), no reception."""
    require(perms.can_create_reception(actor), "您没有登记公务接待的权限。")
    if letter_document is None and not letter_scan:
        raise ValidationError({"letter_document": "没有公函不予接待：请选择来函（收文）或上传公函扫描件。"})
    if letter_scan and hasattr(letter_scan, "read"):
        # An uploaded scan of the letter: a whole PDF, OFD or image, never whatever was at hand.
        check_upload(
            letter_scan, max_bytes=20 * 1024 * 1024, kinds=("pdf", "ofd", "jpeg", "png"), noun="公函扫描件",
            field="letter_scan",
        )  # fmt: skip
    visiting_unit = required_text(visiting_unit, "visiting_unit", "来访单位")
    purpose = required_text(purpose, "purpose", "来访事由")
    place = required_text(place, "place", "接待地点")
    if start_date is None or end_date is None:
        raise ValidationError({"start_date": "请填写接待日期。"})
    if end_date < start_date:
        raise ValidationError({"end_date": "结束日期不能早于开始日期。"})
    people = [{"name": (v.get("name") or "").strip(), "post": (v.get("post") or "").strip()} for v in visitors or []]
    people = [p for p in people if p["name"]]
    if not people:
        raise ValidationError({"visitors": "请填写来访人员名单。"})
    if kind != ReceptionKind.ROUTINE and not (event_name or "").strip():
        raise ValidationError({"event_name": "大型会议活动和考察检查组请填写活动名称。"})
    if not has_meals and meal_companions:
        raise ValidationError({"meal_companions": "未安排用餐，不应有陪餐人员。"})
    _check_companions(meal_companions or 0, len(people))
    lines = []
    for line in items or []:
        amount = Decimal(str(line.get("cost") or "0"))
        if amount < 0:
            raise ValidationError({"items": "接待清单金额不能为负数。"})
        day = line.get("date") or start_date
        if not start_date <= day <= end_date:
            raise ValidationError({"items": f"接待清单日期（{day:%Y-%m-%d}）须在接待日期内。"})
        lines.append(
            ReceptionItem(
                date=day,
                activity=line.get("activity") or "other",
                description=(line.get("description") or "").strip(),
                place=(line.get("place") or "").strip(),
                cost=amount,
            )
        )
    total = sum((line.cost for line in lines), Decimal("0")) if lines else Decimal(str(cost or "0"))
    if total < 0:
        raise ValidationError({"cost": "接待费用不能为负数。"})
    with transaction.atomic():
        reception = Reception(
            kind=kind,
            event_name=(event_name or "").strip(),
            visiting_unit=visiting_unit,
            letter_document=letter_document,
            letter_number=(letter_number or "").strip(),
            purpose=purpose,
            start_date=start_date,
            end_date=end_date,
            place=place,
            has_meals=has_meals,
            has_lodging=has_lodging,
            has_meeting=has_meeting,
            has_inspection=has_inspection,
            meal_companions=meal_companions or 0,
            cost=total,
            created_by=actor,
        )
        if letter_scan:
            reception.letter_scan = letter_scan
        record_save(reception, actor=actor, reason="登记")
        ReceptionVisitor.objects.bulk_create([ReceptionVisitor(reception=reception, **p) for p in people])
        for line in lines:
            line.reception = reception
        ReceptionItem.objects.bulk_create(lines)
    return reception


def reception_approve(*, actor, reception, on=None):
    """Approval by the office director or a leader, before the reception begins."""
    on = on or _today()
    with transaction.atomic():
        reception = lock(reception)
        require_action(perms.reception_actions(actor, reception), "approve", "只有办公室主任或局领导可以审批公务接待。")
        require_state(reception, [ReceptionStatus.DRAFT], "审批", noun="公务接待")
        if on > _today():
            raise ValidationError({"approved_on": "审批日期不能晚于今天。"})
        if on > reception.start_date:
            raise ValidationError(
                {
                    "approved_on": "公务接待须在接待前审批："
                    f"接待已于{reception.start_date:%Y年%m月%d日}开始，不能事后审批。"
                }
            )
        reception.status = ReceptionStatus.APPROVED
        reception.approved_by = actor
        reception.approved_on = on
        record_save(reception, actor=actor, reason="审批")
    return reception


def reception_complete(*, actor, reception, on=None, cost=None, meal_companions=None):
    """Records the reception as held, with its final cost (Decimal) and companions."""
    on = on or _today()
    with transaction.atomic():
        reception = lock(reception)
        require_action(perms.reception_actions(actor, reception), "complete", "您不能登记此公务接待的完成情况。")
        require_state(reception, [ReceptionStatus.APPROVED], "登记完成", noun="公务接待")
        if on < reception.start_date:
            raise ValidationError({"completed_on": "接待尚未开始，不能登记完成。"})
        if meal_companions is not None:
            _check_companions(meal_companions, reception.visitors.count())
            reception.meal_companions = meal_companions
        if cost is not None:
            cost = Decimal(str(cost))
            if cost < 0:
                raise ValidationError({"cost": "接待费用不能为负数。"})
            reception.cost = cost
        reception.status = ReceptionStatus.DONE
        reception.completed_on = on
        record_save(reception, actor=actor, reason="完成")
    return reception


def reception_void(*, actor, reception, reason):
    def check(record):
        require_action(perms.reception_actions(actor, record), "void", "您不能作废此公务接待。")

    return record_void(actor=actor, record=reception, reason=reason, noun="公务接待", check=check)


# --- duty ------------------------------------------------------------------------------------


def holidays_between(first, last) -> dict:
    """The official holidays (休息日 named in the working-day calendar) from `first` to `last`."""
    return dict(CalendarDay.objects.filter(date__range=(first, last), is_workday=False).values_list("date", "name"))


def duty_generate(
    *,
    actor,
    first,
    last,
    leaders,
    staff,
    staff_per_day=1,
    holiday_staff=None,
    holiday_staff_per_day=2,
    only_holidays=False,
):
    """Drafts the roster from `first` to `last` from a rotation: each day the next leader of
    `leaders` and the next `staff_per_day` people of `staff`. The holidays of the working-day
    calendar get the holiday roster (节日值班): `holiday_staff_per_day` people of the holiday
    rotation. Days that already have a roster are kept (edit them one by one). Returns the
    days created."""
    require(perms.can_manage_duty(actor), "您没有编排值班表的权限。")
    if first is None or last is None or last < first:
        raise ValidationError({"last": "结束日期不能早于开始日期。"})
    if (last - first).days > 366:
        raise ValidationError({"last": "一次最多编排一年的值班表。"})
    leaders, staff = list(leaders or []), list(staff or [])
    holiday_staff = list(holiday_staff or staff)
    if not leaders:
        raise ValidationError({"leaders": "请选择带班领导轮值名单。"})
    if not staff:
        raise ValidationError({"staff": "请选择值班人员轮值名单。"})
    if staff_per_day < 1 or staff_per_day > len(staff):
        raise ValidationError({"staff_per_day": f"每日值班人数须在1到{len(staff)}之间。"})
    holiday_staff_per_day = min(max(holiday_staff_per_day, 1), len(holiday_staff))
    if {p.pk for p in leaders} & {p.pk for p in staff + holiday_staff}:
        raise ValidationError({"staff": "带班领导和值班人员名单不能重复。"})
    calendar = WorkingCalendar.load(first, last)
    holidays = holidays_between(first, last)
    existing = set(DutyDay.objects.filter(date__range=(first, last)).values_list("date", flat=True))
    created = []
    leader_turn = staff_turn = holiday_turn = 0
    with transaction.atomic():
        day = first
        while day <= last:
            is_holiday = day in holidays and not calendar.is_working_day(day)
            if (only_holidays and not is_holiday) or day in existing:
                day += ONE_DAY
                continue
            duty_day = DutyDay(
                date=day, is_holiday=is_holiday, holiday_name=holidays.get(day, "") if is_holiday else ""
            )
            record_save(duty_day, actor=actor, reason="编排值班表")
            rows = [DutyAssignment(day=duty_day, person=leaders[leader_turn % len(leaders)], role=DutyRole.LEADER)]
            leader_turn += 1
            if is_holiday:
                people = [holiday_staff[(holiday_turn + i) % len(holiday_staff)] for i in range(holiday_staff_per_day)]
                holiday_turn += holiday_staff_per_day
            else:
                people = [staff[(staff_turn + i) % len(staff)] for i in range(staff_per_day)]
                staff_turn += staff_per_day
            rows += [DutyAssignment(day=duty_day, person=p, role=DutyRole.STAFF) for p in people]
            DutyAssignment.objects.bulk_create(rows)
            created.append(duty_day)
            day += ONE_DAY
    return created


def duty_holiday_draft(*, actor, year, leaders, staff, staff_per_day=2):
    """Drafts the holiday roster (节日值班) of every holiday of `year` not yet on the roster."""
    return duty_generate(
        actor=actor,
        first=datetime.date(year, 1, 1),
        last=datetime.date(year, 12, 31),
        leaders=leaders,
        staff=staff,
        holiday_staff=staff,
        holiday_staff_per_day=staff_per_day,
        only_holidays=True,
    )


def duty_day_update(*, actor, day, leader, staff, note=""):
    """Edits one day of the roster: its leader and staff."""
    require(perms.can_manage_duty(actor), "您没有编排值班表的权限。")
    staff = list(staff or [])
    if leader is None:
        raise ValidationError({"leader": "请选择带班领导。"})
    if not staff:
        raise ValidationError({"staff": "请选择值班人员。"})
    if leader.pk in {p.pk for p in staff}:
        raise ValidationError({"staff": "带班领导不能同时作为值班人员。"})
    with transaction.atomic():
        day = lock(day)
        day.note = (note or "").strip()
        record_save(day, actor=actor, reason="调整值班")
        day.assignments.all().delete()
        DutyAssignment.objects.bulk_create(
            [DutyAssignment(day=day, person=leader, role=DutyRole.LEADER)]
            + [DutyAssignment(day=day, person=p, role=DutyRole.STAFF) for p in staff]
        )
    return day


def duty_swap_request(*, actor, assignment, substitute, reason, counter_assignment=None):
    """A person asks to give their duty to `substitute` (and take theirs in return)."""
    reason = required_text(reason, "reason", "换班理由")
    require(actor.pk == assignment.person_id or perms.can_manage_duty(actor), "只能为自己的值班申请换班。")
    if assignment.day.date < _today():
        raise ValidationError({"assignment": "已过去的值班不能换班。"})
    if substitute is None or substitute.pk == assignment.person_id:
        raise ValidationError({"substitute": "请选择替班人。"})
    if not substitute.is_active:
        raise ValidationError({"substitute": "替班人账号已停用。"})
    if DutyAssignment.objects.filter(day_id=assignment.day_id, person=substitute).exists():
        raise ValidationError({"substitute": f"{substitute}当天已有值班安排。"})
    if counter_assignment is not None:
        if counter_assignment.person_id != substitute.pk:
            raise ValidationError({"counter_assignment": "对调的值班须是替班人本人的值班。"})
        if counter_assignment.day.date < _today():
            raise ValidationError({"counter_assignment": "已过去的值班不能对调。"})
        if counter_assignment.role != assignment.role:
            raise ValidationError({"counter_assignment": "带班领导和值班人员不能对调。"})
    if DutySwap.objects.filter(assignment=assignment, status=SwapStatus.PENDING).exists():
        raise ValidationError({"assignment": "该值班已有待审批的换班申请。"})
    swap = DutySwap(
        assignment=assignment,
        counter_assignment=counter_assignment,
        requester=assignment.person,
        substitute=substitute,
        reason=reason,
    )
    record_save(swap, actor=actor, reason="申请换班")
    return swap


def duty_swap_decide(*, actor, swap, approve: bool):
    """The office approves (the assignments are swapped) or rejects a swap request."""
    with transaction.atomic():
        swap = lock(swap)
        require_action(perms.swap_actions(actor, swap), "approve" if approve else "reject", "只有办公室可以审批换班。")
        swap.status = SwapStatus.APPROVED if approve else SwapStatus.REJECTED
        swap.decided_by = actor
        swap.decided_at = timezone.now()
        if approve:
            assignment = lock(swap.assignment)
            if assignment.person_id != swap.requester_id:
                raise ValidationError({"status": "原值班已调整，换班申请失效。"})
            if DutyAssignment.objects.filter(day_id=assignment.day_id, person_id=swap.substitute_id).exists():
                raise ValidationError({"substitute": f"{swap.substitute}当天已有值班安排。"})
            counter = lock(swap.counter_assignment) if swap.counter_assignment_id else None
            if counter is not None:
                if counter.person_id != swap.substitute_id:
                    raise ValidationError({"status": "对调的值班已调整，换班申请失效。"})
                if DutyAssignment.objects.filter(day_id=counter.day_id, person_id=swap.requester_id).exists():
                    raise ValidationError({"counter_assignment": f"{swap.requester}在对调日已有值班安排。"})
            assignment.person_id = swap.substitute_id
            assignment.reminded_at = None
            assignment.save(update_fields=["person", "reminded_at"])
            if counter is not None:
                counter.person_id = swap.requester_id
                counter.reminded_at = None
                counter.save(update_fields=["person", "reminded_at"])
        record_save(swap, actor=actor, reason="同意换班" if approve else "不同意换班")
        notification_send(
            recipient=swap.requester,
            title=f"换班申请{'已同意' if approve else '未同意'}：{swap.assignment.day.date:%m月%d日}",
            url=reverse("petitions:duty_list"),
        )
    return swap


def duty_log_add(*, actor, day, occurred_at, content, kind="call", caller="", action_taken="", handover=""):
    """A duty log entry by someone on duty that day (or the office)."""
    content = required_text(content, "content", "值班记录内容")
    on_duty = DutyAssignment.objects.filter(day=day, person=actor).exists()
    require(on_duty or perms.can_manage_duty(actor), "只有当天值班人员可以填写值班记录。")
    if occurred_at is None:
        raise ValidationError({"occurred_at": "请填写时间。"})
    log = DutyLog(
        day=day,
        occurred_at=occurred_at,
        kind=kind,
        caller=(caller or "").strip(),
        content=content,
        action_taken=(action_taken or "").strip(),
        handover=(handover or "").strip(),
        recorded_by=actor,
    )
    record_save(log, actor=actor, reason="值班记录")
    return log


def duty_send_reminders(*, today=None) -> int:
    """Reminds everyone on duty tomorrow, once (a retry sends nothing twice)."""
    today = today or _today()
    tomorrow = today + ONE_DAY
    sent = 0
    rows = DutyAssignment.objects.filter(day__date=tomorrow, reminded_at__isnull=True).select_related("day", "person")
    for assignment in rows:
        with transaction.atomic():
            note = notification_send(
                recipient=assignment.person,
                title=f"值班提醒：您明天（{tomorrow:%m月%d日}）{assignment.get_role_display()}",
                body="请按时到岗，做好值班记录和交接班。",
                url=reverse("petitions:duty_list"),
                dedupe_key=f"duty-reminder-{assignment.pk}-{assignment.person_id}-{tomorrow:%Y%m%d}",
            )
            DutyAssignment.objects.filter(pk=assignment.pk).update(reminded_at=timezone.now())
        if note is not None:
            sent += 1
    return sent


# --- patrols ---------------------------------------------------------------------------------


def patrol_record(
    *, actor, date, areas, findings="", hazard="", owner=None, deadline=None, inspector=None, companions=""
) -> Patrol:
    """Records a patrol; a hazard opens a rectification (a supervised item, category "safety")
    with its owner and deadline."""
    require(perms.can_record_patrol(actor), "您没有登记安全巡查的权限。")
    areas = required_text(areas, "areas", "巡查区域")
    if date is None:
        raise ValidationError({"date": "请填写巡查日期。"})
    if date > _today():
        raise ValidationError({"date": "巡查日期不能晚于今天。"})
    hazard = (hazard or "").strip()
    if hazard:
        if owner is None:
            raise ValidationError({"rectification_owner": "发现隐患须指定整改责任人。"})
        if owner.department_id is None:
            raise ValidationError({"rectification_owner": "整改责任人须属于某一科室。"})
        if deadline is None:
            raise ValidationError({"rectification_deadline": "发现隐患须填写整改期限。"})
        if deadline < date:
            raise ValidationError({"rectification_deadline": "整改期限不能早于巡查日期。"})
    with transaction.atomic():
        patrol = Patrol(
            date=date,
            inspector=inspector or actor,
            companions=(companions or "").strip(),
            areas=areas,
            findings=(findings or "").strip(),
            hazard=hazard,
            rectification_status=RectificationStatus.OPEN if hazard else RectificationStatus.NONE,
            rectification_owner=owner if hazard else None,
            rectification_department=owner.department if hazard else None,
            rectification_deadline=deadline if hazard else None,
            recorded_by=actor,
        )
        record_save(patrol, actor=actor, reason="巡查登记")
        if hazard:
            supervised_item_open(
                actor=actor,
                title=f"安全隐患整改：{areas}（{date:%Y-%m-%d}巡查）",
                category=SAFETY_CATEGORY,
                owner_department=owner.department,
                responsible=owner,
                start_date=date,
                deadline=deadline,
                description=hazard,
                source=patrol,
            )
    return patrol


def patrol_rectify(*, actor, patrol, on, note):
    """The hazard is rectified: the rectification's supervised item is completed."""
    note = required_text(note, "rectification_note", "整改情况")
    with transaction.atomic():
        patrol = lock(patrol)
        require_action(perms.patrol_actions(actor, patrol), "rectify", "您不能登记此隐患的整改情况。")
        if on is None or on > _today() or on < patrol.date:
            raise ValidationError({"rectified_on": "整改完成日期须在巡查日期和今天之间。"})
        patrol.rectification_status = RectificationStatus.DONE
        patrol.rectified_on = on
        patrol.rectification_note = note
        record_save(patrol, actor=actor, reason="整改完成")
        supervised_items_complete_for_source(actor=actor, source=patrol, note=note, completed_on=on)
    return patrol


def patrol_void(*, actor, patrol, reason):
    def check(record):
        require_action(perms.patrol_actions(actor, record), "void", "您不能作废此巡查记录。")

    return record_void(actor=actor, record=patrol, reason=reason, noun="巡查记录", check=check)
