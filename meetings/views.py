"""HTML pages of meetings: parse, call a selector or service, render or redirect."""

import calendar as pycalendar
import datetime
import secrets
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from office.errors import add_errors_to_form
from office.views.generic import Action, action_forms, run_action
from office.workdays import WorkingCalendar

from . import permissions, printing, selectors, services
from .choices import MeetingState
from .filters import MeetingFilter
from .forms import (
    AddAttendeesForm,
    AgendaForm,
    DecisionForm,
    EmptyForm,
    HandSignInForm,
    LeaveForm,
    MeetingForm,
    MinutesForm,
    ReasonForm,
    RescheduleForm,
)
from .models import Attendance, Meeting


@login_required
def meeting_list(request):
    filterset = MeetingFilter(request.GET, queryset=selectors.meeting_list(user=request.user), request=request)
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_create": permissions.can_create_meeting(request.user),
        },
        status=400 if filterset.errors else 200,
    )


@login_required
def meeting_create(request):
    if not permissions.can_create_meeting(request.user):
        raise PermissionDenied("只有局领导、办公室主任和文书可以安排会议。")
    form = MeetingForm(request.POST or None, initial=_booking_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, f"已安排会议：{meeting.title}，已通知参会人员。")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form}, status=400 if form.errors else 200)


def _slot_time(value):
    try:
        tz = timezone.get_current_timezone()
        return datetime.datetime.strptime(value or "", "%Y-%m-%dT%H:%M").replace(tzinfo=tz)
    except ValueError:
        return None


def _booking_initial(request):
    """The new meeting's form: a leader as host, and the slot clicked in the week calendar
    (?room=…&start=…&end=…, an hour by default); a malformed slot is ignored."""
    host = selectors.default_host(request.user)
    initial = {"host": host.pk} if host else {}
    start = _slot_time(request.GET.get("start"))
    if start is not None:
        end = _slot_time(request.GET.get("end"))
        end = end if end is not None and end > start else start + datetime.timedelta(hours=1)
        initial.update(start=start.strftime("%Y-%m-%dT%H:%M"), end=end.strftime("%Y-%m-%dT%H:%M"))
    if request.GET.get("room", "").isdigit():
        initial["room"] = int(request.GET["room"])
    return initial


def _started(meeting):
    return meeting.start <= timezone.now()


def _minutes_initial(meeting):
    return {
        "initial": {
            "record": meeting.record,
            "minutes": meeting.minutes,
            "minutes_title": meeting.minutes_title or f"{meeting.meeting_type.name}纪要",
        }
    }


def _agenda_initial(meeting):
    return {"initial": {"agenda": "\n".join(a.title for a in meeting.agenda_items.all())}}


def _reschedule_initial(meeting):
    tz = timezone.get_current_timezone()
    return {
        "initial": {
            "start": meeting.start.astimezone(tz),
            "end": meeting.end.astimezone(tz),
            "room": meeting.room_id,
            "is_video": meeting.is_video,
            "video_link": meeting.video_link,
        }
    }


def _sign_in_url(request, meeting):
    # The address people reach the system at (SITE_URL), not the one this request came in on:
    # behind a proxy, or opened on the server itself, that would be 127.0.0.1 in the QR code.
    path = reverse("meetings:sign_in", args=[meeting.pk, meeting.sign_in_token])
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{site}{path}" if site else request.build_absolute_uri(path)


def _qr_data_uri(url):
    # An inline data: URI (allowed by the CSP's img-src) needs no second request and no file.
    return segno.make(url, error="m").svg_data_uri(scale=5, border=2)


