import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from office.choices import SupervisionStatus
from office.models import SupervisedItem
from tests.factories import SupervisedItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(clerk, handler):
    return SupervisedItemFactory(
        title="完成水资源公报编制",
        responsible=handler,
        owner_department=handler.department,
        created_by=clerk,
        start_date=datetime.date(2025, 10, 9),
        deadline=datetime.date(2025, 10, 31),
    )


def as_user(client, user):
    client.force_login(user)
    return client


class TestAccess:
    @pytest.mark.parametrize("name", ["supervision:list", "supervision:create", "home", "notifications:list"])
    def test_anonymous_is_sent_to_login(self, client, name):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("handler", 200), ("clerk", 200), ("leader", 200), ("other_handler", 404), ("outsider", 404)],
    )
    def test_who_sees_an_item(self, client, request, item, persona, status):
        response = as_user(client, request.getfixturevalue(persona)).get(reverse("supervision:detail", args=[item.pk]))
        assert response.status_code == status
        if status == 200:
            assert "完成水资源公报编制" in response.text

    @pytest.mark.parametrize(
        ("persona", "status"), [("clerk", 200), ("leader", 200), ("handler", 403), ("planning_head", 403)]
    )
    def test_who_may_open_items(self, client, request, persona, status):
        response = as_user(client, request.getfixturevalue(persona)).get(reverse("supervision:create"))
        assert response.status_code == status

    def test_the_detail_offers_only_allowed_actions(self, client, item, handler, clerk):
        page = as_user(client, handler).get(reverse("supervision:detail", args=[item.pk])).text
        assert reverse("supervision:action", args=[item.pk, "complete"]) in page
        assert reverse("supervision:action", args=[item.pk, "urge"]) not in page
        page = as_user(client, clerk).get(reverse("supervision:detail", args=[item.pk])).text
        assert reverse("supervision:action", args=[item.pk, "urge"]) in page


class TestOpenPage:
    def test_the_clerk_opens_an_item(self, client, clerk, handler):
        response = as_user(client, clerk).post(
            reverse("supervision:create"),
            {
                "title": "报送节水型机关建设材料",
                "category": "document",
                "owner_department": handler.department_id,
                "responsible": handler.pk,
                "start_date": "2025-09-30",
                "working_days": "1",
            },
        )
        item = SupervisedItem.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("supervision:detail", args=[item.pk])
        assert item.deadline == datetime.date(2025, 10, 9)

    def test_bad_input_is_shown_on_the_field_in_chinese(self, client, clerk, handler, other_dept):
        response = as_user(client, clerk).post(
            reverse("supervision:create"),
            {
                "title": "",
                "category": "document",
                "owner_department": other_dept.pk,
                "responsible": handler.pk,
                "working_days": "1",
            },
        )
        assert response.status_code == 200
        assert "督办事项：该字段是必填项。" in response.text
        assert not SupervisedItem.objects.exists()

    def test_a_rule_of_the_service_is_shown_on_its_field(self, client, clerk, handler, other_dept):
        response = as_user(client, clerk).post(
            reverse("supervision:create"),
            {
                "title": "报送材料",
                "category": "document",
                "owner_department": other_dept.pk,
                "responsible": handler.pk,
                "working_days": "1",
            },
        )
        assert "责任人：责任人须为承办科室（河湖管理科）的人员。" in response.text
        assert not SupervisedItem.objects.exists()


class TestActions:
    def url(self, item, action):
        return reverse("supervision:action", args=[item.pk, action])

    def test_the_handler_completes(self, client, item, handler):
        response = as_user(client, handler).post(self.url(item, "complete"), {"complete-note": "已编制完成"})
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.status == SupervisionStatus.COMPLETED
        assert item.history.first().history_user == handler

    def test_missing_note_is_a_400_with_the_field(self, client, item, handler):
        response = as_user(client, handler).post(self.url(item, "complete"), {"complete-note": ""})
        assert response.status_code == 400
        assert "办结情况：该字段是必填项。" in response.text

    def test_a_future_completion_date_is_refused_on_its_field(self, client, item, handler):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = as_user(client, handler).post(
            self.url(item, "complete"), {"complete-note": "完成", "complete-completed_on": tomorrow.isoformat()}
        )
        assert response.status_code == 400
        assert "办结日期：办结日期不能晚于今天。" in response.text

    def test_a_handler_urging_is_403(self, client, item, handler):
        assert as_user(client, handler).post(self.url(item, "urge"), {}).status_code == 403

    def test_another_department_is_404(self, client, item, other_handler):
        assert (
            as_user(client, other_handler).post(self.url(item, "complete"), {"complete-note": "x"}).status_code == 404
        )

    def test_an_unknown_action_is_404(self, client, item, clerk):
        assert as_user(client, clerk).post(self.url(item, "delete"), {}).status_code == 404

    def test_get_is_not_allowed(self, client, item, clerk):
        assert as_user(client, clerk).get(self.url(item, "urge")).status_code == 405


