"""A known dataset: special tasks closed in 2025 (real records) and stand-in figures for the
apps whose summary.py is not written yet (documents, meetings)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from office.choices import SupervisionStatus
from office.figures import Figure
from tests.factories import SupervisedItemFactory

YEAR = 2025

SPECIAL_TASKS = ["党纪学习教育", "优化营商环境", "水利年鉴编纂"]


def special_tasks(year=YEAR):
    """Three special tasks closed in the year, one closed the year after, one still open, one
    of another category: only the first three count."""
    for n, title in enumerate(SPECIAL_TASKS):
        done = datetime.date(year, 3 + n, 10)
        SupervisedItemFactory(
            title=title,
            category="special",
            status=SupervisionStatus.COMPLETED,
            start_date=datetime.date(year, 1, 5),
            deadline=datetime.date(year, 12, 31),
            completed_on=done,
            completed_at=timezone.make_aware(datetime.datetime.combine(done, datetime.time(10))),
        )
    late = datetime.date(year + 1, 1, 8)
    SupervisedItemFactory(
        title="河长制考核",
        status=SupervisionStatus.COMPLETED,
        start_date=datetime.date(year, 6, 1),
        deadline=datetime.date(year, 12, 31),
        completed_on=late,
        completed_at=timezone.make_aware(datetime.datetime.combine(late, datetime.time(10))),
    )
    SupervisedItemFactory(
        title="防汛物资清查", start_date=datetime.date(year, 6, 1), deadline=datetime.date(year, 12, 31)
    )
    SupervisedItemFactory(
        title="来文办理",
        category="document",
        status=SupervisionStatus.COMPLETED,
        start_date=datetime.date(year, 2, 1),
        deadline=datetime.date(year, 2, 28),
        completed_on=datetime.date(year, 2, 20),
        completed_at=timezone.make_aware(datetime.datetime(year, 2, 20, 10)),
    )


def standin_figures(year=YEAR):
    """What documents' and meetings' summary.py would report; personnel, petitions and
    partybuilding report nothing (their figures are missing)."""
    return [
        Figure("documents.incoming", 612, last_year=577, url="/documents/incoming/?year=2025"),
        Figure("documents.outgoing", 208, last_year=211, url="/documents/outgoing/?year=2025"),
        Figure("documents.archived", 530),
        Figure("documents.npc_proposals", 6),
        Figure("documents.cppcc_proposals", 9),
        Figure("documents.proposal_satisfaction", Decimal("93.333333")),
        Figure("documents.instruction_completion_rate", Decimal("100")),
        Figure("documents.website_articles", 156, last_year=140),
        Figure("documents.wechat_articles", 53),
        Figure("meetings.party_group", 24),
        Figure("meetings.bureau_affairs", 6),
        Figure("meetings.special", 9),
        Figure("meetings.theory_study", 12),
        Figure("meetings.seminar", 4),
        Figure("meetings.regular_study", 0),
        Figure("meetings.video_meetings", 53),
    ]
