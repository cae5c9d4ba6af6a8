"""The meetings' figures for the annual summary: meetings held in the year by type, and how
many of them were held by video (a flag on any meeting), each with last year's value.

Two queries whatever the number of meetings: the types, and one GROUP BY over both years.
A year with no meeting recorded at all gives None (the records cannot say), not 0."""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse

from reports.figures import Figure

from .choices import MeetingState
from .models import Meeting, MeetingType

SECTION = 1  # （一）办文办会

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
            recorded=Count("pk"),
            held=Count("pk", filter=held),
            video=Count("pk", filter=held & Q(is_video=True)),
        )
        .order_by()
    )
    counts = {}
    recorded = {year - 1: 0, year: 0}
    video = {year - 1: 0, year: 0}
    for row in rows:
        counts[(row["year"], row["meeting_type__code"])] = row["held"]
        recorded[row["year"]] += row["recorded"]
        video[row["year"]] += row["video"]

    def value(y, code=None):
        if not recorded[y]:
            return None
        return video[y] if code is None else counts.get((y, code), 0)

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
                label=meeting_type.name,
                value=this_year,
                unit="次",
                section=SECTION,
                last_year=last_year,
                url=_url(year, type_code=code),
            )
        )
    result.append(
        Figure(
            key=VIDEO_KEY,
            label="视频会议",
            value=value(year),
            unit="次",
            section=SECTION,
            last_year=value(year - 1),
            url=_url(year, is_video="true"),
        )
    )
    return result
