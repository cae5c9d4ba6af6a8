"""The contract between every app's summary figures and the annual summary.

An app's plugin names a function `figures(year: int) -> list[Figure]` (AppPlugin.summary),
computed with database aggregates (a bounded number of queries, never a loop over rows).
A Figure carries only what the records say; its label, unit and section come from the
summary's outline (reports/outline.py), the one place they are written.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Min

Number = int | Decimal


@dataclass(frozen=True)
class Figure:
    key: str  # an outline key, prefixed by the app: "documents.incoming"
    value: Number | None  # None: the records cannot give it (shown as missing, never as 0)
    last_year: Number | None = None  # where the sentence compares with the year before
    url: str = ""  # the app's register filtered to exactly the records this figure counts
    names: tuple[str, ...] = field(default=())  # for list figures: the names counted (专题任务)


def records_begin(*sources) -> datetime.date | None:
    """The date an app's records begin: the earliest of (queryset, field) pairs, one aggregate
    query each, or None when there are none. A field may hold a date, a datetime or a year."""
    found = []
    for queryset, field_name in sources:
        value = queryset.aggregate(first=Min(field_name))["first"]
        if isinstance(value, datetime.datetime):
            value = value.date()
        elif isinstance(value, int):
            value = datetime.date(value, 1, 1)
        if value is not None:
            found.append(value)
    return min(found) if found else None


def counts_in(year: int, begin: datetime.date | None) -> bool:
    """Whether the records can speak for `year`: not before they begin, and not before the
    date the system was taken into use (settings.RECORDS_START_DATE, if set)."""
    if begin is None:
        return False
    start = getattr(settings, "RECORDS_START_DATE", None)
    if start is not None and year < start.year:
        return False
    return year >= begin.year


def counted(value: Number, year: int, begin: datetime.date | None) -> Number | None:
    """`value` for a year the records cover, None for one they do not (never 0)."""
    return value if counts_in(year, begin) else None
