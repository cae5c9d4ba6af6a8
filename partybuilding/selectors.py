"""Every read the Party affairs pages and endpoints make. Party records are seen by the Party
officer and the leaders (the view permissions) and by no one else: a list is empty and a record
a 404 for anyone without them."""

import datetime
from collections import defaultdict
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Count, DecimalField, Exists, OuterRef, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone

from . import permissions
from .choices import GROUP_MEETING, PARTY_MEETING_TYPES, RHYTHM, MemberStatus, OrganKind
from .models import (
    Award,
    CareVisit,
    CommitteeMember,
    Development,
    Disclosure,
    DuesAssessment,
    DuesPayment,
    DuesPaymentMonth,
    DuesRateTable,
    IntegrityActivity,
    Member,
    Organ,
    OrganisationalLife,
    UnpaidReason,
)

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))
FLAG_MONTHS = 6  # 党章: six consecutive months unpaid without a proper reason
TYPE_LABELS = dict(PARTY_MEETING_TYPES)


def _scoped(queryset, user):
    return queryset if permissions.can_view(user) else queryset.none()


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def organ_list(*, user):
    return _scoped(
        Organ.objects.select_related("parent").annotate(
            member_count=Count("members", filter=Q(members__status=MemberStatus.ACTIVE))
        ),
        user,
    ).order_by("sort_order", "id")


def organ_get(*, user, pk):
    return _get(organ_list(user=user), pk)


