"""The documents' figures of the annual summary (SUMMARY-FIGURES.md （一） and （二））.

Database aggregates only: one query per model for both years, whatever the number of rows."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse

from reports.figures import Figure

from .choices import (
    IncomingStatus,
    InstructionStatus,
    OutgoingStatus,
    ProposalKind,
    ProposalStatus,
    PublicityChannel,
    Satisfaction,
)
from .models import ArchiveItem, IncomingDocument, Instruction, OutgoingDocument, Proposal, PublicityItem

ISSUED = [OutgoingStatus.DISPATCHED, OutgoingStatus.ARCHIVED]


def _by_year(queryset, field, year, *, is_date=False, **conditions):
    """{name: (this year, last year)} from one aggregate over both years. Date columns are
    compared with ranges (never EXTRACT), so their indexes serve the query."""

    def in_year(y):
        if is_date:
            return Q(**{f"{field}__gte": datetime.date(y, 1, 1), f"{field}__lt": datetime.date(y + 1, 1, 1)})
        return Q(**{field: y})

    aggregates = {}
    for name, condition in conditions.items():
        aggregates[f"{name}_now"] = Count("pk", filter=condition & in_year(year))
        aggregates[f"{name}_last"] = Count("pk", filter=condition & in_year(year - 1))
    row = queryset.filter(in_year(year) | in_year(year - 1)).aggregate(**aggregates)
    return {name: (row[f"{name}_now"], row[f"{name}_last"]) for name in conditions}


def _rate(numerator, denominator):
    from decimal import ROUND_HALF_UP, Decimal

    if not denominator:
        return None
    return (Decimal(numerator * 100) / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def figures(year: int) -> list[Figure]:
    incoming = _by_year(
        IncomingDocument.objects.exclude(serial__isnull=True),
        "year",
        year,
        registered=~Q(status=IncomingStatus.VOIDED),
    )["registered"]
    outgoing = _by_year(OutgoingDocument.objects, "dispatched_on", year, is_date=True, issued=Q(status__in=ISSUED))[
        "issued"
    ]
    archived = _by_year(ArchiveItem.objects, "archived_on", year, is_date=True, all=Q())["all"]
    valid = ~Q(status=ProposalStatus.VOIDED)
    proposals = _by_year(
        Proposal.objects,
        "year",
        year,
        npc=valid & Q(kind=ProposalKind.NPC),
        cppcc=valid & Q(kind=ProposalKind.CPPCC),
        rated=valid & ~Q(satisfaction=""),
        satisfied=valid & Q(satisfaction=Satisfaction.SATISFIED),
    )
    due = ~Q(status=InstructionStatus.VOIDED)
    instructions = _by_year(
        Instruction.objects, "deadline", year, is_date=True, due=due, done=Q(status=InstructionStatus.COMPLETED)
    )
    publicity = _by_year(
        PublicityItem.objects.filter(is_voided=False),
        "published_on",
        year,
        is_date=True,
        website=Q(channel=PublicityChannel.WEBSITE),
        wechat=Q(channel=PublicityChannel.WECHAT),
    )
    incoming_url = reverse("documents:incoming_list")
    outgoing_url = reverse("documents:outgoing_list")
    return [
        Figure("documents.incoming", "收文", incoming[0], "件", 1, incoming[1], f"{incoming_url}?year={year}"),
        Figure(
            "documents.outgoing",
            "发文",
            outgoing[0],
            "件",
            1,
            outgoing[1],
            f"{outgoing_url}?year={year}&status=dispatched",
        ),
        Figure("documents.archived", "归档整理文书文件", archived[0], "件", 1, archived[1]),
        Figure("documents.npc_proposals", "市人大代表建议", proposals["npc"][0], "件", 1, proposals["npc"][1]),
        Figure("documents.cppcc_proposals", "市政协委员提案", proposals["cppcc"][0], "件", 1, proposals["cppcc"][1]),
        Figure(
            "documents.proposal_satisfaction",
            "建议提案办理满意度",
            _rate(proposals["satisfied"][0], proposals["rated"][0]),
            "%",
            1,
            _rate(proposals["satisfied"][1], proposals["rated"][1]),
        ),
        Figure(
            "documents.instruction_completion_rate",
            "领导批示交办文件完结率",
            _rate(instructions["done"][0], instructions["due"][0]),
            "%",
            1,
            _rate(instructions["done"][1], instructions["due"][1]),
        ),
        Figure("documents.website_articles", "网站宣传报道", publicity["website"][0], "篇", 2, publicity["website"][1]),
        Figure("documents.wechat_articles", "微信公众号报道", publicity["wechat"][0], "篇", 2, publicity["wechat"][1]),
    ]
