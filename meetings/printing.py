"""Seat cards (座签) and the 纪要 as PDF, through the one PDF layer in office.pdf."""

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from office.pdf import gbt9704_css, render_pdf

from .choices import AttendanceResponse, AttendeeRole
from .selectors import meeting_decisions, seat_card_attendances

CHINESE_NUMBERS = "一二三四五六七八九十"


def _css(name):
    return get_template(name).template.source


def _name_size(length):
    # As large as fits: about 250 mm of the sheet's 297 mm for the name, at most 160 pt.
    usable_pt = 250 * 72 / 25.4
    return min(160, int(usable_pt / max(length, 1)))


def seat_cards_pdf(meeting) -> bytes:
    """One A4 landscape sheet per person (not on leave), in seating order."""
    names = [a.person.name for a in seat_card_attendances(meeting)]
    lengths = sorted({len(n) for n in names})
    sizes = "\n".join(f".name-{n} {{ font-size: {_name_size(n)}pt; }}" for n in lengths)
    html = render_to_string(
        "meetings/pdf/seat_cards.html",
        {"meeting": meeting, "cards": [{"name": n, "size": len(n)} for n in names]},
    )
    return render_pdf(html, stylesheets=[_css("meetings/pdf/seat_cards.css"), sizes])


def _number(n):
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    if n < 20:
        return "十" + CHINESE_NUMBERS[n - 11]
    return str(n)


def _date_text(day):
    return f"{day.year}年{day.month}月{day.day}日"


def minutes_pdf(meeting) -> bytes:
    """The 纪要 in the GB/T 9704 纪要 layout, with its 出席/请假/列席 lists."""
    start = timezone.localtime(meeting.start)
    rows = list(meeting.attendances.select_related("person").order_by("seat_order", "id"))
    present = [
        a.person.name for a in rows if a.role == AttendeeRole.ATTENDEE and a.response != AttendanceResponse.LEAVE
    ]
    leave = [a.person.name for a in rows if a.response == AttendanceResponse.LEAVE]
    observers = [
        a.person.name for a in rows if a.role == AttendeeRole.OBSERVER and a.response != AttendanceResponse.LEAVE
    ]
    decisions = meeting_decisions(meeting)
    for n, decision in enumerate(decisions, start=1):
        decision.number = _number(n)
        decision.deadline_text = _date_text(decision.deadline)
    place = meeting.place
    opening = (
        f"{_date_text(start)}，{meeting.host.name}主持召开{meeting.meeting_type.name}"
        f"{f'（{place}）' if place else ''}，研究{meeting.title}有关事项。现将会议议定事项纪要如下："
    )
    html = render_to_string(
        "meetings/pdf/minutes.html",
        {
            "title": meeting.minutes_title or f"{meeting.meeting_type.name}纪要",
            "organisation": getattr(settings, "ORGANISATION_NAME", ""),
            "date_text": _date_text(start.date()),
            "opening": opening,
            "paragraphs": [p.strip() for p in meeting.minutes.splitlines() if p.strip()],
            "decisions": decisions,
            "present": present,
            "leave": leave,
            "observers": observers,
        },
    )
    return render_pdf(html, stylesheets=[gbt9704_css(), _css("meetings/pdf/minutes.css")])
