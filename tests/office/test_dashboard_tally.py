"""The dashboard's tally (office.models.SupervisionTally), kept by PostgreSQL triggers: it equals a
live GROUP BY of the items after every kind of write, and the dashboard's figures read from it
equal the figures counted from the items, whatever day it is."""

import datetime
import itertools

import pytest
from django.db import connection
from django.db.models import Case, Count, F, Value, When
from django.db.models.functions import TruncMonth
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from office.choices import SupervisionStatus
from office.models import SupervisedItem, SupervisionTally
from office.selectors import dashboard_figures, dashboard_years, due_soon_limit
from office.services import supervision as services
from tests.access import assert_flat_queries
from tests.factories import DepartmentFactory, SupervisedItemFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the tally is kept by PostgreSQL triggers"),
]

d = datetime.date
ON_TIME = Case(
    When(status=SupervisionStatus.COMPLETED, completed_on__lte=F("deadline"), then=Value(True)), default=Value(False)
)


def counted():
    """The tally as a GROUP BY of the items would give it."""
    rows = (
        SupervisedItem.objects.annotate(month=TruncMonth("deadline"), on_time=ON_TIME)
        .values("owner_department_id", "category", "month", "status", "on_time")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(r["owner_department_id"], r["category"], r["month"], r["status"], r["on_time"]): r["n"] for r in rows}


def kept():
    """The tally the triggers keep (rows that fell to zero may stay)."""
    rows = SupervisionTally.objects.exclude(count=0).values_list(
        "owner_department_id", "category", "month", "status", "on_time", "count"
    )
    return {tuple(r[:5]): r[5] for r in rows}


def item(dept, person, clerk, deadline, **kwargs):
    completed = kwargs.get("status") == SupervisionStatus.COMPLETED
    defaults = {
        "owner_department": dept,
        "responsible": person,
        "created_by": clerk,
        "start_date": d(2023, 1, 2),
        "deadline": deadline,
        "completed_at": datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC) if completed else None,
    }
    return SupervisedItemFactory.build(**{**defaults, **kwargs})


class TestTheTallyFollowsEveryWrite:
    def test_opening_completing_voiding_and_reassigning_through_the_services(self, clerk, handler, other_handler):
        opened = services.supervised_item_open(
            actor=clerk,
            title="汛前检查",
            category="special",
            owner_department=handler.department,
            responsible=handler,
            start_date=d(2025, 3, 3),
            deadline=d(2025, 3, 31),
        )
        key = (handler.department.pk, "special", d(2025, 3, 1))
        assert kept() == {(*key, "open", False): 1} == counted()

        services.supervised_item_complete(actor=clerk, item=opened, note="已完成", completed_on=d(2025, 3, 28))
        assert kept() == {(*key, "completed", True): 1} == counted()

        services.supervised_item_reopen(actor=clerk, item=opened, reason="材料不全")
        services.supervised_item_complete(actor=clerk, item=opened, note="补齐", completed_on=d(2025, 4, 2))
        assert kept() == {(*key, "completed", False): 1} == counted()

        second = services.supervised_item_open(
            actor=clerk,
            title="河湖巡查",
            category="meeting",
            owner_department=handler.department,
            responsible=handler,
            start_date=d(2025, 5, 6),
            deadline=d(2025, 6, 30),
        )
        services.supervised_item_reassign(
            actor=clerk, item=second, responsible=other_handler, owner_department=other_handler.department
        )
        assert kept()[(other_handler.department.pk, "meeting", d(2025, 6, 1), "open", False)] == 1
        assert kept() == counted()

        services.supervised_item_void(actor=clerk, item=second, reason="重复立项")
        assert kept()[(other_handler.department.pk, "meeting", d(2025, 6, 1), "voided", False)] == 1
        assert kept() == counted()

    def test_saves_updates_of_many_rows_bulk_creates_and_deletes(self, clerk, handler, other_handler):
        planning, rivers = handler.department, other_handler.department
        SupervisedItem.objects.bulk_create(
            [
                item(planning, handler, clerk, d(2024, 12, 31)),
                item(planning, handler, clerk, d(2025, 1, 1), category="meeting"),
                item(rivers, other_handler, clerk, d(2025, 1, 31)),
                item(
                    rivers,
                    other_handler,
                    clerk,
                    d(2025, 2, 28),
                    status=SupervisionStatus.COMPLETED,
                    completed_on=d(2025, 2, 28),  # on the deadline: on time
                ),
            ]
        )
        assert sum(kept().values()) == 4 and kept() == counted()

        one = SupervisedItem.objects.get(deadline=d(2024, 12, 31))
        one.deadline = d(2025, 1, 15)  # another month and another year
        one.category = "instruction"
        one.save()
        assert kept() == counted()

        one.owner_department = rivers
        one.responsible = other_handler
        one.save(update_fields=["owner_department", "responsible"])
        assert kept() == counted()

        # One statement moving several items between keys, and one changing nothing counted.
        SupervisedItem.objects.filter(deadline__year=2025, status="open").update(deadline=d(2025, 3, 10))
        SupervisedItem.objects.update(title="改名")
        assert kept() == counted()
        assert kept()[(rivers.pk, "special", d(2025, 3, 1), "open", False)] == 1

        # Completed late by a bulk update: the key's on_time turns false.
        SupervisedItem.objects.filter(status="completed").update(completed_on=d(2025, 3, 1))
        assert kept()[(rivers.pk, "special", d(2025, 2, 1), "completed", False)] == 1
        assert kept() == counted()

        SupervisedItem.objects.filter(owner_department=rivers).delete()
        assert kept() == counted() == {(planning.pk, "meeting", d(2025, 3, 1), "open", False): 1}
        SupervisedItem.objects.all().delete()
        assert kept() == counted() == {}

    def test_a_truncate_of_the_items_empties_the_tally(self, clerk, handler):
        SupervisedItem.objects.bulk_create([item(handler.department, handler, clerk, d(2025, 4, 30))])
        assert kept()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's transaction checks Django's FKs now
            cursor.execute("TRUNCATE office_superviseditem CASCADE")
        assert kept() == counted() == {}

    def test_the_migration_backfill_counts_existing_items(self, clerk, handler):
        from importlib import import_module

        SupervisedItem.objects.bulk_create([item(handler.department, handler, clerk, d(2025, m, 3)) for m in (1, 1, 5)])
        SupervisionTally.objects.update(count=99)  # wrong on purpose: the backfill starts afresh
        backfill = import_module("office.migrations.0017_supervision_tally").BACKFILL
        with connection.cursor() as cursor:
            cursor.execute(backfill)
        assert kept() == counted()
        assert kept()[(handler.department.pk, "special", d(2025, 1, 1), "open", False)] == 2


