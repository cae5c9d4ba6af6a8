"""The calendar table: its seed, importing a year, the admin pages, and the warnings to administrators."""

import datetime
import re

import chinese_calendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from office import roles
from office.choices import CalendarSource
from office.models import CalendarDay, CalendarYear, Notification
from office.services import calendar as calendar_services
from office.services.calendar import (
    calendar_import_year,
    calendar_note_provisional_deadline,
    calendar_warn_missing_years,
    calendar_warnings,
    package_days,
)
from office.tasks import calendar_warn_missing_years as calendar_warn_task
from office.workdays import add_working_days
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date
WARNING_2027 = "2027年工作日历尚未录入，涉及该年的期限按周末计算，标注为暂定。"


@pytest.fixture
def second_administrator(office_dept):
    return UserFactory(username="admin2", name="钱管理", department=office_dept, roles=[roles.ADMINISTRATOR])


@pytest.fixture
def retired_administrator(office_dept):
    user = UserFactory(username="admin3", name="冯管理", department=office_dept, roles=[roles.ADMINISTRATOR])
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@pytest.fixture
def others(clerk, leader, handler):
    return [clerk, leader, handler]


@pytest.fixture
def today_is(monkeypatch):
    """Pins the date the services and the admin index see as today."""

    def pin(day):
        monkeypatch.setattr(calendar_services.timezone, "localdate", lambda *args, **kwargs: day)

    return pin


def day_rows(year):
    return list(
        CalendarDay.objects.filter(calendar_year__year=year).order_by("date").values_list("date", "is_workday", "name")
    )


# The seed


def test_seed_covers_every_year_of_the_package_from_the_state_council_notices():
    years = CalendarYear.objects.order_by("year")
    assert [y.year for y in years] == list(range(2004, 2027))
    assert {(y.source, y.note) for y in years} == {(CalendarSource.PACKAGE, "国务院办公厅通知")}
    assert CalendarDay.objects.count() == len(chinese_calendar.holidays) + len(chinese_calendar.workdays)


@pytest.mark.parametrize(
    ("day", "is_workday", "name"),
    [
        (D(2025, 10, 1), False, "国庆节"),
        (D(2025, 10, 6), False, "中秋节"),
        (D(2025, 9, 28), True, "调休上班"),
        (D(2025, 10, 11), True, "调休上班"),
        (D(2026, 2, 17), False, "春节"),
        (D(2026, 1, 1), False, "元旦"),
        (D(2026, 4, 6), False, "清明节"),
        (D(2026, 5, 1), False, "劳动节"),
        (D(2026, 6, 19), False, "端午节"),
        (D(2015, 9, 3), False, "抗战胜利纪念日"),
    ],
)
def test_seeded_days_carry_chinese_names(day, is_workday, name):
    row = CalendarDay.objects.get(date=day)
    assert (row.is_workday, row.name, row.calendar_year.year) == (is_workday, name, day.year)


def test_no_seeded_name_is_left_in_english():
    assert not [name for name in CalendarDay.objects.values_list("name", flat=True) if re.search("[A-Za-z]", name)]


# Importing a year


def test_import_command_refuses_a_year_the_package_does_not_cover():
    with pytest.raises(CommandError) as excinfo:
        call_command("calendar_import", "2027")
    assert "未收录2027年的节假日安排" in str(excinfo.value)
    assert "系统管理 → 工作日历年度" in str(excinfo.value)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_import_command_refuses_to_overwrite_a_year_without_replace():
    CalendarDay.objects.filter(date=D(2025, 10, 6)).update(name="管理员改过")
    with pytest.raises(CommandError) as excinfo:
        call_command("calendar_import", "2025")
    assert "2025年工作日历已存在" in str(excinfo.value)
    assert "--replace" in str(excinfo.value)
    assert CalendarDay.objects.get(date=D(2025, 10, 6)).name == "管理员改过"


def test_import_command_with_replace_restores_the_package_days(capsys):
    year = CalendarYear.objects.get(year=2025)
    year.source, year.note = CalendarSource.MANUAL, "手工"
    year.save()
    CalendarDay.objects.filter(date=D(2025, 10, 8)).delete()
    CalendarDay.objects.create(calendar_year=year, date=D(2025, 12, 1), is_workday=False, name="错录")

    call_command("calendar_import", "2025", "--replace")

    assert day_rows(2025) == package_days(2025)
    year.refresh_from_db()
    assert (year.source, year.note) == (CalendarSource.PACKAGE, "国务院办公厅通知")
    assert "已导入2025年工作日历" in capsys.readouterr().out
    assert add_working_days(D(2025, 9, 30), 1).date == D(2025, 10, 9)


def test_importing_a_removed_year_rebuilds_what_the_migration_seeded(administrator):
    seeded = day_rows(2024)
    CalendarYear.objects.filter(year=2024).delete()

    calendar_year = calendar_import_year(year=2024, actor=administrator)

    assert day_rows(2024) == seeded
    assert calendar_year.history.get().history_user == administrator
    assert CalendarDay.history.filter(calendar_year_id=calendar_year.pk).count() == len(seeded)


def test_import_service_refuses_a_person_who_is_not_an_administrator(clerk):
    CalendarYear.objects.filter(year=2024).delete()
    with pytest.raises(PermissionDenied):
        calendar_import_year(year=2024, actor=clerk)
    assert not CalendarYear.objects.filter(year=2024).exists()


