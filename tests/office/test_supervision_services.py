import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from office.choices import SupervisionEventKind, SupervisionStatus
from office.models import Notification, SupervisedItem
from office.services import supervision as services
from tests.factories import SupervisedItemFactory

pytestmark = pytest.mark.django_db


def open_item(actor, responsible, **kwargs):
    defaults = {
        "title": "完成防汛物资盘点",
        "category": "special",
        "owner_department": responsible.department,
        "responsible": responsible,
        "start_date": datetime.date(2025, 9, 30),
        "working_days": 5,
    }
    defaults.update(kwargs)
    return services.supervised_item_open(actor=actor, **defaults)


@pytest.fixture
def item(clerk, handler):
    return open_item(clerk, handler)


class TestOpen:
    def test_working_days_skip_the_national_day_holiday(self, clerk, handler):
        item = open_item(clerk, handler, start_date=datetime.date(2025, 9, 30), working_days=1)
        # 10-01..10-08 are the 2025 National Day and Mid-Autumn holiday.
        assert item.deadline == datetime.date(2025, 10, 9)
        assert item.deadline_working_days == 1
        assert item.deadline_provisional is False

    def test_a_deadline_in_a_year_without_calendar_is_provisional_and_warns_the_administrator(
        self, clerk, handler, administrator
    ):
        item = open_item(clerk, handler, start_date=datetime.date(2026, 12, 28), working_days=10)
        assert item.deadline.year == 2027
        assert item.deadline_provisional is True
        assert Notification.objects.filter(recipient=administrator, title__contains="2027").count() == 1
        assert not Notification.objects.filter(recipient=handler, title__contains="2027年").exists()

    def test_an_explicit_date_is_kept(self, clerk, handler):
        item = open_item(clerk, handler, working_days=None, deadline=datetime.date(2025, 10, 31))
        assert item.deadline == datetime.date(2025, 10, 31)
        assert item.deadline_working_days is None

    def test_the_responsible_person_is_notified_by_app_and_email(
        self, clerk, handler, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            item = open_item(clerk, handler)
        note = Notification.objects.get(recipient=handler)
        assert item.title in note.title
        assert note.url == f"/supervision/{item.pk}/"
        assert mail.outbox[-1].to == [handler.email]

    def test_records_the_opening_event_and_history_with_the_actor(self, clerk, handler):
        item = open_item(clerk, handler)
        assert [e.kind for e in item.events.all()] == [SupervisionEventKind.OPENED]
        record = item.history.get()
        assert record.history_user == clerk
        assert record.history_change_reason == "立项"

    def test_a_handler_may_not_open_items(self, handler):
        with pytest.raises(PermissionDenied):
            open_item(handler, handler)
        assert not SupervisedItem.objects.exists()

    def test_another_app_opens_items_for_its_own_records(self, handler, planning):
        # An app whose action the handler was allowed to take opens the item on its behalf.
        item = open_item(handler, handler, source=planning)
        assert item.source == planning
        assert list(services.supervised_items_for_source(planning)) == [item]

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"working_days": None}, "deadline"),
            ({"deadline": datetime.date(2025, 10, 31)}, "deadline"),
            ({"working_days": 0}, "working_days"),
            ({"title": "  "}, "title"),
            ({"category": "nonsense"}, "category"),
            # before the start: named on the field, not by the database constraint's name
            ({"working_days": None, "deadline": datetime.date(2025, 9, 1)}, "deadline"),
        ],
    )
    def test_bad_input_names_the_field_and_writes_nothing(self, clerk, handler, changes, field):
        with pytest.raises(ValidationError) as error:
            open_item(clerk, handler, **changes)
        assert field in error.value.message_dict
        assert all(message for message in error.value.message_dict[field])
        assert not SupervisedItem.objects.exists()
        assert not Notification.objects.exists()

    def test_the_responsible_person_must_belong_to_the_owner_department(self, clerk, handler, other_dept):
        with pytest.raises(ValidationError) as error:
            open_item(clerk, handler, owner_department=other_dept)
        assert "河湖管理科" in error.value.message_dict["responsible"][0]

    def test_a_disabled_person_cannot_be_responsible(self, clerk, handler):
        handler.is_active = False
        handler.save()
        with pytest.raises(ValidationError) as error:
            open_item(clerk, handler)
        assert "停用" in error.value.message_dict["responsible"][0]


