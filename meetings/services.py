"""Every write of the meetings app: arranging, answering, signing in, minutes and decisions.

Views, the API and the demo call these functions and nothing else."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from office.audit import record_save
from office.models import User
from office.services.common import lock, require, require_state
from office.services.notifications import notification_send
from office.services.supervision import supervised_item_open

from . import permissions
from .choices import SUPERVISION_MEETING, AttendanceResponse, AttendeeRole, MeetingState
from .models import AgendaItem, Attendance, Decision, Meeting, MeetingType, Room
from .permissions import MEETING_STEPS as STEPS

# Self sign-in opens this long before the start, so that people arriving early can sign in.
SIGN_IN_OPENS_BEFORE = datetime.timedelta(hours=2)


def _local(moment):
    return timezone.localtime(moment)


def _when(meeting):
    start, end = _local(meeting.start), _local(meeting.end)
    return f"{start:%Y年%m月%d日 %H:%M}–{end:%H:%M}"


def _meeting_url(meeting):
    return reverse("meetings:detail", args=[meeting.pk])


def _check_room_free(room, start, end, *, exclude_pk=None):
    """Refuses a booking that overlaps another meeting in the same room.

    The room row is locked first, so two bookings of one room are checked one after the
    other; the second sees the first once it commits. On PostgreSQL the exclusion constraint
    catches any writer that bypasses this function."""
    Room.objects.select_for_update().get(pk=room.pk)
    clash = (
        Meeting.objects.filter(room=room, start__lt=end, end__gt=start)
        .exclude(state=MeetingState.CANCELLED)
        .exclude(pk=exclude_pk)
        .order_by("start")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {"room": f"会议室“{room.name}”在该时段已被“{clash.title}”（{_when(clash)}）占用，请更换会议室或时间。"}
        )


def _validate_schedule(*, start, end, room, is_video, errors):
    if start is None:
        errors["start"] = "请填写开始时间。"
    if end is None:
        errors["end"] = "请填写结束时间。"
    if start and end and end <= start:
        errors["end"] = "结束时间须晚于开始时间。"
    if start and end and end - start > datetime.timedelta(hours=24):
        errors["end"] = "一次会议不能超过24小时，多日会议请分别安排。"
    if room is None and not is_video:
        errors["room"] = "请选择会议室，或勾选视频会议。"
    elif room is not None and not room.is_active:
        errors["room"] = f"会议室“{room.name}”已停用。"


def _save_booking(meeting, *, actor, reason, update_fields=None):
    # The savepoint turns the database's refusal (the exclusion constraint) into the same
    # message the service gives, instead of a 500.
    try:
        with transaction.atomic():
            record_save(meeting, actor=actor, reason=reason, update_fields=update_fields)
    except IntegrityError as exc:
        if "meeting_room_no_overlap" in str(exc):
            raise ValidationError(
                {"room": f"会议室“{meeting.room.name}”在该时段已被占用，请更换会议室或时间。"}
            ) from exc
        raise


def _seating(people, host):
    """The default seating list: the host, then leaders, then by department order."""

    def key(person):
        dept = person.department
        return (
            person.pk != host.pk,
            dept is not None,
            dept.sort_order if dept else 0,
            person.pk,
        )

    return sorted(people, key=key)


def meeting_create(
    *,
    actor: User,
    title: str,
    meeting_type: MeetingType,
    host: User,
    start: datetime.datetime,
    end: datetime.datetime,
    room: Room | None = None,
    is_video: bool = False,
    video_link: str = "",
    required_arrival_minutes: int | None = 15,
    attendees: Iterable[User] = (),
    departments: Iterable = (),
    observers: Iterable[User] = (),
    external_guests: str = "",
    agenda: Sequence[str] = (),
    notify: bool = True,
) -> Meeting:
    """Arranges a meeting: books the room, lists the attendees (whole departments expanded to
    their active people now, so later moves do not change who was invited), the agenda, and
    notifies everyone invited."""
    require(permissions.can_create_meeting(actor), "只有局领导、办公室主任和文书可以安排会议。")
    departments = list(departments)
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = "请填写会议名称。"
    if meeting_type is None:
        errors["meeting_type"] = "请选择会议类型。"
    elif not meeting_type.is_active:
        errors["meeting_type"] = f"会议类型“{meeting_type.name}”已停用。"
    if host is None:
        errors["host"] = "请选择主持人。"
    elif not host.is_active:
        errors["host"] = "主持人账号已停用。"
    _validate_schedule(start=start, end=end, room=room, is_video=is_video, errors=errors)
    if required_arrival_minutes is None:
        required_arrival_minutes = 15
    if not 0 <= required_arrival_minutes <= 240:
        errors["required_arrival_minutes"] = "提前入场时间须在 0 到 240 分钟之间。"

    members = list(
        User.objects.filter(department__in=departments, is_active=True).select_related("department")
        if departments
        else []
    )
    people = {p.pk: p for p in [*attendees, *members] if p.is_active}
    if host is not None:
        people.setdefault(host.pk, host)
    observer_people = {p.pk: p for p in observers if p.is_active and p.pk not in people}
    if len(people) <= (1 if host is not None else 0) and not departments:
        errors["attendees"] = "请选择参会人员或参会科室。"
    elif departments and not members and len(people) <= 1:
        errors["departments"] = "所选科室没有在职人员。"
    total = len(people) + len(observer_people)
    if room is not None and "room" not in errors and total > room.capacity:
        errors["room"] = f"会议室“{room.name}”可容纳{room.capacity}人，本次参会{total}人，请更换会议室。"
    agenda = [line.strip() for line in agenda if line and line.strip()]
    if any(len(line) > 300 for line in agenda):
        errors["agenda"] = "每个议题不超过300字。"
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        if room is not None:
            _check_room_free(room, start, end)
        meeting = Meeting(
            title=title,
            meeting_type=meeting_type,
            host=host,
            organiser=actor,
            start=start,
            end=end,
            room=room,
            is_video=is_video,
            video_link=(video_link or "").strip(),
            required_arrival_minutes=required_arrival_minutes,
            external_guests=(external_guests or "").strip(),
        )
        _save_booking(meeting, actor=actor, reason="安排会议")
        if departments:
            meeting.invited_departments.set(departments)
        rows = [
            Attendance(meeting=meeting, person=person, role=AttendeeRole.ATTENDEE, seat_order=n)
            for n, person in enumerate(_seating(people.values(), host), start=1)
        ]
        rows += [
            Attendance(meeting=meeting, person=person, role=AttendeeRole.OBSERVER, seat_order=len(rows) + n)
            for n, person in enumerate(_seating(observer_people.values(), host), start=1)
        ]
        bulk_create_with_history(rows, Attendance, default_user=actor, default_change_reason="列入参会人员")
        if agenda:
            bulk_create_with_history(
                [AgendaItem(meeting=meeting, order=n, title=line) for n, line in enumerate(agenda, start=1)],
                AgendaItem,
                default_user=actor,
                default_change_reason="议题",
            )
        if notify:
            _notify_invited(meeting, [*people.values(), *observer_people.values()], actor)
    return meeting


def _notify_invited(meeting, people, actor):
    arrive = _local(meeting.start) - datetime.timedelta(minutes=meeting.required_arrival_minutes)
    body = f"时间：{_when(meeting)}；地点：{meeting.place}；请于{arrive:%H:%M}前入场签到，如不能参加请在系统中请假。"
    for person in people:
        if person.pk == actor.pk:
            continue
        notification_send(recipient=person, title=f"会议通知：{meeting.title}", body=body, url=_meeting_url(meeting))


def meeting_add_attendees(
    *,
    actor: User,
    meeting: Meeting,
    attendees: Iterable[User] = (),
    departments: Iterable = (),
    observers: Iterable[User] = (),
) -> int:
    """Adds people (or whole departments, expanded now) to a planned meeting, after those
    already seated; the new people are notified. Returns how many were added."""
    departments = list(departments)
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "attendees")
        present = set(meeting.attendances.values_list("person_id", flat=True))
        members = list(User.objects.filter(department__in=departments, is_active=True)) if departments else []
        new = {p.pk: p for p in [*attendees, *members] if p.is_active and p.pk not in present}
        new_observers = {p.pk: p for p in observers if p.is_active and p.pk not in present and p.pk not in new}
        if not new and not new_observers:
            raise ValidationError({"attendees": "所选人员均已在参会名单中。"})
        total = len(present) + len(new) + len(new_observers)
        if meeting.room_id and total > meeting.room.capacity:
            raise ValidationError(
                {"attendees": f"会议室“{meeting.room.name}”可容纳{meeting.room.capacity}人，增加后共{total}人。"}
            )
        last = meeting.attendances.aggregate(n=Max("seat_order"))["n"] or 0
        people = [(p, AttendeeRole.ATTENDEE) for p in new.values()]
        people += [(p, AttendeeRole.OBSERVER) for p in new_observers.values()]
        bulk_create_with_history(
            [
                Attendance(meeting=meeting, person=person, role=role, seat_order=last + n)
                for n, (person, role) in enumerate(people, start=1)
            ],
            Attendance,
            default_user=actor,
            default_change_reason="增加参会人员",
        )
        if departments:
            meeting.invited_departments.add(*departments)
        _notify_invited(meeting, [p for p, _ in people], actor)
    return len(people)


def meeting_set_agenda(*, actor: User, meeting: Meeting, agenda: Sequence[str]) -> Meeting:
    """Replaces the agenda (议题) of a planned meeting; history keeps the earlier items."""
    agenda = [line.strip() for line in agenda if line and line.strip()]
    if any(len(line) > 300 for line in agenda):
        raise ValidationError({"agenda": "每个议题不超过300字。"})
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "agenda")
        for item in meeting.agenda_items.all():
            item._history_user = actor
            item._change_reason = "调整议题"
            item.delete()
        bulk_create_with_history(
            [AgendaItem(meeting=meeting, order=n, title=line) for n, line in enumerate(agenda, start=1)],
            AgendaItem,
            default_user=actor,
            default_change_reason="调整议题",
        )
        record_save(meeting, actor=actor, reason="调整议题", update_fields=["updated_at"], validate=False)
    return meeting


def meeting_reschedule(
    *,
    actor: User,
    meeting: Meeting,
    start: datetime.datetime,
    end: datetime.datetime,
    room: Room | None,
    is_video: bool,
    video_link: str = "",
) -> Meeting:
    """Moves a planned meeting to another time or place; attendees are told."""
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "reschedule")
        errors = {}
        _validate_schedule(start=start, end=end, room=room, is_video=is_video, errors=errors)
        if errors:
            raise ValidationError(errors)
        if room is not None:
            _check_room_free(room, start, end, exclude_pk=meeting.pk)
        meeting.start, meeting.end, meeting.room = start, end, room
        meeting.is_video, meeting.video_link = is_video, (video_link or "").strip()
        _save_booking(
            meeting,
            actor=actor,
            reason="调整时间地点",
            update_fields=["start", "end", "room", "is_video", "video_link", "updated_at"],
        )
        for attendance in meeting.attendances.select_related("person").exclude(person=actor):
            notification_send(
                recipient=attendance.person,
                title=f"会议调整：{meeting.title}",
                body=f"调整为：{_when(meeting)}，{meeting.place}。",
                url=_meeting_url(meeting),
            )
    return meeting


def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Cancels (取消) a planned meeting with the reason; it stays on record and frees the room."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写取消原因。"})
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "cancel")
        meeting.state = MeetingState.CANCELLED
        meeting.cancel_reason = reason[:200]
        record_save(meeting, actor=actor, reason="取消会议", update_fields=["state", "cancel_reason", "updated_at"])
        for attendance in meeting.attendances.select_related("person").exclude(person=actor):
            notification_send(
                recipient=attendance.person,
                title=f"会议取消：{meeting.title}",
                body=f"原定{_when(meeting)}的会议取消。原因：{meeting.cancel_reason}",
                url=_meeting_url(meeting),
            )
    return meeting


def meeting_mark_held(*, actor: User, meeting: Meeting) -> Meeting:
    """Records that the meeting took place; only held meetings count in the annual summary."""
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "held")
        meeting.state = MeetingState.HELD
        record_save(meeting, actor=actor, reason="会议已召开", update_fields=["state", "updated_at"])
    return meeting


def _own_attendance(meeting, person):
    attendance = Attendance.objects.select_for_update().filter(meeting=meeting, person=person).first()
    if attendance is None:
        raise PermissionDenied("您不在本次会议的参会名单中。")
    return attendance


def attendance_confirm(*, actor: User, meeting: Meeting) -> Attendance:
    """The attendee confirms they will come (this also withdraws a leave request)."""
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "confirm")
        attendance = _own_attendance(meeting, actor)
        attendance.response = AttendanceResponse.CONFIRMED
        attendance.leave_reason = ""
        attendance.responded_at = timezone.now()
        # The service sets every changed field itself; skipping full_clean saves its FK lookups.
        record_save(
            attendance,
            actor=actor,
            reason="确认参会",
            update_fields=["response", "leave_reason", "responded_at"],
            validate=False,
        )
    return attendance


def attendance_ask_leave(*, actor: User, meeting: Meeting, reason: str) -> Attendance:
    """The attendee asks leave (请假) with a reason; the organiser is told."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写请假事由。"})
    if len(reason) > 200:
        raise ValidationError({"reason": "请假事由不超过200字。"})
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "leave")
        attendance = _own_attendance(meeting, actor)
        attendance.response = AttendanceResponse.LEAVE
        attendance.leave_reason = reason
        attendance.responded_at = timezone.now()
        record_save(
            attendance,
            actor=actor,
            reason="请假",
            update_fields=["response", "leave_reason", "responded_at"],
            validate=False,
        )
        if meeting.organiser_id != actor.pk:
            notification_send(
                recipient=meeting.organiser,
                title=f"会议请假：{actor}（{meeting.title}）",
                body=f"事由：{reason}",
                url=_meeting_url(meeting),
            )
    return attendance


