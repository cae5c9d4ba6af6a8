"""The demo's office urges what every app left open past its deadline, as a real office would:
three working days after the deadline, then every four weeks, through the service."""

import datetime

import pytest
from django.utils import timezone

from office import roles
from office.demo import urge_days, urge_overdue
from office.models import Notification, SupervisedItem, SupervisionEvent
from office.services import supervision as services
from office.workdays import is_working_day
from tests.factories import SupervisedItemFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(office_dept):
    return UserFactory(username="depthead", name="陈主任", department=office_dept, roles=[roles.OFFICE_DIRECTOR])


def item_due(days_ago, **kwargs):
    today = timezone.localdate()
    return SupervisedItemFactory(
        start_date=today - datetime.timedelta(days=days_ago + 30),
        deadline=today - datetime.timedelta(days=days_ago),
        **kwargs,
    )


def test_the_schedule_is_three_working_days_after_the_deadline_then_every_four_weeks():
    days = urge_days(datetime.date(2025, 3, 31), None, datetime.date(2025, 7, 1))
    # 2025-03-31 is a Monday: three working days on is Thursday 3 April.
    assert days[0] == datetime.date(2025, 4, 3)
    assert all(28 <= (b - a).days <= 35 for a, b in zip(days, days[1:], strict=False))
    # Working days of the official calendar (a 调休 Saturday counts, a holiday does not).
    assert all(is_working_day(day) for day in days)
    # Up to the day before today, none skipped.
    assert days[-1] < datetime.date(2025, 7, 1) <= days[-1] + datetime.timedelta(days=35)
    # After an urging, the next comes four weeks on; nothing is due before today.
    assert urge_days(datetime.date(2025, 3, 31), datetime.date(2025, 6, 20), datetime.date(2025, 7, 1)) == []


def test_a_long_overdue_item_is_urged_through_the_service_backdated_and_escalated(clerk, director):
    item = item_due(200, title="推进河湖长制工作考核整改")
    added = urge_overdue()
    urgings = list(SupervisionEvent.objects.filter(item=item, kind="urged").order_by("created_at"))
    assert added == len(urgings) >= 6
    assert [e.actor for e in urgings[:2]] == [clerk, clerk]
    assert {e.actor for e in urgings[2:]} == {director}
    assert "已超过办理时限" in urgings[0].text and urgings[1].text.startswith("第二次催办")
    assert urgings[5].text.startswith("第6次催办")
    today = timezone.localdate()
    assert timezone.localdate(urgings[0].created_at) > item.deadline
    assert all(timezone.localdate(e.created_at) < today for e in urgings)
    item.refresh_from_db()
    assert item.last_urged_at == urgings[-1].created_at
    assert item.history.filter(history_change_reason="催办").count() == len(urgings)
    # The responsible person was told each time; the old notices are read, as history.
    notices = Notification.objects.filter(recipient=item.responsible, title__startswith="催办：")
    assert notices.count() == len(urgings)
    week_ago = today - datetime.timedelta(days=7)
    assert not notices.filter(created_at__date__lt=week_ago, read_at__isnull=True).exists()
    # Run again the same day: nothing more.
    assert urge_overdue() == 0


def test_items_not_overdue_finished_or_voided_or_just_urged_are_left_alone(clerk, director, leader):
    fresh = item_due(1)
    finished = item_due(90)
    services.supervised_item_complete(actor=finished.responsible, item=finished, note="已办结。")
    voided = item_due(90)
    services.supervised_item_void(actor=clerk, item=voided, reason="重复立项。")
    urged = item_due(60)
    services.supervised_item_urge(actor=clerk, item=urged, text="请抓紧办理。")
    urge_overdue()
    for item in (fresh, finished, voided):
        assert not SupervisionEvent.objects.filter(item=item, kind="urged").exists()
    assert SupervisionEvent.objects.filter(item=urged, kind="urged").count() == 1
    assert SupervisedItem.objects.get(pk=urged.pk).last_urged_at.date() == timezone.now().date()