class TestProgressAndUrging:
    def test_the_responsible_person_reports_progress(self, item, handler, clerk):
        services.supervised_item_report_progress(actor=handler, item=item, text="已完成一半")
        assert item.events.filter(kind=SupervisionEventKind.PROGRESS, text="已完成一半").exists()
        assert Notification.objects.filter(recipient=clerk, title__contains="新反馈").exists()

    def test_a_colleague_of_the_department_reports_progress(self, item, planning_head):
        services.supervised_item_report_progress(actor=planning_head, item=item, text="科室已研究")
        assert item.events.filter(kind=SupervisionEventKind.PROGRESS).count() == 1

    def test_another_department_may_not_report(self, item, other_handler):
        with pytest.raises(PermissionDenied):
            services.supervised_item_report_progress(actor=other_handler, item=item, text="越权")

    def test_progress_needs_text(self, item, handler):
        with pytest.raises(ValidationError) as error:
            services.supervised_item_report_progress(actor=handler, item=item, text=" ")
        assert "反馈内容" in error.value.message_dict["text"][0]

    def test_urging_tells_the_responsible_person_and_the_department_head(self, item, clerk, handler, planning_head):
        services.supervised_item_urge(actor=clerk, item=item, text="请本周内反馈")
        item.refresh_from_db()
        assert item.last_urged_at is not None
        for person in (handler, planning_head):
            assert Notification.objects.filter(recipient=person, title__startswith="催办").exists()

    def test_a_handler_may_not_urge(self, item, handler):
        with pytest.raises(PermissionDenied):
            services.supervised_item_urge(actor=handler, item=item)


class TestCompletion:
    def test_completing_on_time(self, item, handler):
        services.supervised_item_complete(actor=handler, item=item, note="已盘点完毕", completed_on=item.deadline)
        item.refresh_from_db()
        assert item.status == SupervisionStatus.COMPLETED
        assert item.completed_by == handler
        assert item.completed_on_time is True
        assert item.history.first().history_change_reason == "办结"

    def test_completing_late(self, item, handler):
        services.supervised_item_complete(
            actor=handler, item=item, note="延期完成", completed_on=item.deadline + datetime.timedelta(days=3)
        )
        item.refresh_from_db()
        assert item.completed_on_time is False

    def test_completing_twice_is_refused_with_the_state(self, item, handler):
        services.supervised_item_complete(actor=handler, item=item, note="完成")
        with pytest.raises(ValidationError) as error:
            services.supervised_item_complete(actor=handler, item=item, note="又完成")
        assert "已办结" in error.value.message_dict["status"][0]

    def test_another_department_may_not_complete(self, item, other_handler):
        with pytest.raises(PermissionDenied):
            services.supervised_item_complete(actor=other_handler, item=item, note="完成")

    @pytest.mark.parametrize(
        ("completed_on", "message"),
        [(datetime.date(2025, 9, 1), "早于交办日期"), (timezone.localdate() + datetime.timedelta(days=2), "晚于今天")],
    )
    def test_completion_date_must_be_plausible(self, item, handler, completed_on, message):
        with pytest.raises(ValidationError) as error:
            services.supervised_item_complete(actor=handler, item=item, note="完成", completed_on=completed_on)
        assert message in error.value.message_dict["completed_on"][0]
        item.refresh_from_db()
        assert item.status == SupervisionStatus.OPEN

    def test_the_office_reopens_a_completed_item(self, item, handler, clerk):
        services.supervised_item_complete(actor=handler, item=item, note="完成")
        services.supervised_item_reopen(actor=clerk, item=item, reason="材料不全")
        item.refresh_from_db()
        assert item.status == SupervisionStatus.OPEN
        assert item.completed_on is None
        assert Notification.objects.filter(recipient=handler, title__contains="重新办理").exists()

    def test_a_handler_may_not_reopen(self, item, handler):
        services.supervised_item_complete(actor=handler, item=item, note="完成")
        with pytest.raises(PermissionDenied):
            services.supervised_item_reopen(actor=handler, item=item, reason="想改")

    def test_reopening_an_open_item_is_refused(self, item, clerk):
        with pytest.raises(ValidationError) as error:
            services.supervised_item_reopen(actor=clerk, item=item, reason="x")
        assert "status" in error.value.message_dict

    def test_voiding_keeps_the_record_with_the_reason(self, item, clerk):
        services.supervised_item_void(actor=clerk, item=item, reason="重复立项")
        item.refresh_from_db()
        assert item.status == SupervisionStatus.VOIDED
        assert item.void_reason == "重复立项"
        assert SupervisedItem.objects.filter(pk=item.pk).exists()

    def test_completing_the_items_of_a_finished_record(self, clerk, handler, planning):
        first = open_item(clerk, handler, source=planning)
        open_item(clerk, handler, source=planning, title="第二项")
        assert services.supervised_items_complete_for_source(actor=handler, source=planning, note="文件办结") == 2
        first.refresh_from_db()
        assert first.status == SupervisionStatus.COMPLETED


