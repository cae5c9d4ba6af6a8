"""The meetings' figures for the annual summary: meetings held in the year by type, and how
many of them were held by video (a flag on any meeting), each with last year's value.

Two queries whatever the number of meetings: the types, and one GROUP BY over both years.
A year before the first meeting recorded gives None (the records cannot say), not 0."""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse

from office.figures import Figure, counted, records_begin

from .choices import MeetingState
from .models import Meeting, MeetingType

# The summary outline (reports/outline.py) names some types differently from their codes.
KEY_FOR_CODE = {"central_group_study": "theory_study"}
VIDEO_KEY = "meetings.video_meetings"


def _url(year, **params):
    query = "&".join(f"{k}={v}" for k, v in {"year": year, "state": MeetingState.HELD, **params}.items())
    return f"{reverse('meetings:list')}?{query}"


def figures(year: int) -> list[Figure]:
    held = Q(state=MeetingState.HELD)
    rows = (
        Meeting.objects.filter(start__year__in=[year - 1, year])
        .annotate(year=ExtractYear("start"))
        .values("year", "meeting_type__code")
        .annotate(
            held=Count("pk", filter=held),
            video=Count("pk", filter=held & Q(is_video=True)),
        )
        .order_by()
    )
    counts = {}
    video = {year - 1: 0, year: 0}
    for row in rows:
        counts[(row["year"], row["meeting_type__code"])] = row["held"]
        video[row["year"]] += row["video"]

    begin = records_begin((Meeting.objects.all(), "start"))

    def value(y, code=None):
        return counted(video[y] if code is None else counts.get((y, code), 0), y, begin)

    result = []
    for meeting_type in MeetingType.objects.order_by("sort_order", "id").only("code", "name", "is_active"):
        code = meeting_type.code
        this_year, last_year = value(year, code), value(year - 1, code)
        # A type switched off long ago with nothing in either year is not news.
        if not meeting_type.is_active and not this_year and not last_year:
            continue
        result.append(
            Figure(
                key=f"meetings.{KEY_FOR_CODE.get(code, code)}",
                value=this_year,
                last_year=last_year,
                url=_url(year, type_code=code),
            )
        )
    result.append(
        Figure(
            key=VIDEO_KEY,
            value=value(year),
            last_year=value(year - 1),
            url=_url(year, is_video="true"),
        )
    )
    return result
