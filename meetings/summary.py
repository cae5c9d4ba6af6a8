"""The meetings' figures for the annual summary: meetings held in the year by type, and how
many of them were held by video (a flag on any meeting), each with last year's value.

Two queries whatever the number of meetings: one GROUP BY over both years, and the date the
records begin.
A year before the first meeting recorded gives None (the records cannot say), not 0."""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse

from office.figures import Figure, counted, records_begin

from .choices import SEEDED_TYPES, MeetingState
from .models import Meeting

# The summary outline (reports/outline.py) names some types differently from their codes.
KEY_FOR_CODE = {"central_group_study": "theory_study"}
VIDEO_KEY = "meetings.video_meetings"
REPORTED_CODES = [code for code, _name in SEEDED_TYPES if code != "other"]


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
    # The summary names the bureau's own kinds of meeting; 其他 has no sentence of its own, and
    # the Party's organisational life held through this app is counted by partybuilding.
    for code in REPORTED_CODES:
        this_year, last_year = value(year, code), value(year - 1, code)
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
