"""The leaders' dashboard on a known dataset, and its cost."""

import datetime

import pytest
from django.urls import reverse

from office.choices import SupervisionStatus
from office.selectors import dashboard_figures
from tests.factories import SupervisedItemFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 11, 3)  # a Monday; "due soon" runs to Thursday 11-06


def make(dept, person, clerk, *, deadline, category="special", status="open", completed_on=None):
    completed = status == SupervisionStatus.COMPLETED
    return SupervisedItemFactory(
        owner_department=dept,
        responsible=person,
        created_by=clerk,
        category=category,
        start_date=datetime.date(2024, 1, 2),
        deadline=deadline,
        status=status,
        completed_on=completed_on if completed else None,
        completed_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC) if completed else None,
    )


@pytest.fixture
def dataset(clerk, handler, other_handler):
    planning, rivers = handler.department, other_handler.department
    d = datetime.date
    # 规划科: 1 completed on time, 1 completed late, 1 overdue, 1 due soon, 1 open later, 1 voided.
    make(planning, handler, clerk, deadline=d(2025, 3, 31), status="completed", completed_on=d(2025, 3, 30))
    make(
        planning,
        handler,
        clerk,
        deadline=d(2025, 4, 30),
        status="completed",
        completed_on=d(2025, 5, 6),
        category="instruction",
    )
    oldest = make(planning, handler, clerk, deadline=d(2025, 6, 30), category="instruction")
    make(planning, handler, clerk, deadline=d(2025, 11, 6))
    make(planning, handler, clerk, deadline=d(2025, 12, 20))
    make(planning, handler, clerk, deadline=d(2025, 8, 1), status="voided")
    # 河湖管理科: 1 overdue (newer), 1 completed on time.
    newer = make(rivers, other_handler, clerk, deadline=d(2025, 10, 31), category="meeting")
    make(
        rivers,
        other_handler,
        clerk,
        deadline=d(2025, 2, 28),
        status="completed",
        completed_on=d(2025, 2, 1),
        category="meeting",
    )
    # Another year: must not count.
    make(planning, handler, clerk, deadline=d(2024, 12, 31), status="completed", completed_on=d(2024, 12, 1))
    make(rivers, other_handler, clerk, deadline=d(2026, 1, 31))
    return {"oldest": oldest, "newer": newer}


def test_totals_by_department_and_by_category(dataset):
    figures = dashboard_figures(year=2025, today=TODAY)
    assert figures["totals"] == {
        "total": 7,
        "open": 4,
        "in_progress": 2,
        "due_soon": 1,
        "overdue": 2,
        "completed": 3,
        "on_time": 2,
        "late": 1,
        "carried_over": 0,
        "completion_rate": 42.9,
        "on_time_rate": 28.6,
    }
    by_dept = {row["name"]: row for row in figures["departments"]}
    assert set(by_dept) == {"规划科", "河湖管理科"}
    assert by_dept["规划科"]["total"] == 5
    assert (by_dept["规划科"]["open"], by_dept["规划科"]["overdue"], by_dept["规划科"]["due_soon"]) == (3, 1, 1)
    assert (by_dept["规划科"]["on_time"], by_dept["规划科"]["late"]) == (1, 1)
    assert by_dept["规划科"]["completion_rate"] == 40.0
    assert (by_dept["河湖管理科"]["total"], by_dept["河湖管理科"]["overdue"], by_dept["河湖管理科"]["on_time"]) == (
        2,
        1,
        1,
    )
    by_category = {row["category"]: row for row in figures["categories"]}
    assert by_category["instruction"]["total"] == 2
    assert by_category["instruction"]["overdue"] == 1
    assert by_category["meeting"]["completion_rate"] == 50.0
    assert by_category["proposal"]["total"] == 0
    assert by_category["proposal"]["completion_rate"] is None


def test_the_figures_are_a_partition(dataset):
    # 办理中（未逾期） + 已逾期 + 按时办结 + 逾期办结 = 督办事项, in the totals and in every row.
    figures = dashboard_figures(year=2025, today=TODAY)
    for row in [figures["totals"], *figures["departments"], *figures["categories"]]:
        assert row["in_progress"] + row["overdue"] + row["on_time"] + row["late"] == row["total"]
        assert row["due_soon"] <= row["in_progress"]