def test_import_service_names_the_year_field_in_its_errors():
    with pytest.raises(ValidationError) as excinfo:
        calendar_import_year(year=2027)
    assert list(excinfo.value.message_dict) == ["year"]


# Warnings to administrators


def notices(user):
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_missing_next_year_warns_every_active_administrator_once_from_november(
    today_is, administrator, second_administrator, retired_administrator, others
):
    today_is(D(2026, 11, 2))
    assert calendar_warn_missing_years() == 2
    assert calendar_warn_missing_years() == 0

    for admin in (administrator, second_administrator):
        assert notices(admin) == ["2027年工作日历尚未录入"]
    notice = Notification.objects.get(recipient=administrator)
    assert "系统管理 → 工作日历年度" in notice.body
    assert notice.url == "/admin/office/calendaryear/add/?year=2027"
    assert notices(retired_administrator) == []
    for person in others:
        assert notices(person) == []


def test_next_year_is_not_missing_before_the_state_council_publishes_it(today_is, administrator):
    today_is(D(2026, 10, 31))
    assert calendar_warn_missing_years() == 0
    assert calendar_warnings() == []


def test_a_missing_current_year_is_warned_at_any_time_of_year(today_is, administrator):
    today_is(D(2027, 3, 1))
    assert calendar_warn_missing_years() == 1
    assert notices(administrator) == ["2027年工作日历尚未录入"]
    assert calendar_warnings() == [WARNING_2027]


def test_adding_the_year_silences_the_warnings(today_is, administrator):
    today_is(D(2026, 11, 2))
    assert calendar_warnings() == [WARNING_2027]
    CalendarYear.objects.create(year=2027)
    assert calendar_warnings() == []
    assert calendar_warn_missing_years() == 0


def test_the_task_warns_through_the_service(today_is, administrator):
    today_is(D(2026, 11, 2))
    assert calendar_warn_task.name == "office.tasks.calendar_warn_missing_years"
    calendar_warn_task.delay()
    assert notices(administrator) == ["2027年工作日历尚未录入"]


def test_a_provisional_deadline_is_noted_to_administrators_once_per_year(
    administrator, others, django_assert_max_num_queries
):
    assert calendar_note_provisional_deadline(year=2027) == 1
    # Repeated for every later provisional deadline: one query for the coverage, one for the people.
    with django_assert_max_num_queries(2):
        assert calendar_note_provisional_deadline(year=2027) == 0
    assert notices(administrator) == ["有期限落在2027年，该年工作日历尚未录入"]
    for person in others:
        assert notices(person) == []


def test_a_deadline_in_a_covered_year_is_not_noted(administrator):
    assert calendar_note_provisional_deadline(year=2026) == 0
    assert notices(administrator) == []


# The admin pages


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def year_form(year, *days):
    data = {
        "year": str(year),
        "source": CalendarSource.MANUAL,
        "note": "国务院办公厅通知",
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, (day, is_workday, name) in enumerate(days):
        data[f"days-{i}-date"] = day
        data[f"days-{i}-name"] = name
        if is_workday:
            data[f"days-{i}-is_workday"] = "on"
    return data


def test_administrator_adds_a_year_in_the_admin_and_deadlines_follow_it(admin_client):
    assert add_working_days(D(2026, 12, 28), 10) == (D(2027, 1, 11), True)
    response = admin_client.post(
        "/admin/office/calendaryear/add/",
        year_form(2027, ("2027-01-01", False, "元旦"), ("2027-02-06", True, "调休上班")),
    )
    assert response.status_code == 302, response.content.decode()
    assert day_rows(2027) == [(D(2027, 1, 1), False, "元旦"), (D(2027, 2, 6), True, "调休上班")]
    assert add_working_days(D(2026, 12, 28), 10) == (D(2027, 1, 12), False)


def test_admin_refuses_a_day_outside_the_year_on_the_add_page(admin_client):
    response = admin_client.post("/admin/office/calendaryear/add/", year_form(2027, ("2028-01-01", False, "元旦")))
    assert response.status_code == 200
    assert "日期不在2027年内。" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_admin_refuses_a_weekday_marked_as_make_up_workday(admin_client):
    # 2027-02-08 is a Monday.
    response = admin_client.post("/admin/office/calendaryear/add/", year_form(2027, ("2027-02-08", True, "调休上班")))
    assert response.status_code == 200
    assert "本来就上班，不必登记为调休上班日" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_admin_year_page_shows_days_in_order_with_their_weekday(admin_client):
    year = CalendarYear.objects.get(year=2025)
    content = admin_client.get(f"/admin/office/calendaryear/{year.pk}/change/").content.decode()
    assert content.index("2025-09-28") < content.index("2025-10-01") < content.index("2025-10-11")
    assert "星期日" in content


def test_admin_index_shows_the_missing_year(admin_client, today_is):
    today_is(D(2026, 11, 2))
    content = admin_client.get("/admin/").content.decode()
    assert 'class="messagelist calendar-warnings"' in content
    assert WARNING_2027 in content

    CalendarYear.objects.create(year=2027)
    assert WARNING_2027 not in admin_client.get("/admin/").content.decode()
