"""Working days on the official calendar, pinned to real State Council schedules.

The calendar of 2004–2026 comes from the seeding migration, so these tests also check that the
seed matches chinesecalendar; 2027 is not covered and falls back to weekends alone."""

import datetime

import chinese_calendar
import pytest

from office import workdays
from office.models import CalendarDay, CalendarYear
from office.workdays import (
    WorkdayResult,
    WorkingCalendar,
    add_working_days,
    covered_years,
    is_working_day,
    missing_years,
    working_days_between,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def package_add(start, n):
    """add_working_days computed from chinesecalendar itself, day by day."""
    day = start
    while n:
        day += datetime.timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    return day


# 2025: 国庆节 and 中秋节 together, 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 worked.
@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 9, 26), True),  # Friday
        (D(2025, 9, 27), False),  # Saturday
        (D(2025, 9, 28), True),  # Sunday, make-up workday
        (D(2025, 9, 30), True),
        *[(D(2025, 10, d), False) for d in range(1, 9)],  # weekdays and weekend of the holiday
        (D(2025, 10, 9), True),
        (D(2025, 10, 10), True),
        (D(2025, 10, 11), True),  # Saturday, make-up workday
        (D(2025, 10, 12), False),  # Sunday
    ],
)
def test_is_working_day_follows_the_2025_national_day_schedule(day, working):
    assert is_working_day(day) is working


def test_the_day_after_the_last_workday_before_national_day_is_after_the_holiday():
    assert add_working_days(D(2025, 9, 30), 1) == WorkdayResult(D(2025, 10, 9), False)


def test_a_make_up_sunday_counts_as_a_working_day():
    assert add_working_days(D(2025, 9, 26), 1) == WorkdayResult(D(2025, 9, 28), False)


def test_deadline_across_national_day_skips_the_whole_holiday():
    # 09-28, 09-29, 09-30, then 10-09, 10-10, 10-11 (Saturday, worked).
    assert add_working_days(D(2025, 9, 26), 6).date == D(2025, 10, 11)
    assert add_working_days(D(2025, 9, 26), 7).date == D(2025, 10, 13)


def test_spring_festival_2026():
    # 02-15..02-23 off; Saturdays 02-14 and 02-28 worked.
    assert is_working_day(D(2026, 2, 14)) is True
    assert not any(is_working_day(D(2026, 2, d)) for d in range(15, 24))
    assert is_working_day(D(2026, 2, 28)) is True
    assert add_working_days(D(2026, 2, 13), 1).date == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 14), 1).date == D(2026, 2, 24)
    # 02-14, 02-24, 02-25, 02-26, 02-27, 02-28.
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 28)) == 6


def test_a_deadline_crossing_into_an_uncovered_year_uses_weekends_alone_and_is_provisional():
    # From Monday 2026-12-28: 12-29, 12-30, 12-31 (2026 is covered), then 2027 on weekends alone:
    # Friday 01-01 counts (no 元旦 known yet), 01-04..01-08, and Monday 01-11 is the 10th.
    assert add_working_days(D(2026, 12, 28), 10) == WorkdayResult(D(2027, 1, 11), True)
    assert is_working_day(D(2027, 1, 1)) is True


def test_a_deadline_inside_a_covered_year_is_not_provisional_even_near_its_end():
    assert add_working_days(D(2026, 12, 28), 3) == WorkdayResult(D(2026, 12, 31), False)


def test_adding_the_missing_year_and_its_holiday_changes_the_answer_and_clears_provisional():
    year = CalendarYear.objects.create(year=2027, note="测试")
    # A known year with no exceptions: same date, but no longer provisional.
    assert add_working_days(D(2026, 12, 28), 10) == WorkdayResult(D(2027, 1, 11), False)

    CalendarDay.objects.create(calendar_year=year, date=D(2027, 1, 1), is_workday=False, name="元旦")
    assert is_working_day(D(2027, 1, 1)) is False
    assert add_working_days(D(2026, 12, 28), 10) == WorkdayResult(D(2027, 1, 12), False)

    CalendarDay.objects.create(calendar_year=year, date=D(2027, 1, 9), is_workday=True, name="调休上班")
    assert add_working_days(D(2026, 12, 28), 10) == WorkdayResult(D(2027, 1, 11), False)
    assert working_days_between(D(2026, 12, 28), D(2027, 1, 11)) == 10


