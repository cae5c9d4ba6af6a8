"""Discovery of every app's summary.py, through the real apps (no stand-ins)."""

import pytest

from reports import services
from reports.collect import collect, summary_modules
from reports.outline import KEYS

from .data import SPECIAL_TASKS, YEAR, special_tasks

pytestmark = pytest.mark.django_db


def test_discovery_finds_the_office_summary_and_skips_apps_without_one():
    labels = [label for label, _ in summary_modules()]
    assert "office" in labels
    assert "reports" not in labels  # reports has no summary.py of its own


def test_special_tasks_are_the_names_of_special_items_completed_in_the_year():
    special_tasks()
    [figure] = [f for f in collect(YEAR) if f.key == "office.special_tasks"]
    assert figure.names == tuple(SPECIAL_TASKS)
    assert figure.value == 3
    assert figure.url == f"/supervision/?category=special&phase=completed&completed_year={YEAR}"


def test_special_task_link_lists_exactly_the_counted_items(client, clerk):
    special_tasks()
    [figure] = [f for f in collect(YEAR) if f.key == "office.special_tasks"]
    client.force_login(clerk)
    page = client.get(figure.url).content.decode()
    for name in SPECIAL_TASKS:
        assert name in page
    assert "河长制考核" not in page and "防汛物资清查" not in page


def test_the_installed_apps_report_every_outline_key_of_theirs():
    installed = {label for label, _ in summary_modules()}
    reported = {f.key for f in collect(YEAR)}
    expected = {key for key in KEYS if key.split(".", 1)[0] in installed}
    assert expected <= reported
    # Keys outside the outline (e.g. a meeting type the summary does not name) are kept in the
    # snapshot but produce no sentence.


def test_a_real_summary_lists_the_figures_of_apps_not_installed_as_missing(clerk):
    special_tasks()
    summary = services.summary_create(actor=clerk, year=YEAR)
    missing = services.missing_for(summary)
    reported = {f["key"] for f in summary.figures if f["value"] is not None}
    assert set(missing) == set(KEYS) - reported
    assert "office.special_tasks" not in missing
    assert (
        "2025年，统筹推进并完成党纪学习教育、优化营商环境、水利年鉴编纂等3项专题任务。"
        in summary.sections.get(code="work_3").text
    )


def test_collecting_a_year_costs_the_same_queries_however_many_records(django_assert_max_num_queries):
    special_tasks()
    with django_assert_max_num_queries(len(summary_modules()) * 12):
        collect(YEAR)
    special_tasks(YEAR)  # twice the records
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        collect(YEAR)
    for _ in range(3):
        special_tasks(YEAR)
    with CaptureQueriesContext(connection) as second:
        collect(YEAR)
    assert len(first) == len(second)