def _sign_in(attendance, meeting, *, at, actor, by_hand):
    if attendance.signed_in_at is not None:
        raise ValidationError({"person": f"{attendance.person}已于{_local(attendance.signed_in_at):%H:%M}签到。"})
    attendance.signed_in_at = at
    attendance.late = at > meeting.start
    attendance.signed_in_by = actor if by_hand else None
    record_save(
        attendance,
        actor=actor,
        reason="代签到" if by_hand else "签到",
        update_fields=["signed_in_at", "late", "signed_in_by"],
        validate=False,
    )
    return attendance


def attendance_sign_in(*, actor: User, meeting: Meeting, token: str) -> Attendance:
    """The attendee signs in on their phone, from the link of the QR code shown at the meeting.

    Late is after the start (the required arrival time before it is a courtesy, not the rule)."""
    now = timezone.now()
    with transaction.atomic():
        meeting = lock(meeting)
        if token != meeting.sign_in_token:
            raise PermissionDenied("签到链接无效，请重新扫描会场的二维码。")
        attendance = _own_attendance(meeting, actor)
        require_state(meeting, [MeetingState.PLANNED, MeetingState.HELD], "签到", noun="会议", field="state")
        if now < meeting.start - SIGN_IN_OPENS_BEFORE:
            raise ValidationError({"status": "签到尚未开始（会前两小时开放）。"})
        if now > meeting.end:
            raise ValidationError({"status": "会议已结束，不能签到，请联系会议承办人补签。"})
        return _sign_in(attendance, meeting, at=now, actor=actor, by_hand=False)