class TestLists:
    def count(self, client, url):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    @pytest.mark.parametrize("name", ["supervision:list", "home"])
    def test_query_count_is_flat(self, client, clerk, handler, name):
        as_user(client, handler)
        make = SupervisedItemFactory.create_batch
        make(2, responsible=handler, owner_department=handler.department, created_by=clerk)
        client.get(reverse(name))
        small = self.count(client, reverse(name))
        make(20, responsible=handler, owner_department=handler.department, created_by=clerk)
        assert self.count(client, reverse(name)) == small

    def test_the_home_page_lists_overdue_first(self, client, clerk, handler):
        today = timezone.localdate()
        later = SupervisedItemFactory(
            title="以后到期",
            responsible=handler,
            owner_department=handler.department,
            created_by=clerk,
            start_date=today,
            deadline=today + datetime.timedelta(days=30),
        )
        late = SupervisedItemFactory(
            title="已经逾期",
            responsible=handler,
            owner_department=handler.department,
            created_by=clerk,
            start_date=today - datetime.timedelta(days=30),
            deadline=today - datetime.timedelta(days=2),
        )
        response = as_user(client, handler).get(reverse("home"))
        assert [i.pk for i in response.context["items"]] == [late.pk, later.pk]
        assert response.context["counts"] == {"total": 2, "overdue": 1}
        assert response.text.index("已经逾期") < response.text.index("以后到期")

    def test_list_filters_by_phase(self, client, clerk, handler, item):
        response = as_user(client, clerk).get(reverse("supervision:list"), {"phase": "overdue"})
        assert [i.pk for i in response.context["page"]] == [item.pk]
        response = client.get(reverse("supervision:list"), {"phase": "completed"})
        assert list(response.context["page"]) == []


class TestNotifications:
    def test_opening_a_notification_marks_it_read_and_follows_the_link(self, client, handler, item):
        from office.services.notifications import notification_send

        note = notification_send(recipient=handler, title="催办", url=f"/supervision/{item.pk}/")
        response = as_user(client, handler).get(reverse("notifications:open", args=[note.pk]))
        assert response.status_code == 302
        assert response.url == f"/supervision/{item.pk}/"
        note.refresh_from_db()
        assert note.read_at is not None

    def test_someone_elses_notification_is_404(self, client, handler, other_handler):
        from office.services.notifications import notification_send

        note = notification_send(recipient=handler, title="催办")
        assert as_user(client, other_handler).get(reverse("notifications:open", args=[note.pk])).status_code == 404


class TestPersonalData:
    def test_a_colleagues_phone_is_masked(self, client, item, planning_head):
        page = as_user(client, planning_head).get(reverse("supervision:detail", args=[item.pk])).text
        assert "138****5678" in page
        assert "13812345678" not in page

    def test_the_person_sees_their_own_full_phone(self, client, item, handler):
        page = as_user(client, handler).get(reverse("supervision:detail", args=[item.pk])).text
        assert "13812345678" in page

    def test_hr_sees_a_colleagues_full_phone(self, client, hr, clerk):
        from tests.factories import UserFactory

        colleague = UserFactory(department=hr.department, phone="13900001111")
        item = SupervisedItemFactory(responsible=colleague, owner_department=hr.department, created_by=clerk)
        page = as_user(client, hr).get(reverse("supervision:detail", args=[item.pk])).text
        assert "13900001111" in page


def test_the_history_shows_what_changed_in_words(client, item, clerk, other_handler):
    from office.services import supervision as services

    services.supervised_item_reassign(
        actor=clerk, item=item, responsible=other_handler, owner_department=other_handler.department
    )
    response = as_user(client, clerk).get(reverse("supervision:detail", args=[item.pk]))
    assert "承办科室：规划科 → 河湖管理科" in response.text
    assert "责任人：李承办 → 周承办" in response.text


def test_the_home_page_lists_documents_waiting_for_the_clerk(client, clerk):
    from tests.documents.factories import IncomingFactory

    document = IncomingFactory()
    response = as_user(client, clerk).get(reverse("home"))
    assert response.status_code == 200
    assert document.pk in [doc.pk for doc in response.context["home_blocks"][0]["context"]["documents"]]
    assert document.sender in response.text
