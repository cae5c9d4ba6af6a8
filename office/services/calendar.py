"""The working-day calendar: importing a year from the chinesecalendar package, and telling the
administrators when a year the deadlines need is missing.

The State Council (国务院办公厅) publishes next year's holidays and make-up workdays each
November; chinesecalendar ships them some time later. Until one of the two reaches the table,
deadlines in that year are provisional (see office.workdays).
"""

import datetime

import chinese_calendar
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ..audit import record_save
from ..choices import CalendarSource
from ..models import CalendarDay, CalendarYear
from ..roles import ADMINISTRATOR, ROLES
from .notifications import notification_send

PACKAGE_NOTE = "国务院办公厅通知"
MAKEUP_WORKDAY_NAME = "调休上班"
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
# Next year's calendar is published around November: from then on its absence is worth a warning.
PUBLICATION_MONTH = 11
ADMIN_PATH = "系统管理 → 工作日历年度"


def package_years():
    """The years chinesecalendar covers (it raises NotImplementedError outside them)."""
    years = {day.year for day in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


def _holiday_name(english):
    if english in HOLIDAY_NAMES:
        return HOLIDAY_NAMES[english]
    # A newer release may add a holiday we have not named: its own Chinese name is the best guess.
    try:
        return chinese_calendar.Holiday(english).chinese[:30]
    except ValueError:
        return english[:30]


def package_days(year):
    """(date, is_workday, name) for every holiday and make-up workday of `year` in the package.

    Plain library data, no models, so the seeding migration can use it with historical models.
    A date in both lists is a workday, as chinesecalendar.is_workday decides."""
    days = {day: (False, _holiday_name(name)) for day, name in chinese_calendar.holidays.items() if day.year == year}
    days.update({day: (True, MAKEUP_WORKDAY_NAME) for day in chinese_calendar.workdays if day.year == year})
    return [(day, is_workday, name) for day, (is_workday, name) in sorted(days.items())]


def _exists_error(year):
    return ValidationError({"year": ValidationError(f"{year}年工作日历已存在，未覆盖。", code="exists")})


def calendar_import_year(*, year, actor=None, replace=False):
    """Fills one year of the calendar from chinesecalendar; returns the CalendarYear.

    `actor` None means the system (a management command). Refuses a year the package does not
    cover, and a year already in the table unless `replace`, which swaps its days for the
    package's (a year an administrator typed in by hand is not overwritten by accident)."""
    if actor is not None and not actor.has_perms(["office.add_calendaryear", "office.change_calendaryear"]):
        raise PermissionDenied("只有系统管理员可以导入工作日历。")
    available = package_years()
    if year not in available:
        raise ValidationError(
            {
                "year": ValidationError(
                    f"chinesecalendar {chinese_calendar.__version__} 未收录{year}年的节假日安排"
                    f"（只收录{available.start}–{available.stop - 1}年）。请升级 chinesecalendar 后再导入，"
                    f"或在 {ADMIN_PATH} 中按国务院办公厅通知手工录入。",
                    code="not_in_package",
                )
            }
        )
    days = package_days(year)
    with transaction.atomic():
        calendar_year = CalendarYear.objects.select_for_update().filter(year=year).first()
        if calendar_year is not None:
            if not replace:
                raise _exists_error(year)
            calendar_year.days.all().delete()
            calendar_year.source = CalendarSource.PACKAGE
            calendar_year.note = PACKAGE_NOTE
            record_save(
                calendar_year, actor=actor, reason="从软件包重新导入", update_fields=["source", "note", "updated_at"]
            )
        else:
            calendar_year = CalendarYear(year=year, source=CalendarSource.PACKAGE, note=PACKAGE_NOTE)
            try:
                # A savepoint, so that losing a race with a concurrent import leaves the outer
                # transaction usable for the clear error below.
                with transaction.atomic():
                    record_save(calendar_year, actor=actor, reason="从软件包导入")
            except IntegrityError:
                raise _exists_error(year) from None
        bulk_create_with_history(
            [CalendarDay(calendar_year=calendar_year, date=day, is_workday=w, name=name) for day, w, name in days],
            CalendarDay,
            default_user=actor,
            default_change_reason="从软件包导入",
        )
    return calendar_year


def _administrators():
    return get_user_model().objects.filter(is_active=True, groups__name=ROLES[ADMINISTRATOR].group).distinct()


def _notify_administrators(*, dedupe_key, title, body, url):
    # People who already have the notice are left out in the query, so that the frequent caller
    # (every provisional deadline) costs one query rather than a failed insert per person.
    sent = 0
    for user in _administrators().exclude(notifications__dedupe_key=dedupe_key):
        if notification_send(recipient=user, title=title, body=body, url=url, dedupe_key=dedupe_key):
            sent += 1
    return sent


def _years_needing_calendar(today):
    years = [today.year]
    if today.month >= PUBLICATION_MONTH:
        years.append(today.year + 1)
    known = set(CalendarYear.objects.filter(year__in=years).values_list("year", flat=True))
    return [year for year in years if year not in known]


def _add_url(year):
    return f"{reverse('admin:office_calendaryear_add')}?year={year}"


def calendar_warn_missing_years(*, today=None):
    """Tells every active administrator, once per year, that a year's calendar is missing.

    A year counts as missing when it is the current year, or next year from November on (when
    the State Council has published it). Returns the number of notifications added."""
    today = today or timezone.localdate()
    sent = 0
    for year in _years_needing_calendar(today):
        sent += _notify_administrators(
            dedupe_key=f"calendar-missing-{year}",
            title=f"{year}年工作日历尚未录入",
            body=(
                f"系统中还没有{year}年的法定节假日和调休上班安排。请按国务院办公厅通知，在 {ADMIN_PATH} 中"
                f"添加{year}年并录入节假日和调休上班日；如 chinesecalendar 已收录该年，也可在服务器上运行"
                f" python manage.py calendar_import {year}。录入前，涉及该年的期限只按周末计算，标注为暂定。"
            ),
            url=_add_url(year),
        )
    return sent


def calendar_note_provisional_deadline(*, year):
    """Tells the administrators, once per year, that a deadline fell in a year with no calendar.

    Called by the services that compute deadlines whenever add_working_days answers provisional."""
    if CalendarYear.objects.filter(year=year).exists():
        return 0
    return _notify_administrators(
        dedupe_key=f"calendar-provisional-{year}",
        title=f"有期限落在{year}年，该年工作日历尚未录入",
        body=(
            f"一项按工作日计算的期限落在{year}年，而系统中还没有该年的节假日安排，只能按周末计算，"
            f"已标注为暂定。国务院办公厅公布后，请在 {ADMIN_PATH} 中录入{year}年。"
        ),
        url=_add_url(year),
    )


def calendar_warnings(*, today: datetime.date | None = None) -> list[str]:
    """Warnings for the admin index and the dashboard: the years deadlines need that are missing."""
    today = today or timezone.localdate()
    return [
        f"{year}年工作日历尚未录入，涉及该年的期限按周末计算，标注为暂定。" for year in _years_needing_calendar(today)
    ]
