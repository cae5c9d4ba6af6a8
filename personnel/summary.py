"""Personnel's figures for the annual summary (（四）人事工作), each with last year's value.

A bounded number of aggregate queries whatever the number of records. The app's records begin
with the earliest appointment, recruitment, title review, real salary change (not a first pay
record), transfer or expert task; a year before that gives None (missing), never 0."""

import datetime

from django.db.models import Count, Min, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse

from office.figures import Figure, counted, records_begin

from .choices import AppointmentKind, AppointmentState, Rank, RecruitmentChannel, TitleLevel
from .models import Appointment, ExpertTask, Recruitment, SalaryChange, TitleReview, TransferBatch

# A salary record with no figures before it is a person's first pay record, not an adjustment.
REAL_CHANGE = (
    Q(before_duty_pay__isnull=False)
    | Q(before_grade_pay__isnull=False)
    | Q(before_post_pay__isnull=False)
    | Q(before_scale_pay__isnull=False)
    | Q(before_performance_pay__isnull=False)
    | Q(before_allowance__isnull=False)
)
CADRE_KINDS = {
    "promoted_chief": (AppointmentKind.PROMOTION, Rank.CHIEF),
    "promoted_deputy": (AppointmentKind.PROMOTION, Rank.DEPUTY_CHIEF),
    "lateral_chief": (AppointmentKind.LATERAL, Rank.CHIEF),
    "lateral_deputy": (AppointmentKind.LATERAL, Rank.DEPUTY_CHIEF),
}
TITLE_KEYS = {
    TitleLevel.SENIOR: "titles_senior",
    TitleLevel.ASSOCIATE: "titles_associate",
    TitleLevel.INTERMEDIATE: "titles_intermediate",
    TitleLevel.JUNIOR: "titles_junior",
}
CHANNEL_KEYS = {
    RecruitmentChannel.TALENT: "talent_introduced",
    RecruitmentChannel.PUBLIC_INSTITUTION: "public_recruitment",
}


def _appointment_filters():
    filters = {key: Q(kind=kind, rank=rank) for key, (kind, rank) in CADRE_KINDS.items()}
    filters["reappointed"] = Q(kind=AppointmentKind.REAPPOINTMENT)
    filters["dismissed"] = Q(kind__in=[AppointmentKind.REMOVAL, AppointmentKind.DISMISSAL])
    return filters


def _by_year(queryset, date_field, **aggregates):
    rows = queryset.annotate(y=ExtractYear(date_field)).values("y").annotate(**aggregates).order_by()
    return {row["y"]: row for row in rows}


def _url(name, year, **params):
    query = "&".join(f"{k}={v}" for k, v in {"year": year, **params}.items())
    return f"{reverse(f'personnel:{name}')}?{query}"


def _begin():
    title_year = TitleReview.objects.filter(voided_at__isnull=True).aggregate(y=Min("year"))["y"]
    begin = records_begin(
        (Appointment.objects.filter(status=AppointmentState.APPLIED), "effective_date"),
        (Recruitment.objects.filter(voided_at__isnull=True), "date"),
        (SalaryChange.objects.filter(REAL_CHANGE, voided_at__isnull=True), "effective_month"),
        (TransferBatch.objects.filter(voided_at__isnull=True), "date"),
        (ExpertTask.objects.filter(voided_at__isnull=True), "date"),
    )
    if title_year is not None:
        first_title = datetime.date(title_year, 1, 1)
        begin = min(begin, first_title) if begin else first_title
    return begin


def figures(year: int) -> list[Figure]:
    years = [year - 1, year]
    begin = _begin()
    result = []

    def add(key, values, url):
        result.append(
            Figure(
                key=f"personnel.{key}",
                value=counted(values.get(year, 0), year, begin),
                last_year=counted(values.get(year - 1, 0), year - 1, begin),
                url=url,
            )
        )

    def column(rows, name):
        return {y: row[name] for y, row in rows.items()}

    # Appointments: applied ones, by the year they took effect.
    filters = _appointment_filters()
    cadre_events = Q()
    for condition in filters.values():
        cadre_events |= condition
    applied = Appointment.objects.filter(status=AppointmentState.APPLIED, effective_date__year__in=years)
    rows = _by_year(
        applied,
        "effective_date",
        cadres=Count("person", filter=cadre_events, distinct=True),
        **{key: Count("pk", filter=condition) for key, condition in filters.items()},
    )
    add("cadres_adjusted", column(rows, "cadres"), _url("appointment_list", year, cadres="1"))
    for key in filters:
        params = {"kind": CADRE_KINDS[key][0], "rank": CADRE_KINDS[key][1]} if key in CADRE_KINDS else {}
        if key == "reappointed":
            params = {"kind": AppointmentKind.REAPPOINTMENT}
        if key == "dismissed":
            params = {"kind": "ending"}
        add(key, column(rows, key), _url("appointment_list", year, **params))

    rows = _by_year(
        Recruitment.objects.filter(voided_at__isnull=True, date__year__in=years),
        "date",
        **{key: Count("pk", filter=Q(channel=channel)) for channel, key in CHANNEL_KEYS.items()},
    )
    for channel, key in CHANNEL_KEYS.items():
        add(key, column(rows, key), _url("recruitment_list", year, channel=channel))

    rows = _by_year(ExpertTask.objects.filter(voided_at__isnull=True, date__year__in=years), "date", n=Count("pk"))
    add("expert_tasks", column(rows, "n"), _url("expert_list", year))

    titles = (
        TitleReview.objects.filter(voided_at__isnull=True, passed=True, year__in=years)
        .values("year", "level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_level = {}
    for row in titles:
        by_level.setdefault(row["level"], {})[row["year"]] = row["n"]
    for level, key in TITLE_KEYS.items():
        add(key, by_level.get(level, {}), _url("title_list", year, level=level, passed="true"))

    rows = _by_year(
        SalaryChange.objects.filter(REAL_CHANGE, voided_at__isnull=True, effective_month__year__in=years),
        "effective_month",
        n=Count("pk"),
    )
    add("salary_adjustments", column(rows, "n"), _url("salary_list", year))

    rows = _by_year(
        TransferBatch.objects.filter(voided_at__isnull=True, date__year__in=years),
        "date",
        units=Count("other_body", distinct=True),
        persons=Count("persons"),
    )
    add("transfer_units", column(rows, "units"), _url("transfer_list", year))
    add("transfer_persons", column(rows, "persons"), _url("transfer_list", year))
    return result