def attendance_sign_in_by_hand(
    *, actor: User, meeting: Meeting, person: User, at: datetime.datetime | None = None
) -> Attendance:
    """The organiser signs a person in (no phone, or signed on paper), at the time given."""
    at = at or timezone.now()
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "signin")
        attendance = Attendance.objects.select_for_update().filter(meeting=meeting, person=person).first()
        if attendance is None:
            raise ValidationError({"person": f"{person}不在本次会议的参会名单中。"})
        if at > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError({"at": "签到时间不能晚于现在。"})
        if at < meeting.start - SIGN_IN_OPENS_BEFORE or at > meeting.end:
            raise ValidationError({"at": "签到时间须在会前两小时到会议结束之间。"})
        return _sign_in(attendance, meeting, at=at, actor=actor, by_hand=True)


def attendance_sign_in_many(*, actor: User, meeting: Meeting, times: dict[int, datetime.datetime]) -> int:
    """Enters a paper sign-in sheet: {person id: time signed}, in one go (one lock, one update).

    People already signed in keep their time; a person not on the list is refused."""
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "signin")
        rows = {a.person_id: a for a in meeting.attendances.select_for_update().filter(person_id__in=list(times))}
        missing = set(times) - set(rows)
        if missing:
            raise ValidationError({"person": "签到表中有人员不在本次会议的参会名单中。"})
        latest = timezone.now() + datetime.timedelta(minutes=5)
        changed = []
        for person_id, at in times.items():
            if at > latest or at < meeting.start - SIGN_IN_OPENS_BEFORE or at > meeting.end:
                raise ValidationError({"at": "签到时间须在会前两小时到会议结束之间，且不晚于现在。"})
            row = rows[person_id]
            if row.signed_in_at is None:
                row.signed_in_at, row.late, row.signed_in_by = at, at > meeting.start, actor
                changed.append(row)
        bulk_update_with_history(
            changed,
            Attendance,
            ["signed_in_at", "late", "signed_in_by"],
            default_user=actor,
            default_change_reason="代签到",
        )
    return len(changed)