@login_required
def meeting_detail(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    return _render_detail(request, meeting)


def _render_detail(request, meeting, failed_form=None, status=200):
    attendances = selectors.meeting_attendances(meeting)
    meeting._attendances = attendances  # the step table reads them instead of querying again
    mine = next((a for a in attendances if a.person_id == request.user.pk), None)
    manage = permissions.can_manage_meeting(request.user, meeting)
    context = {
        "meeting": meeting,
        "agenda": meeting.agenda_items.all(),
        "attendances": attendances,
        "attendance_summary": selectors.attendance_summary(attendances),
        "departments": meeting.invited_departments.all(),
        "decisions": selectors.meeting_decisions(meeting),
        "mine": mine,
        "can_manage": manage,
        "actions": action_forms(ACTIONS, permissions.meeting_actions(request.user, meeting), meeting, failed_form),
        "failed_action": failed_form.prefix if failed_form is not None else "",
        "history": meeting.history.select_related("history_user").order_by("-history_date")[:15],
    }
    if manage:
        context["seat_cards_url"] = reverse("meetings:seat_cards", args=[meeting.pk])
    if meeting.minutes:
        context["minutes_pdf_url"] = reverse("meetings:minutes_pdf", args=[meeting.pk])
    # The QR code is for the room while people arrive; afterwards the organiser signs in by hand.
    if manage and meeting.state == MeetingState.PLANNED and timezone.now() <= meeting.end:
        url = _sign_in_url(request, meeting)
        context.update(sign_in_url=url, sign_in_qr=_qr_data_uri(url))
    return render(request, "meetings/detail.html", context, status=status)


def _confirm(actor, meeting, data):
    services.attendance_confirm(actor=actor, meeting=meeting)


def _leave(actor, meeting, data):
    services.attendance_ask_leave(actor=actor, meeting=meeting, reason=data["reason"])


def _signin(actor, meeting, data):
    services.attendance_sign_in_by_hand(actor=actor, meeting=meeting, person=data["person"], at=data["at"])


def _minutes(actor, meeting, data):
    services.meeting_record_minutes(actor=actor, meeting=meeting, **data)


def _decision(actor, meeting, data):
    services.decision_add(actor=actor, meeting=meeting, **data)


def _held(actor, meeting, data):
    services.meeting_mark_held(actor=actor, meeting=meeting)


def _reschedule(actor, meeting, data):
    services.meeting_reschedule(actor=actor, meeting=meeting, **data)


def _attendees(actor, meeting, data):
    services.meeting_add_attendees(actor=actor, meeting=meeting, **data)


def _agenda(actor, meeting, data):
    services.meeting_set_agenda(actor=actor, meeting=meeting, agenda=data["agenda"])


def _cancel(actor, meeting, data):
    services.meeting_cancel(actor=actor, meeting=meeting, reason=data["reason"])


# The steps of a meeting's page; who may take which is permissions.meeting_actions, the same
# table the services enforce.
ACTIONS = {
    "confirm": Action(EmptyForm, "确认参会", _confirm, "已确认参会。"),
    "leave": Action(LeaveForm, "请假", _leave, "已提交请假，会议承办人会收到通知。"),
    "signin": Action(
        HandSignInForm, "代为签到", _signin, "已代为签到。", form_kwargs=lambda meeting: {"meeting": meeting}
    ),
    "minutes": Action(MinutesForm, "保存记录和纪要", _minutes, "会议记录和纪要已保存。", form_kwargs=_minutes_initial),
    "decision": Action(DecisionForm, "录入议定事项", _decision, "已录入议定事项，并开立督办事项。"),
    "held": Action(EmptyForm, "登记为已召开", _held, "已登记为已召开。"),
    "attendees": Action(AddAttendeesForm, "增加参会人员", _attendees, "已增加参会人员，并通知本人。"),
    "agenda": Action(AgendaForm, "调整议题", _agenda, "议题已调整。", form_kwargs=_agenda_initial),
    "reschedule": Action(
        RescheduleForm, "调整时间地点", _reschedule, "已调整，参会人员会收到通知。", form_kwargs=_reschedule_initial
    ),
    "cancel": Action(
        ReasonForm,
        "取消会议",
        _cancel,
        "会议已取消，参会人员会收到通知。",
        confirm="确定取消此会议吗？参会人员会收到通知。",
    ),
}


@login_required
@require_POST
def meeting_action(request, pk, action):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    return run_action(
        request,
        meeting,
        action,
        ACTIONS,
        redirect_to=reverse("meetings:detail", args=[meeting.pk]),
        render_detail=lambda request, meeting, failed_form, status: _render_detail(
            request, selectors.meeting_get(user=request.user, pk=meeting.pk), failed_form, status
        ),
    )


def _meeting_by_token(pk, token):
    meeting = Meeting.objects.select_related("meeting_type", "room").filter(pk=pk).first()
    # The token is the capability: a wrong one looks exactly like a missing meeting.
    if meeting is None or not secrets.compare_digest(str(token), meeting.sign_in_token):
        raise Http404("签到链接无效，请重新扫描会场的二维码。")
    return meeting


@login_required
def meeting_sign_in(request, pk, token):
    """The page the QR code opens on a phone: one big 签到 button for the signed-in attendee."""
    meeting = _meeting_by_token(pk, token)
    mine = Attendance.objects.filter(meeting=meeting, person=request.user).first()
    error = ""
    status = 200
    if request.method == "POST":
        try:
            mine = services.attendance_sign_in(actor=request.user, meeting=meeting, token=token)
        except ValidationError as exc:
            error = "；".join(m for messages_ in exc.message_dict.values() for m in messages_)
            status = 400
        else:
            messages.success(request, "签到成功。" if not mine.late else "签到成功（迟到）。")
            return redirect("meetings:sign_in", pk=meeting.pk, token=token)
    return render(request, "meetings/sign_in.html", {"meeting": meeting, "mine": mine, "error": error}, status=status)


@login_required
def meeting_seating(request, pk):
    """The seating list (座次): a number per person; the seat cards print in this order."""
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if not permissions.can_manage_meeting(request.user, meeting):
        raise PermissionDenied("您不能调整此会议的座次。")
    attendances = selectors.meeting_attendances(meeting)
    error = ""
    if request.method == "POST":
        try:
            numbers = {a.pk: int(request.POST.get(f"seat-{a.pk}", "")) for a in attendances}
        except ValueError:
            error = "座次：请为每位参会人员填写数字。"
        else:
            ordered = sorted(attendances, key=lambda a: (numbers[a.pk], a.seat_order))
            try:
                services.meeting_set_seating(
                    actor=request.user, meeting=meeting, attendance_ids=[a.pk for a in ordered]
                )
            except ValidationError as exc:
                error = "；".join(m for ms in exc.message_dict.values() for m in ms)
            else:
                messages.success(request, "座次已保存。")
                return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/seating.html",
        {"meeting": meeting, "attendances": attendances, "error": error},
        status=400 if error else 200,
    )


WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]

# The half-days the week view offers a free room for (the booking form can change the times).
SLOTS = (("上午", datetime.time(9, 0), datetime.time(12, 0)), ("下午", datetime.time(14, 30), datetime.time(17, 30)))


def _free_slots(room, day, meetings, now):
    """The half-days of a working `day` still ahead in which `room` holds none of `meetings`,
    each with the booking form's address for it."""
    tz = timezone.get_current_timezone()
    free = []
    for label, begin, finish in SLOTS:
        start = datetime.datetime.combine(day, begin, tzinfo=tz)
        end = datetime.datetime.combine(day, finish, tzinfo=tz)
        if start <= now or any(m.start < end and m.end > start for m in meetings):
            continue
        query = urlencode(
            {"room": room.pk, "start": f"{day.isoformat()}T{begin:%H:%M}", "end": f"{day.isoformat()}T{finish:%H:%M}"}
        )
        free.append({"label": label, "time": f"{begin:%H:%M}", "url": f"{reverse('meetings:create')}?{query}"})
    return free


def _parse_date(value, default):
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default


@login_required
def meeting_calendar(request):
    """Week (rooms × days) or month (a grid of days) of meetings: two queries either way."""
    today = timezone.localdate()
    view = "month" if request.GET.get("view") == "month" else "week"
    day = _parse_date(request.GET.get("date"), today)
    tz = timezone.get_current_timezone()
    rooms = list(selectors.room_list(user=request.user))
    context = {"view": view, "today": today, "rooms": rooms}
    if view == "week":
        first = day - datetime.timedelta(days=day.weekday())
        days = [first + datetime.timedelta(days=n) for n in range(7)]
        meetings = list(selectors.calendar_meetings(user=request.user, first=days[0], last=days[-1]))
        cells = {}
        for meeting in meetings:
            key = (meeting.room_id, meeting.start.astimezone(tz).date())
            cells.setdefault(key, []).append(meeting)
        # A room switched off since still shows where it holds a meeting this week.
        shown = {room.pk for room in rooms}
        extra = {m.room_id: m.room for m in meetings if m.room_id and m.room_id not in shown}
        rows = [{"label": room.name, "note": f"{room.capacity}人", "room": room} for room in [*rooms, *extra.values()]]
        rows.append({"label": "视频会议", "note": "不占会议室", "room": None})
        # Who may arrange meetings clicks a free half-day of a room to book it.
        bookable = permissions.can_create_meeting(request.user)
        context["can_book"] = bookable
        working = WorkingCalendar.load(days[0], days[-1]) if bookable else None
        now = timezone.now()
        for row in rows:
            room_id = row["room"].pk if row["room"] else None
            row["cells"] = [
                {
                    "day": d,
                    "meetings": cells.get((room_id, d), []),
                    "free": _free_slots(row["room"], d, cells.get((room_id, d), []), now)
                    if bookable and row["room"] is not None and row["room"].is_active and working.is_working_day(d)
                    else [],
                }
                for d in days
            ]
        context.update(
            headers=list(zip(days, WEEKDAYS, strict=True)),
            rows=rows,
            previous=first - datetime.timedelta(days=7),
            next=first + datetime.timedelta(days=7),
            title=f"{first:%Y年%m月%d日}–{days[-1]:%m月%d日}",
            count=len(meetings),
        )
    else:
        weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(day.year, day.month)
        meetings = list(selectors.calendar_meetings(user=request.user, first=weeks[0][0], last=weeks[-1][-1]))
        by_day = {}
        for meeting in meetings:
            by_day.setdefault(meeting.start.astimezone(tz).date(), []).append(meeting)
        month_first = day.replace(day=1)
        context.update(
            weeks=[
                [{"day": d, "meetings": by_day.get(d, []), "other": d.month != day.month} for d in week]
                for week in weeks
            ],
            weekdays=WEEKDAYS,
            previous=(month_first - datetime.timedelta(days=1)).replace(day=1),
            next=(month_first + datetime.timedelta(days=32)).replace(day=1),
            title=f"{day:%Y年%m月}",
            count=sum(1 for m in meetings if m.start.astimezone(tz).month == day.month),
        )
    return render(request, "meetings/calendar.html", context)


@login_required
def room_list(request):
    return render(
        request,
        "meetings/rooms.html",
        {
            "rooms": selectors.room_list(user=request.user, include_inactive=True),
            "can_manage_rooms": permissions.can_manage_rooms(request.user),
        },
    )


def _pdf_response(data, filename):
    response = HttpResponse(data, content_type="application/pdf")
    # RFC 5987 so that the Chinese file name survives every browser.
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
def meeting_seat_cards(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if not permissions.can_manage_meeting(request.user, meeting):
        raise PermissionDenied("只有会议承办人、主持人、局领导、办公室主任和文书可以打印座签。")
    return _pdf_response(printing.seat_cards_pdf(meeting), f"座签-{meeting.title}.pdf")


@login_required
def meeting_minutes_pdf(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if not meeting.minutes:
        raise Http404("该会议尚未形成纪要。")
    return _pdf_response(printing.minutes_pdf(meeting), f"{meeting.minutes_title or '会议纪要'}-{meeting.title}.pdf")
