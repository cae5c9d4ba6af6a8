"""The documents' figures of the annual summary (SUMMARY-FIGURES.md （一） and （二））.

Database aggregates only: one query per model for both years, whatever the number of rows."""

import datetime
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse

from office.figures import Figure, counted, records_begin

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


def _satisfied():
    """满意度 counts 满意 and 基本满意 (the usual 满意率) unless the setting says 满意 alone."""
    if getattr(settings, "SUMMARY_SATISFACTION_INCLUDES_BASIC", True):
        return [Satisfaction.SATISFIED, Satisfaction.BASICALLY]
    return [Satisfaction.SATISFIED]


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
    # Cut, never rounded up: 1999 of 2000 is 99.9%, not a false 100%.
    if not denominator:
        return None
    return (Decimal(numerator * 100) / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


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
        satisfied=valid & Q(satisfaction__in=_satisfied()),
    )
    due = ~Q(status=InstructionStatus.VOIDED)
    instructions = _by_year(
        Instruction.objects, "deadline", year, is_date=True, due=due, done=Q(status=InstructionStatus.COMPLETED)
    )
    publicity = _by_year(
        PublicityItem.objects.filter(voided_at__isnull=True),
        "published_on",
        year,
        is_date=True,
        website=Q(channel=PublicityChannel.WEBSITE),
        wechat=Q(channel=PublicityChannel.WECHAT),
    )
    begins = {
        # Each register from the field it counts by, so a figure and its "records begin" agree.
        "incoming": records_begin((IncomingDocument.objects.exclude(serial__isnull=True), "year")),
        "outgoing": records_begin((OutgoingDocument.objects.all(), "dispatched_on")),
        "archive": records_begin((ArchiveItem.objects.all(), "archived_on")),
        "proposal": records_begin((Proposal.objects.all(), "year")),
        "instruction": records_begin((Instruction.objects.all(), "deadline")),
        "publicity": records_begin((PublicityItem.objects.all(), "published_on")),
    }

    def pair(values, begin):
        # (this year, last year), each None for a year before the register's records begin.
        return counted(values[0], year, begin), counted(values[1], year - 1, begin)

    def figure(key, values, begin, url=""):
        now, last = pair(values, begin)
        return Figure(key, now, last, url)

    rated = pair(proposals["rated"], begins["proposal"])
    satisfied = pair(proposals["satisfied"], begins["proposal"])
    due = pair(instructions["due"], begins["instruction"])
    done = pair(instructions["done"], begins["instruction"])
    incoming_url = reverse("documents:incoming_list")
    outgoing_url = reverse("documents:outgoing_list")
    return [
        figure("documents.incoming", incoming, begins["incoming"], f"{incoming_url}?year={year}"),
        figure("documents.outgoing", outgoing, begins["outgoing"], f"{outgoing_url}?dispatched_year={year}"),
        figure("documents.archived", archived, begins["archive"]),
        figure("documents.npc_proposals", proposals["npc"], begins["proposal"]),
        figure("documents.cppcc_proposals", proposals["cppcc"], begins["proposal"]),
        Figure("documents.proposal_satisfaction", _rate(satisfied[0], rated[0]), _rate(satisfied[1], rated[1])),
        Figure("documents.instruction_completion_rate", _rate(done[0], due[0]), _rate(done[1], due[1])),
        figure("documents.website_articles", publicity["website"], begins["publicity"]),
        figure("documents.wechat_articles", publicity["wechat"], begins["publicity"]),
    ]