def meeting_set_seating(*, actor: User, meeting: Meeting, attendance_ids: Sequence[int]) -> None:
    """Sets the seating list (座次): the attendances in the order given."""
    with transaction.atomic():
        meeting = lock(meeting)
        require(permissions.can_manage_meeting(actor, meeting), "您不能调整此会议的座次。")
        rows = {a.pk: a for a in meeting.attendances.select_for_update()}
        ids = [int(i) for i in attendance_ids]
        if sorted(ids) != sorted(rows) or len(set(ids)) != len(ids):
            raise ValidationError({"attendance_ids": "座次须包含每位参会人员，且各出现一次。"})
        for n, pk in enumerate(ids, start=1):
            row = rows[pk]
            if row.seat_order != n:
                row.seat_order = n
                record_save(row, actor=actor, reason="调整座次", update_fields=["seat_order"], validate=False)


def meeting_record_minutes(
    *,
    actor: User,
    meeting: Meeting,
    record: str | None = None,
    minutes: str | None = None,
    minutes_title: str | None = None,
) -> Meeting:
    """Saves the record taken during the meeting (会议记录) and/or the summary after it (纪要)."""
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "minutes")
        fields = []
        for name, value in (("record", record), ("minutes", minutes), ("minutes_title", minutes_title)):
            if value is not None:
                setattr(meeting, name, value.strip())
                fields.append(name)
        if not fields:
            raise ValidationError({"minutes": "请填写会议记录或会议纪要。"})
        record_save(meeting, actor=actor, reason="会议记录和纪要", update_fields=[*fields, "updated_at"])
    return meeting


