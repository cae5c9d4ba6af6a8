"""The documents' summary figures on a known dataset."""

import datetime
from decimal import Decimal

import pytest

from documents.choices import IncomingStatus, OutgoingStatus
from documents.models import Instruction, Proposal, PublicityItem
from documents.summary import figures

from .factories import IncomingFactory, OutgoingFactory

pytestmark = pytest.mark.django_db


def test_figures_count_the_year_and_compare_with_last_year(clerk, leader, handler, django_assert_max_num_queries):
    year = 2025
    for _ in range(3):
        IncomingFactory(year=year)
    IncomingFactory(year=year, status=IncomingStatus.VOIDED)
    IncomingFactory(year=year - 1)
    OutgoingFactory(status=OutgoingStatus.DISPATCHED, dispatched_on=datetime.date(year, 5, 1))
    OutgoingFactory(status=OutgoingStatus.VOIDED, dispatched_on=datetime.date(year, 5, 1))
    dept = handler.department
    common = {
        "lead_department": dept,
        "responsible": handler,
        "created_by": clerk,
        "assigned_on": datetime.date(year, 3, 1),
        "deadline": datetime.date(year, 6, 1),
        "proposer": "张代表",
        "title": "建议",
    }
    Proposal.objects.create(kind="npc", year=year, number="1", satisfaction="satisfied", **common)
    Proposal.objects.create(kind="npc", year=year, number="2", satisfaction="basically", **common)
    Proposal.objects.create(kind="cppcc", year=year, number="1", **common)
    for index, state in enumerate(["completed", "completed", "open", "voided"]):
        Instruction.objects.create(
            leader=leader,
            text="批示",
            instructed_on=datetime.date(year, 2, 1),
            department=dept,
            responsible=handler,
            deadline=datetime.date(year, 4, 1 + index),
            status=state,
            created_by=clerk,
        )
    PublicityItem.objects.create(
        channel="website", published_on=datetime.date(year, 1, 9), title="a", department=dept, created_by=clerk
    )
    # One aggregate per register for both years (6), and one per register for the date its
    # records begin (6), whatever the number of rows.
    with django_assert_max_num_queries(12):
        result = {f.key: f for f in figures(year)}
    assert (result["documents.incoming"].value, result["documents.incoming"].last_year) == (3, 1)
    assert result["documents.outgoing"].value == 1
    assert (result["documents.npc_proposals"].value, result["documents.cppcc_proposals"].value) == (2, 1)
    # 满意 and 基本满意 both count as satisfied (the usual 满意率), of the two rated.
    assert result["documents.proposal_satisfaction"].value == Decimal("100.0")
    assert result["documents.instruction_completion_rate"].value == Decimal("66.6")  # 2 of 3, cut
    assert result["documents.instruction_completion_rate"].last_year is None
    assert result["documents.website_articles"].value == 1
    assert result["documents.wechat_articles"].value == 0
    assert result["documents.incoming"].url.endswith(f"?year={year}")
    # Before each register's records begin, a figure is missing (None), never 0; a register
    # in use in a year counts a true zero.
    assert result["documents.outgoing"].last_year is None
    assert result["documents.website_articles"].last_year is None
    assert result["documents.archived"].value is None  # nothing archived ever: not in use


def test_satisfaction_counts_only_satisfied_when_the_setting_says_so(clerk, handler, settings):
    settings.SUMMARY_SATISFACTION_INCLUDES_BASIC = False
    common = {
        "lead_department": handler.department,
        "responsible": handler,
        "created_by": clerk,
        "assigned_on": datetime.date(2025, 3, 1),
        "deadline": datetime.date(2025, 6, 1),
        "proposer": "李代表",
        "title": "建议",
        "kind": "npc",
        "year": 2025,
    }
    Proposal.objects.create(number="1", satisfaction="satisfied", **common)
    Proposal.objects.create(number="2", satisfaction="basically", **common)
    Proposal.objects.create(number="3", satisfaction="unsatisfied", **common)
    result = {f.key: f for f in figures(2025)}
    assert result["documents.proposal_satisfaction"].value == Decimal("33.3")  # 1 of 3, cut


def test_a_year_before_any_record_is_missing_not_zero(clerk):
    IncomingFactory(year=2026)
    result = {f.key: f for f in figures(2025)}
    assert result["documents.incoming"].value is None
    assert result["documents.incoming"].last_year is None
    this_year = {f.key: f for f in figures(2026)}
    assert this_year["documents.incoming"].value == 1
    assert this_year["documents.incoming"].last_year is None  # no "比2025年多1件" against nothing