def committee_of(organ, on=None):
    on = on or timezone.localdate()
    return (
        CommitteeMember.objects.filter(organ=organ, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("member")
        .order_by("post", "start")
    )


def member_list(*, user):
    return _scoped(Member.objects.select_related("organ", "user", "person"), user)


def member_get(*, user, pk):
    return _get(member_list(user=user), pk)


def _paid_exists():
    return Exists(DuesPaymentMonth.objects.filter(assessment=OuterRef("pk"), payment__voided_at__isnull=True))


def assessment_list(*, user):
    paid = DuesPaymentMonth.objects.filter(assessment=OuterRef("pk"), payment__voided_at__isnull=True)
    return _scoped(
        DuesAssessment.objects.select_related("member", "organ").annotate(
            is_paid=Exists(paid),
        ),
        user,
    ).order_by("-month", "organ__sort_order", "member__name", "id")


def payment_list(*, user):
    return _scoped(
        DuesPayment.objects.select_related("member", "member__organ", "created_by").prefetch_related(
            Prefetch("lines", queryset=DuesPaymentMonth.objects.select_related("assessment"))
        ),
        user,
    ).order_by("-paid_on", "-id")


def payment_get(*, user, pk):
    return _get(payment_list(user=user), pk)


def rate_tables(*, user):
    if not (permissions.can_view_rates(user) or permissions.can_view(user)):
        return DuesRateTable.objects.none()
    return DuesRateTable.objects.prefetch_related("bands").order_by("-effective_from")


def dues_totals(*, year: int, organ=None) -> dict:
    """The year's assessed (核定) and collected (收缴) dues, to the fen, and the arrears."""
    assessed = DuesAssessment.objects.filter(month__year=year)
    lines = DuesPaymentMonth.objects.filter(assessment__month__year=year, payment__voided_at__isnull=True)
    if organ is not None:
        assessed, lines = assessed.filter(organ=organ), lines.filter(assessment__organ=organ)
    total_assessed = assessed.aggregate(v=Coalesce(Sum("amount"), ZERO))["v"]
    total_collected = lines.aggregate(v=Coalesce(Sum("amount"), ZERO))["v"]
    # SQLite (the embedded default) sums decimals as floats: back to the fen.
    total_assessed, total_collected = (Decimal(v).quantize(Decimal("0.01")) for v in (total_assessed, total_collected))
    return {"assessed": total_assessed, "collected": total_collected, "arrears": total_assessed - total_collected}


def dues_statement(*, user, year: int, month: int | None = None, organ=None):
    """Per member: assessed, paid and arrears for a month or a year (one query), for the
    statement page and its Excel."""
    qs = DuesAssessment.objects.filter(month__year=year)
    if month:
        qs = qs.filter(month__month=month)
    if organ is not None:
        qs = qs.filter(organ=organ)
    paid = Sum("payment_lines__amount", filter=Q(payment_lines__payment__voided_at__isnull=True))
    rows = (
        _scoped(qs, user)
        .values("organ__name", "organ__sort_order", "member_id", "member__name", "category")
        .annotate(months=Count("id", distinct=True), assessed=Coalesce(Sum("amount"), ZERO), paid=Coalesce(paid, ZERO))
        .order_by("organ__sort_order", "organ__name", "member__name", "member_id")
    )
    return rows


def dues_flagged(*, as_of: datetime.date | None = None, organ=None) -> list[dict]:
    """Members who paid nothing for six consecutive assessed months before the month of `as_of`
    (that month is still payable) without a recorded reason (an UnpaidReason, or a reduction to
    nothing). Two queries."""
    as_of = as_of or timezone.localdate()
    until = as_of.replace(day=1)
    rows = (
        DuesAssessment.objects.filter(
            # The current month is still payable: only months before it count.
            month__lt=until,
            month__gte=until - relativedelta(months=24),
            member__status=MemberStatus.ACTIVE,
        )
        .annotate(is_paid=_paid_exists())
        .values_list("member_id", "month", "amount", "is_paid")
        .order_by("member_id", "month")
    )
    if organ is not None:
        rows = rows.filter(organ=organ)
    reasons = defaultdict(list)
    for member_id, first, last in UnpaidReason.objects.values_list("member_id", "first_month", "last_month"):
        reasons[member_id].append((first, last))
    runs = {}
    for member_id, month, amount, is_paid in rows:
        excused = amount == 0 or any(a <= month <= b for a, b in reasons.get(member_id, ()))
        run = runs.get(member_id)
        if is_paid or excused:
            runs[member_id] = None
            continue
        if run is not None and run[1] + relativedelta(months=1) == month:
            runs[member_id] = (run[0], month, run[2] + 1)
        else:
            runs[member_id] = (month, month, 1)
    flagged = {mid: run for mid, run in runs.items() if run and run[2] >= FLAG_MONTHS}
    members = Member.objects.select_related("organ").in_bulk(list(flagged))
    return [
        {"member": members[mid], "since": run[0], "until": run[1], "months": run[2]}
        for mid, run in sorted(flagged.items(), key=lambda item: (members[item[0]].organ.sort_order, item[0]))
    ]


def life_list(*, user):
    return _scoped(
        OrganisationalLife.objects.select_related("organ", "meeting", "meeting__meeting_type", "meeting__room"),
        user,
    ).order_by("-meeting__start", "-id")


def life_get(*, user, pk):
    return _get(life_list(user=user), pk)


def _periods(kind, as_of, since):
    """The completed periods (first day, label) of a rhythm before `as_of`, over the last year,
    not before `since`. A yearly rule looks at last year."""
    this_month = as_of.replace(day=1)
    result = []
    if kind == "month":
        for k in range(12, 0, -1):
            first = this_month - relativedelta(months=k)
            if first >= since:
                result.append((first, first + relativedelta(months=1), f"{first:%Y年}{first.month}月"))
    elif kind == "quarter":
        current = datetime.date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
        for k in range(4, 0, -1):
            first = current - relativedelta(months=3 * k)
            if first >= since:
                result.append((first, first + relativedelta(months=3), f"{first:%Y年}第{(first.month + 2) // 3}季度"))
    else:
        first = datetime.date(as_of.year - 1, 1, 1)
        if first >= since:
            result.append((first, datetime.date(as_of.year, 1, 1), f"{first.year}年"))
    return result


def rhythm_warnings(*, as_of: datetime.date | None = None) -> list[dict]:
    """Branches (and Party groups) behind the rhythm of 《支部工作条例》: each completed period
    of the last year without the meeting held. Two queries."""
    as_of = as_of or timezone.localdate()
    window = datetime.date(as_of.year - 1, 1, 1)
    organs = list(
        Organ.objects.filter(is_active=True, kind__in=[OrganKind.BRANCH, OrganKind.GROUP]).order_by("sort_order", "id")
    )
    held = defaultdict(list)
    rows = (
        OrganisationalLife.objects.filter(meeting__state="held", meeting__start__date__gte=window)
        .annotate(month=TruncMonth("meeting__start"))
        .values_list("organ_id", "meeting__meeting_type__code", "month")
    )
    for organ_id, code, month in rows:
        held[(organ_id, code)].append(month.date() if isinstance(month, datetime.datetime) else month)
    warnings = []
    for organ in organs:
        since = organ.established_on.replace(day=1)
        if organ.established_on.day != 1:
            since += relativedelta(months=1)
        rules = (
            [(GROUP_MEETING, "month")]
            if organ.kind == OrganKind.GROUP
            else [r for r in RHYTHM if r[0] != GROUP_MEETING]
        )
        for code, kind in rules:
            months = held.get((organ.pk, code), [])
            missing = [
                label for first, end, label in _periods(kind, as_of, since) if not any(first <= m < end for m in months)
            ]
            if missing:
                warnings.append(
                    {
                        "organ": organ,
                        "code": code,
                        "label": TYPE_LABELS[code],
                        "rule": {"month": "每月", "quarter": "每季度", "year": "每年"}[kind],
                        "missing": missing,
                    }
                )
    return warnings


def development_list(*, user):
    return _scoped(Development.objects.select_related("organ", "member"), user).order_by(
        "organ__sort_order", "applied_on", "id"
    )


def development_get(*, user, pk):
    return _get(development_list(user=user).prefetch_related("assessments", "sponsors"), pk)


def award_list(*, user):
    return _scoped(Award.objects.select_related("member", "organ"), user)


def care_list(*, user):
    return _scoped(CareVisit.objects.select_related("organ"), user)


def disclosure_list(*, user):
    return _scoped(Disclosure.objects.select_related("organ"), user)


def integrity_list(*, user):
    return _scoped(IntegrityActivity.objects.select_related("outgoing_document"), user)