def test_zero_days_returns_the_start_and_negative_days_are_refused(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert add_working_days(D(2025, 10, 1), 0) == WorkdayResult(D(2025, 10, 1), False)
    with pytest.raises(ValueError):
        add_working_days(D(2025, 10, 1), -1)


def test_a_datetime_is_refused_rather_than_silently_missing_the_holidays():
    with pytest.raises(TypeError):
        is_working_day(datetime.datetime(2025, 10, 1, 9, 0, tzinfo=datetime.UTC))


def test_working_days_between_counts_after_start_up_to_and_including_end():
    assert working_days_between(D(2025, 9, 26), D(2025, 9, 28)) == 1
    assert working_days_between(D(2025, 9, 30), D(2025, 10, 9)) == 1
    assert working_days_between(D(2025, 10, 9), D(2025, 10, 9)) == 0
    assert working_days_between(D(2025, 10, 9), D(2025, 9, 30)) == 0


@pytest.mark.parametrize("start", [D(2025, 9, 26), D(2025, 12, 20), D(2026, 2, 10), D(2026, 12, 1)])
@pytest.mark.parametrize("n", [1, 5, 22, 60, 250])
def test_working_days_between_is_the_inverse_of_add_working_days(start, n):
    assert working_days_between(start, add_working_days(start, n).date) == n


@pytest.mark.parametrize("start", [D(2004, 1, 1), D(2015, 8, 30), D(2020, 1, 20), D(2024, 9, 27)])
@pytest.mark.parametrize("n", [1, 3, 10, 66, 365])
def test_add_working_days_agrees_with_chinesecalendar(start, n):
    assert add_working_days(start, n) == WorkdayResult(package_add(start, n), False)


def test_seeded_calendar_agrees_with_chinesecalendar_on_every_day(django_assert_num_queries):
    first, last = D(2004, 1, 1), D(2026, 12, 31)
    with django_assert_num_queries(1):
        calendar = WorkingCalendar.load(first, last)
    day = first
    while day <= last:
        assert calendar.is_working_day(day) is chinese_calendar.is_workday(day), day
        day += datetime.timedelta(days=1)
    assert calendar.count(first, last) == sum(
        chinese_calendar.is_workday(first + datetime.timedelta(days=i)) for i in range((last - first).days + 1)
    )


def test_a_span_longer_than_the_estimate_is_read_again_and_stays_right(monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(workdays, "SPAN_SLACK_DAYS", 0)
    # With no slack, Spring Festival alone pushes the result past the first read.
    with django_assert_max_num_queries(5) as context:
        result = add_working_days(D(2010, 1, 4), 500)
    assert len(context.captured_queries) > 1
    assert result == WorkdayResult(package_add(D(2010, 1, 4), 500), False)


@pytest.mark.parametrize(
    ("start", "n"), [(D(2025, 9, 26), 1), (D(2025, 9, 26), 60), (D(2026, 12, 28), 10), (D(2025, 1, 2), 365)]
)
def test_add_working_days_reads_the_database_once(start, n, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        add_working_days(start, n)


def test_other_questions_read_the_database_once(django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        is_working_day(D(2025, 10, 1))
    with django_assert_max_num_queries(1):
        working_days_between(D(2024, 1, 1), D(2027, 6, 30))
    with django_assert_max_num_queries(1):
        covered_years()
    with django_assert_max_num_queries(1):
        missing_years(2030)


def test_covered_and_missing_years(monkeypatch):
    assert covered_years() == set(range(2004, 2027))
    monkeypatch.setattr(workdays.timezone, "localdate", lambda: D(2026, 11, 22))
    assert missing_years(2028) == [2027, 2028]
    assert missing_years(2026) == []
    assert missing_years(2025) == []
    CalendarYear.objects.create(year=2028)
    assert missing_years(2029) == [2027, 2029]
