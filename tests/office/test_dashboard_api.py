"""The dashboard through the API (/api/v1/supervision/dashboard/): the page's figures, for the
roles that may see the page, a 400 naming `year` for a bad year, and a flat query count."""

import datetime

import pytest
from django.utils import timezone

from office.selectors import dashboard_figures
from tests.access import api_client as _api
from tests.access import assert_flat_queries

from .test_dashboard import make

pytestmark = pytest.mark.django_db
URL = "/api/v1/supervision/dashboard/"


def test_the_figures_are_the_page_s(leader, clerk, handler, other_handler):
    today = timezone.localdate()
    year = today.year
    make(handler.department, handler, clerk, deadline=today - datetime.timedelta(days=3))
    make(handler.department, handler, clerk, deadline=today + datetime.timedelta(days=30))
    make(
        other_handler.department, other_handler, clerk, deadline=datetime.date(year, 1, 10),
        status="completed", completed_on=datetime.date(year, 1, 9),
    )  # fmt: skip
    response = _api(leader).get(URL, {"year": year})
    assert response.status_code == 200
    data = response.data
    figures = dashboard_figures(year=year, today=today)
    assert data["year"] == year and year in data["years"]
    assert data["totals"]["total"] == figures["totals"]["total"] == 3
    assert data["totals"]["overdue"] == 1 and data["totals"]["on_time"] == 1
    assert {row["name"]: row["total"] for row in data["departments"]} == {
        row["name"]: row["total"] for row in figures["departments"]
    }
    assert [row["id"] for row in data["overdue"]] == [item.pk for item in figures["overdue"]]
    assert data["overdue"][0]["days_overdue"] == 3


def test_the_office_may_see_it_and_a_handler_may_not(clerk, handler):
    assert _api(clerk).get(URL).status_code == 200
    response = _api(handler).get(URL)
    assert response.status_code == 403
    assert "督办看板" in str(response.data)
    assert _api().get(URL).status_code in (401, 403)


@pytest.mark.parametrize("year", ["abc", "0", "20260"])
def test_a_bad_year_is_a_400_naming_it(leader, year):
    response = _api(leader).get(URL, {"year": year})
    assert response.status_code == 400
    assert "year" in response.data


def test_the_query_count_does_not_grow_with_items(leader, clerk, handler):
    today = timezone.localdate()

    def add(n):
        for k in range(n):
            make(handler.department, handler, clerk, deadline=today - datetime.timedelta(days=1 + k % 40))

    assert_flat_queries(_api(leader), URL, add)
