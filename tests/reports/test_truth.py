"""Sentences that must be true: "其中" only for a part of the total just named, 满意度 as the
setting reads it, cut percentages, and the 发文 figure and its link counting the same records."""

import datetime
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.http import QueryDict

from documents import summary as documents_summary
from documents.choices import OutgoingStatus
from documents.filters import OutgoingFilter
from documents.models import OutgoingDocument, Proposal
from office.figures import Figure
from reports import text
from tests.documents.factories import OutgoingFactory

from .data import YEAR

pytestmark = pytest.mark.django_db


def _meetings(video, **types):
    figures = {f"meetings.{k}": Figure(f"meetings.{k}", v) for k, v in types.items()}
    figures["meetings.video_meetings"] = Figure("meetings.video_meetings", video)
    return "".join(sentence for sentence, _ in text.section_clauses(1, figures, YEAR)[0])


def test_qizhong_only_when_the_number_is_part_of_the_total_just_named():
    # 29 by video, but the listed types add up to 14 (15 were of a type the summary does not list).
    words = _meetings(29, party_group=8, bureau_affairs=6)
    assert "其中" not in words
    assert "以视频方式召开的会议共29次。" in words
    words = _meetings(10, party_group=8, bureau_affairs=6)
    assert "党组会议8次、局务会议6次。其中以视频方式召开10次。" in words
    # No list of types at all: nothing for a "其中" to refer to.
    assert "其中" not in _meetings(3)


def _proposal(clerk, handler, number, satisfaction):
    Proposal.objects.create(
        kind="npc",
        year=YEAR,
        number=str(number),
        satisfaction=satisfaction,
        lead_department=handler.department,
        responsible=handler,
        created_by=clerk,
        assigned_on=datetime.date(YEAR, 3, 1),
        deadline=datetime.date(YEAR, 6, 1),
        proposer="张代表",
        title="建议",
    )


def test_satisfaction_counts_basically_satisfied_unless_the_setting_says_otherwise(clerk, handler, settings):
    for number, satisfaction in enumerate(["satisfied", "basically", "unsatisfied"]):
        _proposal(clerk, handler, number, satisfaction)

    def rate():
        return {f.key: f for f in documents_summary.figures(YEAR)}["documents.proposal_satisfaction"].value

    assert rate() == Decimal("66.6")  # 2 of 3, cut
    settings.SUMMARY_SATISFACTION_INCLUDES_BASIC = False
    assert rate() == Decimal("33.3")


def test_1999_of_2000_is_99_9_percent_never_100():
    assert text.format_percent(documents_summary._rate(1999, 2000)) == "99.9%"


def test_the_outgoing_figure_and_its_link_count_the_same_records():
    issued = [OutgoingStatus.DISPATCHED, OutgoingStatus.ARCHIVED]
    # Numbered in 2024, issued in January 2025; numbered and issued in 2025 (one archived since);
    # numbered in 2025 but issued in 2026; a voided one.
    OutgoingFactory(status=issued[0], number_year=YEAR - 1, dispatched_on=datetime.date(YEAR, 1, 6))
    OutgoingFactory(status=issued[0], number_year=YEAR, dispatched_on=datetime.date(YEAR, 5, 1))
    OutgoingFactory(status=issued[1], number_year=YEAR, dispatched_on=datetime.date(YEAR, 7, 1))
    OutgoingFactory(status=issued[0], number_year=YEAR, dispatched_on=datetime.date(YEAR + 1, 1, 3))
    OutgoingFactory(status=OutgoingStatus.VOIDED, number_year=YEAR, dispatched_on=datetime.date(YEAR, 8, 1))
    figure = {f.key: f for f in documents_summary.figures(YEAR)}["documents.outgoing"]
    query = QueryDict(urlsplit(figure.url).query)
    listed = OutgoingFilter(query, queryset=OutgoingDocument.objects.all()).qs
    assert figure.value == 3
    assert listed.count() == 3