def test_open_items_of_an_earlier_year_show_in_the_current_year(clerk, handler):
    d = datetime.date
    old = make(handler.department, handler, clerk, deadline=d(2024, 12, 20))  # still open
    make(handler.department, handler, clerk, deadline=d(2024, 6, 1), status="completed", completed_on=d(2024, 5, 1))
    current = make(handler.department, handler, clerk, deadline=d(2025, 12, 20))
    figures = dashboard_figures(year=2025, today=TODAY)
    assert figures["totals"]["total"] == 2 and figures["totals"]["carried_over"] == 1
    assert figures["totals"]["overdue"] == 1 and figures["overdue"] == [old]
    (row,) = figures["departments"]
    assert (row["total"], row["overdue"], row["in_progress"], row["carried_over"]) == (2, 1, 1, 1)
    assert current.deadline.year == 2025
    # The year it was due in still shows it too; a past year's view carries nothing over.
    past = dashboard_figures(year=2024, today=TODAY)
    assert past["totals"]["total"] == 2 and past["totals"]["carried_over"] == 0


def test_the_page_says_what_each_figure_holds(client, leader, clerk, handler):
    make(handler.department, handler, clerk, deadline=datetime.date(2024, 12, 20))
    client.force_login(leader)
    body = client.get(reverse("dashboard")).content.decode()
    assert "办理中（未逾期）" in body and "含往年结转 1 项" in body


def test_overdue_list_is_oldest_first(dataset):
    figures = dashboard_figures(year=2025, today=TODAY)
    assert figures["overdue"] == [dataset["oldest"], dataset["newer"]]
    assert figures["overdue"][0].days_overdue == 126


def test_the_query_count_does_not_grow_with_items(clerk, handler, other_handler, django_assert_num_queries):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            dashboard_figures(year=2025, today=TODAY)
        return len(ctx.captured_queries)

    make(handler.department, handler, clerk, deadline=datetime.date(2025, 6, 1))
    make(other_handler.department, other_handler, clerk, deadline=datetime.date(2025, 6, 1))
    small = count_queries()
    for n in range(30):
        person = handler if n % 2 else other_handler
        make(
            person.department,
            person,
            clerk,
            deadline=datetime.date(2025, 1 + n % 12, 1),
            status="completed" if n % 3 == 0 else "open",
            completed_on=datetime.date(2025, 1, 2),
        )
    assert count_queries() == small
    # The calendar for "due soon", one query grouped by department and category (departments,
    # categories and totals add its rows up), the departments' names, the overdue list.
    with django_assert_num_queries(4):
        dashboard_figures(year=2025, today=TODAY)


class TestDashboardPage:
    url = reverse("dashboard")

    @pytest.mark.parametrize("persona", ["leader", "clerk", "administrator"])
    def test_leaders_and_the_office_see_it(self, client, request, persona, dataset):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(self.url, {"year": 2025})
        assert response.status_code == 200
        assert "督办看板" in response.text
        assert 'id="dashboard-chart"' in response.text
        assert response.context["totals"]["total"] == 7

    @pytest.mark.parametrize("persona", ["handler", "planning_head", "hr", "outsider"])
    def test_others_are_refused(self, client, request, persona):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(self.url)
        assert response.status_code == 403
        assert "仅向局领导、办公室主任和文书开放" in response.text

    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(self.url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    def test_page_query_count_is_flat(self, client, leader, clerk, handler, django_assert_num_queries):
        client.force_login(leader)
        make(handler.department, handler, clerk, deadline=datetime.date(2025, 3, 1))
        client.get(self.url, {"year": 2025})  # warm the session and content types
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as small:
            client.get(self.url, {"year": 2025})
        for n in range(25):
            make(handler.department, handler, clerk, deadline=datetime.date(2025, 1 + n % 10, 2))
        other = UserFactory(department=handler.department)
        make(handler.department, other, clerk, deadline=datetime.date(2025, 2, 2))
        with CaptureQueriesContext(connection) as large:
            client.get(self.url, {"year": 2025})
        assert len(large.captured_queries) == len(small.captured_queries)


def test_what_waits_for_a_head_counts_the_department_and_their_own_items_once(
    clerk, handler, other_handler, planning_head
):
    from office.selectors import waiting_counts

    d = datetime.date
    planning, rivers = handler.department, other_handler.department
    make(planning, handler, clerk, deadline=d(2025, 5, 1))  # the department's, overdue
    make(planning, planning_head, clerk, deadline=d(2025, 12, 1))  # the department's and their own
    make(rivers, planning_head, clerk, deadline=d(2025, 5, 1))  # their own elsewhere, overdue
    make(rivers, other_handler, clerk, deadline=d(2025, 5, 1))  # neither
    make(planning, handler, clerk, deadline=d(2025, 5, 1), status="completed", completed_on=d(2025, 4, 1))
    assert waiting_counts(user=planning_head, today=TODAY) == {"total": 3, "overdue": 2}
    assert waiting_counts(user=handler, today=TODAY) == {"total": 1, "overdue": 1}
    assert waiting_counts(user=clerk, today=TODAY) == {"total": 0, "overdue": 0}