@pytest.fixture
def spread(clerk, handler, other_handler):
    """Items over five years, on the days where a figure changes with the day: the first and last
    of months, the days around the three "today"s the tests use and their due-soon limits."""
    third = DepartmentFactory(name="水保科", code="soil")
    people = [handler, other_handler, UserFactory(department=third)]
    days = {d(2023, 6, 15), d(2024, 2, 29), d(2024, 12, 31), d(2027, 1, 4)}
    for year, month in itertools.product((2025, 2026), range(1, 13)):
        first = d(year, month, 1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        days |= {first, first + datetime.timedelta(days=14), last}
    for today in TODAYS:
        soon = due_soon_limit(today)
        days |= {today + datetime.timedelta(days=n) for n in range(-2, (soon - today).days + 3)}
    statuses = itertools.cycle(["open", "open", "completed", "open", "voided", "completed"])
    categories = itertools.cycle(["special", "instruction", "meeting", "proposal", "document"])
    items = []
    for n, deadline in enumerate(sorted(days)):
        for person in people[: 1 + n % 3]:
            status = next(statuses)
            done = {}
            if status == "completed":
                late = n % 2
                done = {"completed_on": deadline + datetime.timedelta(days=3 if late else -1)}
            items.append(
                item(person.department, person, clerk, deadline, category=next(categories), status=status, **done)
            )
    SupervisedItem.objects.bulk_create(items)
    return items


TODAYS = [
    d(2025, 11, 3),  # a Monday: due soon to Thursday, within the month
    d(2025, 10, 29),  # due soon crosses the month's end
    d(2025, 12, 30),  # due soon crosses the year's end
    d(2026, 1, 1),  # the first day of a month and of a year
]


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_figures_from_the_tally_equal_the_figures_counted_from_the_items(spread, today):
    for year in dashboard_years(today):
        tallied = dashboard_figures(year=year, today=today)
        counted_ = dashboard_figures(year=year, today=today, live=True)
        assert tallied == counted_, year
    current = dashboard_figures(year=today.year, today=today)["totals"]
    # Every figure has items in it: equal zeros would prove nothing.
    assert all(current[key] for key in ("total", "open", "due_soon", "overdue", "completed", "on_time", "late"))
    assert current["carried_over"]


def test_the_figures_are_summed_from_the_tally(spread):
    with CaptureQueriesContext(connection) as queries:
        dashboard_figures(year=2025, today=d(2025, 11, 3))
    (grouped,) = [q["sql"] for q in queries.captured_queries if "office_supervisiontally" in q["sql"]]
    assert "GROUP BY" in grouped
    # A wrong tally shows on the dashboard: the figures come from it, not from the items.
    SupervisionTally.objects.filter(month=d(2025, 3, 1), status="completed").update(count=1000)
    assert dashboard_figures(year=2025, today=d(2025, 11, 3)) != dashboard_figures(
        year=2025, today=d(2025, 11, 3), live=True
    )


def test_the_dashboard_page_costs_the_same_queries_with_more_items(client, leader, clerk, handler, other_handler):
    client.force_login(leader)
    today = timezone.localdate()
    # Today, a month before (this year or carried over), a year before (carried over), the year's end.
    deadlines = itertools.cycle(
        [today, today - datetime.timedelta(days=40), d(today.year - 1, 5, 1), d(today.year, 12, 31)]
    )

    def add_rows(n):
        people = itertools.cycle([handler, other_handler])
        SupervisedItem.objects.bulk_create(
            [
                item(person.department, person, clerk, next(deadlines), category=category)
                for person, category, _ in zip(people, itertools.cycle(["special", "meeting"]), range(n), strict=False)
            ]
        )

    response = assert_flat_queries(client, reverse("dashboard"), add_rows)
    assert response.context["totals"]["total"] == 20
