"""Party affairs' figures for the annual summary: （七）党建 and （八）党风廉政.

Each figure is counted by database aggregates over this year and last (a bounded number of
queries, whatever the number of records). A year before an area's records begin gives None.

- 核定党费 / 收缴党费: dues assessed for the months of the year, and the part of them paid (a
  payment counts for the months it pays, not the day it was made), yuan to the fen;
- 党务公开: disclosures published; awards by kind and award year; development: stage changes
  dated in the year (application, activist, candidate, admission as probationary member);
- 走访慰问: households visited; organisational life: meetings held by type;
- 廉洁过节文件: copies of the 廉洁过节 notices sent; 监督检查 and 警示教育: activities held.
Voided records never count."""

import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, Min, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from office.figures import Figure, counted, records_begin

from .choices import (
    COMMITTEE_MEETING,
    EXPERT_LECTURE,
    GENERAL_MEETING,
    PARTY_DAY,
    PARTY_LECTURE,
    STUDY_SESSION,
    AwardKind,
    IntegrityKind,
)
from .models import (
    Award,
    CareVisit,
    Development,
    Disclosure,
    DuesAssessment,
    DuesPaymentMonth,
    IntegrityActivity,
    OrganisationalLife,
)

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))
LIFE_KEYS = {
    "study_sessions": STUDY_SESSION,
    "committee_meetings": COMMITTEE_MEETING,
    "general_meetings": GENERAL_MEETING,
    "party_days": PARTY_DAY,
    "expert_lectures": EXPERT_LECTURE,
    "party_lectures": PARTY_LECTURE,
}
AWARD_KEYS = {
    "awards_members": AwardKind.MEMBER,
    "awards_workers": AwardKind.WORKER,
    "awards_branches": AwardKind.ORGANISATION,
}
STAGE_KEYS = {
    "probationary": "vote_on",
    "candidates": "candidate_on",
    "activists": "activist_on",
    "applicants": "applied_on",
}


def _url(name, **params):
    try:
        base = reverse(f"partybuilding:{name}")
    except NoReverseMatch:
        return ""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}?{query}" if query else base


def _fen(value):
    return Decimal(value).quantize(Decimal("0.01"))


def figures(year: int) -> list[Figure]:
    years = (year - 1, year)
    result = []

    def add(key, values, begin, url=""):
        result.append(
            Figure(
                key=f"partybuilding.{key}",
                value=counted(values[year], year, begin),
                last_year=counted(values[year - 1], year - 1, begin),
                url=url,
            )
        )

    # Dues: assessed and collected for the months of each year.
    assessed = DuesAssessment.objects.filter(month__year__in=years).aggregate(
        **{f"y{y}": Coalesce(Sum("amount", filter=Q(month__year=y)), ZERO) for y in years}
    )
    collected = DuesPaymentMonth.objects.filter(
        assessment__month__year__in=years, payment__voided_at__isnull=True
    ).aggregate(**{f"y{y}": Coalesce(Sum("amount", filter=Q(assessment__month__year=y)), ZERO) for y in years})
    dues_begin = records_begin((DuesAssessment.objects.all(), "month"))
    # SQLite (the embedded default) sums decimals as floats: back to the fen.
    add("dues_assessed", {y: _fen(assessed[f"y{y}"]) for y in years}, dues_begin, _url("dues_list", year=year))
    add("dues_collected", {y: _fen(collected[f"y{y}"]) for y in years}, dues_begin, _url("payment_list", year=year))

    # Disclosures.
    live = Q(voided_at__isnull=True)
    row = Disclosure.objects.filter(live, published_on__year__in=years).aggregate(
        **{f"y{y}": Count("pk", filter=Q(published_on__year=y)) for y in years}
    )
    add(
        "disclosures",
        {y: row[f"y{y}"] for y in years},
        records_begin((Disclosure.objects.filter(live), "published_on")),
        _url("record_list", kind="disclosure", year=year),
    )

    # Awards, by award year.
    first_award = Award.objects.filter(live).aggregate(first=Min("year"))["first"]
    award_begin = datetime.date(first_award, 1, 1) if first_award else None
    row = Award.objects.filter(live, year__in=years).aggregate(
        **{f"{kind}_{y}": Count("pk", filter=Q(year=y, kind=kind)) for kind in AwardKind.values for y in years}
    )
    for key, kind in AWARD_KEYS.items():
        add(key, {y: row[f"{kind}_{y}"] for y in years}, award_begin, _url("record_list", kind="award", year=year))

    # Development: stage changes dated in the year.
    row = Development.objects.aggregate(
        **{
            f"{key}_{y}": Count("pk", filter=Q(**{f"{field}__year": y}))
            for key, field in STAGE_KEYS.items()
            for y in years
        }
    )
    dev_begin = records_begin((Development.objects.all(), "applied_on"))
    for key in STAGE_KEYS:
        add(key, {y: row[f"{key}_{y}"] for y in years}, dev_begin, _url("development_list"))

    # Care visits: households.
    row = CareVisit.objects.filter(live, visited_on__year__in=years).aggregate(
        **{f"y{y}": Coalesce(Sum("households", filter=Q(visited_on__year=y)), 0) for y in years}
    )
    add(
        "care_visits",
        {y: row[f"y{y}"] for y in years},
        records_begin((CareVisit.objects.filter(live), "visited_on")),
        _url("record_list", kind="care", year=year),
    )

    # Organisational life held, by type.
    held = OrganisationalLife.objects.filter(meeting__state="held")
    row = held.filter(meeting__start__year__in=years).aggregate(
        **{
            f"{key}_{y}": Count("pk", filter=Q(meeting__meeting_type__code=code, meeting__start__year=y))
            for key, code in LIFE_KEYS.items()
            for y in years
        }
    )
    life_begin = records_begin((OrganisationalLife.objects.all(), "meeting__start"))
    for key, code in LIFE_KEYS.items():
        add(key, {y: row[f"{key}_{y}"] for y in years}, life_begin, _url("life_list", year=year, type_code=code))

    # Integrity.
    integrity = IntegrityActivity.objects.filter(live)
    row = integrity.filter(held_on__year__in=years).aggregate(
        **{
            f"notices_{y}": Coalesce(Sum("copies", filter=Q(held_on__year=y, kind=IntegrityKind.FESTIVAL_NOTICE)), 0)
            for y in years
        },
        **{
            f"{kind}_{y}": Count("pk", filter=Q(held_on__year=y, kind=kind))
            for kind in (IntegrityKind.INSPECTION, IntegrityKind.WARNING_EDUCATION)
            for y in years
        },
    )
    integrity_begin = records_begin((integrity, "held_on"))
    add(
        "integrity_notices",
        {y: row[f"notices_{y}"] for y in years},
        integrity_begin,
        _url("record_list", kind="integrity", year=year),
    )
    add(
        "integrity_inspections",
        {y: row[f"inspection_{y}"] for y in years},
        integrity_begin,
        _url("record_list", kind="integrity", year=year),
    )
    add(
        "warning_education",
        {y: row[f"warning_education_{y}"] for y in years},
        integrity_begin,
        _url("record_list", kind="integrity", year=year),
    )
    return result