class TestReassign:
    def test_the_department_head_gives_the_item_to_a_colleague(self, item, planning_head, planning):
        from tests.factories import UserFactory

        colleague = UserFactory(department=planning)
        services.supervised_item_reassign(actor=planning_head, item=item, responsible=colleague)
        item.refresh_from_db()
        assert item.responsible == colleague

    def test_the_department_head_may_not_move_it_to_another_department(self, item, planning_head, other_handler):
        with pytest.raises(PermissionDenied):
            services.supervised_item_reassign(
                actor=planning_head, item=item, responsible=other_handler, owner_department=other_handler.department
            )

    def test_the_office_moves_it_to_another_department(self, item, clerk, other_handler):
        services.supervised_item_reassign(
            actor=clerk, item=item, responsible=other_handler, owner_department=other_handler.department
        )
        item.refresh_from_db()
        assert item.owner_department == other_handler.department


class TestReminders:
    def test_due_soon_and_overdue_items_are_reminded_once_a_day(self, handler, planning_head, clerk):
        today = datetime.date(2025, 11, 3)  # a Monday
        due = SupervisedItemFactory(
            responsible=handler,
            owner_department=handler.department,
            created_by=clerk,
            start_date=datetime.date(2025, 10, 20),
            deadline=datetime.date(2025, 11, 5),
        )
        late = SupervisedItemFactory(
            responsible=handler,
            owner_department=handler.department,
            created_by=clerk,
            start_date=datetime.date(2025, 10, 1),
            deadline=datetime.date(2025, 10, 31),
        )
        far = SupervisedItemFactory(
            responsible=handler,
            owner_department=handler.department,
            created_by=clerk,
            start_date=datetime.date(2025, 10, 1),
            deadline=datetime.date(2025, 12, 31),
        )
        sent = services.supervision_send_reminders(today=today)
        assert sent == {"due_soon": 1, "overdue": 2}  # the overdue one also goes to the head
        assert Notification.objects.filter(recipient=handler, url=f"/supervision/{due.pk}/").count() == 1
        assert Notification.objects.filter(recipient=planning_head, url=f"/supervision/{late.pk}/").count() == 1
        assert not Notification.objects.filter(url=f"/supervision/{far.pk}/").exists()
        assert "逾期 3 天" in Notification.objects.get(recipient=handler, url=f"/supervision/{late.pk}/").title

        assert services.supervision_send_reminders(today=today) == {"due_soon": 0, "overdue": 0}
        assert services.supervision_send_reminders(today=today + datetime.timedelta(days=1))["overdue"] == 2


def test_a_deadline_before_the_start_is_refused_naming_the_field(clerk, handler):
    with pytest.raises(ValidationError) as error:
        services.supervised_item_open(
            actor=clerk,
            title="时限倒置",
            category="special",
            owner_department=handler.department,
            responsible=handler,
            start_date=datetime.date(2026, 3, 10),
            deadline=datetime.date(2026, 3, 1),
        )
    assert "交办日期" in error.value.message_dict["deadline"][0]


def test_a_title_of_200_characters_still_opens_and_notifies(clerk, handler):
    from office.models import Notification

    title = "长" * 200
    item = services.supervised_item_open(
        actor=clerk,
        title=title,
        category="special",
        owner_department=handler.department,
        responsible=handler,
        start_date=datetime.date(2026, 3, 2),
        deadline=datetime.date(2026, 3, 20),
    )
    note = Notification.objects.get(recipient=handler)
    assert item.title == title and len(note.title) == 200 and note.title.endswith("…")
