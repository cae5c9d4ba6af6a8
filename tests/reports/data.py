"""A known dataset: special tasks closed in 2025 (real records) and stand-in figures for the
apps whose summary.py is not written yet (documents, meetings)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from office.choices import SupervisionCategory, SupervisionStatus
from reports.figures import Figure
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
            category=SupervisionCategory.SPECIAL,
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
        category=SupervisionCategory.DOCUMENT,
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
        Figure("documents.incoming", "收文", 612, "件", 1, last_year=577, url="/documents/incoming/?year=2025"),
        Figure("documents.outgoing", "发文", 208, "件", 1, last_year=211, url="/documents/outgoing/?year=2025"),
        Figure("documents.archived", "归档整理文书文件", 530, "件", 1),
        Figure("documents.npc_proposals", "市人大代表建议", 6, "件", 1),
        Figure("documents.cppcc_proposals", "市政协委员提案", 9, "件", 1),
        Figure("documents.proposal_satisfaction", "满意度", Decimal("93.333333"), "%", 1),
        Figure("documents.instruction_completion_rate", "完结率", Decimal("100"), "%", 1),
        Figure("documents.website_articles", "网站", 156, "篇", 2, last_year=140),
        Figure("documents.wechat_articles", "微信", 53, "篇", 2),
        Figure("meetings.party_group", "党组会议", 24, "次", 1),
        Figure("meetings.bureau_affairs", "局务会议", 6, "次", 1),
        Figure("meetings.special", "专题会议", 9, "次", 1),
        Figure("meetings.theory_study", "党组中心组学习", 12, "次", 1),
        Figure("meetings.seminar", "专题研讨", 4, "次", 1),
        Figure("meetings.regular_study", "例会学习", 0, "次", 1),
        Figure("meetings.video_meetings", "视频会议", 53, "次", 1),
    ]
