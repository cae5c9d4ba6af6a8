"""Working days on the official Chinese calendar: the one module that answers calendar questions.

A year is *covered* when it has a CalendarYear row; its CalendarDay rows are then the complete
list of days that break the weekend rule (holidays on weekdays, make-up workdays on weekends).
In a year without a row only weekends are known, so Monday–Friday count as working days and an
answer that relied on such a year is *provisional*.

Each call reads the database once (a span too long for the first estimate reads once more per
extension) and nothing is cached: the administrator edits the calendar in the admin, possibly in
another process, and a deadline computed on a stale calendar would be silently wrong.
"""

import datetime
from typing import NamedTuple

from django.db.models import FilteredRelation, Q
from django.utils import timezone

from .models import CalendarYear

ONE_DAY = datetime.timedelta(days=1)
# Slack beyond n*7/5 calendar days for n working days: the longest holidays (春节, 国庆) take
# 5–7 weekdays each, so a year's worth of holidays fits with room to spare.
SPAN_SLACK_DAYS = 60


class WorkdayResult(NamedTuple):
    """A computed date; `provisional` when a year it depends on has no official calendar yet."""

    date: datetime.date
    provisional: bool


def _span_days(n):
    return n * 7 // 5 + SPAN_SLACK_DAYS


def _check_date(day):
    # A datetime is a date too, but would silently miss every CalendarDay key; converting it
    # here would hide a time-zone choice the caller should make (timezone.localdate()).
    if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
        raise TypeError(f"expected a datetime.date, got {type(day).__name__}")
    return day


class WorkingCalendar:
    """The official calendar of a span of dates, read in one query.

    For callers that ask many questions about the same span (a list of deadlines, a report):
    load once, then `is_working_day` and `count` cost no query."""

    def __init__(self, first, last):
        self.first = first
        self.last = first - ONE_DAY
        self.covered = set()
        self.exceptions = {}
        self.extend(last)

    @classmethod
    def load(cls, first, last):
        return cls(_check_date(first), _check_date(last))

    def extend(self, last):
        """Reads the days after the loaded span up to `last` (one query)."""
        if last <= self.last:
            return
        first = self.last + ONE_DAY
        # One query for both tables: each covered year once, joined to its exceptions in the span
        # (the join condition keeps a covered year with no exception in the span as a NULL row).
        rows = (
            CalendarYear.objects.filter(year__range=(first.year, last.year))
            .annotate(in_span=FilteredRelation("days", condition=Q(days__date__range=(first, last))))
            .order_by()
            .values_list("year", "in_span__date", "in_span__is_workday")
        )
        for year, day, is_workday in rows:
            self.covered.add(year)
            if day is not None:
                self.exceptions[day] = is_workday
        self.last = last

    def _in_span(self, day):
        if not self.first <= day <= self.last:
            raise ValueError(f"{day} is outside the loaded span {self.first}..{self.last}")

    def is_working_day(self, day):
        self._in_span(day)
        if day.year in self.covered:
            return self.exceptions.get(day, day.weekday() < 5)
        return day.weekday() < 5

    def is_provisional(self, first, last):
        """Whether any year from `first` to `last` has no official calendar."""
        return any(year not in self.covered for year in range(first.year, last.year + 1))

    def count(self, first, last):
        """Working days from `first` to `last`, both included: weekdays, corrected by the
        exceptions that break the weekend rule, without walking every day."""
        if last < first:
            return 0
        self._in_span(first)
        self._in_span(last)
        total = _weekdays(first, last)
        for day, is_workday in self.exceptions.items():
            if first <= day <= last and is_workday != (day.weekday() < 5):
                total += 1 if is_workday else -1
        return total


def _weekdays(first, last):
    """Monday–Friday from `first` to `last`, both included."""
    full_weeks, rest = divmod((last - first).days + 1, 7)
    start = first.weekday()
    return full_weeks * 5 + sum(1 for offset in range(rest) if (start + offset) % 7 < 5)


def is_working_day(day: datetime.date) -> bool:
    """Whether people work on `day`; in a year without a calendar, whether it is Monday–Friday."""
    return WorkingCalendar.load(day, day).is_working_day(day)


def add_working_days(start: datetime.date, n: int) -> WorkdayResult:
    """The n-th working day after `start` (`start` itself is not counted).

    n must be ≥ 0; n == 0 returns `start` unchanged and not provisional, since no day was
    counted. The result is provisional when a year of the counted days (the day after `start`
    up to the result) has no official calendar, so that weekends alone were used there."""
    _check_date(start)
    if n < 0:
        raise ValueError("n must be >= 0")
    if n == 0:
        return WorkdayResult(start, False)
    first = start + ONE_DAY
    calendar = WorkingCalendar.load(first, start + datetime.timedelta(days=_span_days(n)))
    day, remaining = start, n
    while remaining:
        day += ONE_DAY
        if day > calendar.last:
            calendar.extend(day + datetime.timedelta(days=_span_days(remaining)))
        if calendar.is_working_day(day):
            remaining -= 1
    return WorkdayResult(day, calendar.is_provisional(first, day))


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`; 0 when `end` is not after `start`.

    The inverse of add_working_days: working_days_between(d, add_working_days(d, n).date) == n."""
    _check_date(start)
    _check_date(end)
    if end <= start:
        return 0
    return WorkingCalendar.load(start + ONE_DAY, end).count(start + ONE_DAY, end)


def covered_years() -> set[int]:
    """The years whose official calendar is in the table."""
    return set(CalendarYear.objects.values_list("year", flat=True))


def missing_years(upto: int) -> list[int]:
    """The years from the current one to `upto` (included) that have no calendar, ascending."""
    current = timezone.localdate().year
    if upto < current:
        return []
    known = set(CalendarYear.objects.filter(year__range=(current, upto)).values_list("year", flat=True))
    return [year for year in range(current, upto + 1) if year not in known]