def decision_add(
    *,
    actor: User,
    meeting: Meeting,
    text: str,
    department,
    responsible: User,
    deadline: datetime.date,
) -> Decision:
    """Records a decision (议定事项) and opens its supervised item (会议议定), from the
    meeting's date to the deadline, with the responsible person notified by supervision."""
    text = (text or "").strip()
    with transaction.atomic():
        meeting = lock(meeting)
        STEPS.check(actor, meeting, "decision")
        errors = {}
        if not text:
            errors["text"] = "请填写议定事项。"
        if department is None:
            errors["department"] = "请选择牵头科室。"
        if responsible is None:
            errors["responsible"] = "请选择责任人。"
        elif department is not None and responsible.department_id != department.pk:
            errors["responsible"] = f"责任人须为牵头科室（{department.name}）的人员。"
        meeting_date = _local(meeting.start).date()
        if deadline is None:
            errors["deadline"] = "请填写完成时限。"
        elif deadline < meeting_date:
            errors["deadline"] = f"完成时限不能早于会议日期（{meeting_date:%Y-%m-%d}）。"
        if errors:
            raise ValidationError(errors)
        order = (meeting.decisions.aggregate(n=Max("order"))["n"] or 0) + 1
        decision = Decision(
            meeting=meeting,
            order=order,
            text=text,
            department=department,
            responsible=responsible,
            deadline=deadline,
            created_by=actor,
        )
        record_save(decision, actor=actor, reason="录入议定事项")
        item = supervised_item_open(
            actor=actor,
            title=f"{meeting.title}议定事项：{text}"[:200],
            category=SUPERVISION_MEETING,
            owner_department=department,
            responsible=responsible,
            start_date=meeting_date,
            deadline=deadline,
            description=text,
            source=decision,
        )
        decision.supervised_item = item
        record_save(decision, actor=actor, reason="开立督办", update_fields=["supervised_item", "updated_at"])
    return decision


def room_save(*, actor: User, room: Room | None = None, **fields) -> Room:
    """Adds a room or changes one (name, location, capacity, equipment, order, active)."""
    require(permissions.can_manage_rooms(actor), "您没有管理会议室的权限。")
    with transaction.atomic():
        room = room or Room()
        for name, value in fields.items():
            setattr(room, name, value)
        if Room.objects.filter(name=room.name).exclude(pk=room.pk).exists():
            raise ValidationError({"name": f"已有名为“{room.name}”的会议室。"})
        record_save(room, actor=actor, reason="会议室信息")
    return room
