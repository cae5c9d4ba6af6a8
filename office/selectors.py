"""Every read the office core's pages and endpoints make, restricted to what the user may see."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, CharField, Count, F, Max, Min, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from .choices import SupervisionStatus
from .models import Department, Notification, SupervisedItem, SupervisionTally
from .models.supervision import OPEN_FIRST
from .permissions import sees_everything
from .plugins import category_choices
from .roles import DEPARTMENT_HEAD, has_role
from .workdays import add_working_days

OVERDUE = "overdue"
DUE_SOON = "due_soon"
IN_PROGRESS = "in_progress"
FIGURE_KEYS = ["total", "open", "due_soon", "overdue", "completed", "on_time", "carried_over"]
FIGURE_GROUPS = ("owner_department_id", "category")
OVERDUE_COLUMNS = ("title", "category", "deadline", "last_urged_at", "owner_department__name", "responsible__name")
PHASE_LABELS = {
    OVERDUE: "已逾期",
    DUE_SOON: "即将到期",
    IN_PROGRESS: "办理中",
    SupervisionStatus.COMPLETED: "已办结",
    SupervisionStatus.VOIDED: "已撤销",
}


def due_soon_limit(today: datetime.date) -> datetime.date:
    """The last date that counts as "due soon": N working days from today."""
    return add_working_days(today, settings.SUPERVISION_DUE_SOON_WORKING_DAYS).date


def _fields(value):
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def restrict_to_department(
    queryset, user, *, department_field=(), person_field=(), department_rows=None, person_rows=None
):
    """The scope rule of the whole system, written once. Leaders, the office and the
    administrator (`office.view_all_departments`) see everything; anyone else sees the rows of
    their department and the rows that name them personally:

    - `department_field`: one field or several whose department is the user's (承办科室, 主办 …);
    - `person_field`: one field or several that name the user (责任人, 拟稿人, 当事人 …);
    - `department_rows(department_id)`: a Q for rows a department reaches another way (会签,
      传阅 to its people), and `person_rows(user_id)` likewise for the person, for what a field
      cannot say.

    A user without a department sees only the rows that name them: never the rows of "no
    department"."""
    if sees_everything(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    condition = Q(pk__in=[])
    for name in _fields(person_field):
        condition |= Q(**{name: user.pk})
    if person_rows is not None:
        condition |= person_rows(user.pk)
    if user.department_id:
        for name in _fields(department_field):
            condition |= Q(**{name: user.department_id})
        if department_rows is not None:
            condition |= department_rows(user.department_id)
    return queryset.filter(condition)


def phase_annotation(today, soon):
    return Case(
        When(status=SupervisionStatus.OPEN, deadline__lt=today, then=Value(OVERDUE)),
        When(status=SupervisionStatus.OPEN, deadline__lte=soon, then=Value(DUE_SOON)),
        When(status=SupervisionStatus.OPEN, then=Value(IN_PROGRESS)),
        default=F("status"),
        output_field=CharField(),
    )


def supervised_item_list(*, user, today=None):
    """Items the user may see, open ones first (the most urgent at the top), then the rest."""
    today = today or timezone.localdate()
    queryset = SupervisedItem.objects.select_related("owner_department", "responsible")
    queryset = restrict_to_department(queryset, user, department_field="owner_department", person_field="responsible")
    return queryset.annotate(
        phase=phase_annotation(today, due_soon_limit(today)),
    ).order_by(OPEN_FIRST, "deadline", "id")


def supervised_item_get(*, user, pk, today=None):
    """One item with its history of events; a user who may not see it gets a 404."""
    try:
        return (
            supervised_item_list(user=user, today=today)
            .select_related("completed_by", "created_by", "source_type")
            .get(pk=pk)
        )
    except (SupervisedItem.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该督办事项，或您无权查看。") from None


def supervision_events(item):
    return item.events.select_related("actor").order_by("created_at", "id")


def _waiting(user, excluding=()):
    condition = Q(responsible=user)
    if user.department_id and has_role(user, DEPARTMENT_HEAD):
        condition |= Q(owner_department_id=user.department_id)
    return _without(SupervisedItem.objects.filter(condition, status=SupervisionStatus.OPEN), excluding)


def _without(queryset, excluding):
    """`queryset` without the items whose source is one of the records `excluding`."""
    sources = {}
    for record in excluding:
        sources.setdefault(ContentType.objects.get_for_model(record), []).append(record.pk)
    for content_type, ids in sources.items():
        queryset = queryset.exclude(source_type=content_type, source_id__in=ids)
    return queryset


def waiting_items(*, user, today=None, limit=50, excluding=()):
    """What waits for a person: open items they are responsible for, and for a department
    head, their department's open items. Overdue first, because ordering by deadline puts them first.
    `excluding`: records listed elsewhere on the page, whose items are left out.

    The home page shows no responsible person: joining them built fifty users a page (0.7 ms)."""
    today = today or timezone.localdate()
    return (
        _waiting(user, excluding)
        .select_related("owner_department")
        .annotate(phase=phase_annotation(today, due_soon_limit(today)))
        .order_by("deadline", "id")[:limit]
    )


def waiting_counts(*, user, today=None, excluding=()):
    """How many items wait for the person in all, and how many are overdue (beyond the shown page too).
    `excluding`: records listed elsewhere on the page, whose items are not counted here.

    Counted in disjoint parts (the department's open items; the person's own open items of other
    departments), each an index-only scan of a partial index on the open items, and added up: an
    OR of the two would read every waiting item from the table. One query."""
    today = today or timezone.localdate()
    open_items = _without(SupervisedItem.objects.filter(status=SupervisionStatus.OPEN).order_by(), excluding)

    def tally(items):
        counts = {"total": Count("deadline"), "overdue": Count("deadline", filter=Q(deadline__lt=today))}
        return items.annotate(part=Value(1)).values("part").annotate(**counts).values("total", "overdue")

    if user.department_id and has_role(user, DEPARTMENT_HEAD):
        department = open_items.filter(owner_department_id=user.department_id)
        own = open_items.filter(responsible=user).exclude(owner_department_id=user.department_id)
        rows = list(tally(department).union(tally(own), all=True))
    else:
        rows = list(tally(open_items.filter(responsible=user)))
    return {key: sum(row[key] for row in rows) for key in ("total", "overdue")}


def _figure_counts(today, soon, *, year_start, prefix=""):
    """Conditional counts for one GROUP BY: every figure of the dashboard in one pass.

    `prefix` reaches the items through a relation (from Department)."""
    p = f"{prefix}__" if prefix else ""
    counted = f"{p}pk" if prefix else "pk"
    open_ = Q(**{f"{p}status": SupervisionStatus.OPEN})
    completed = Q(**{f"{p}status": SupervisionStatus.COMPLETED})
    conditions = {
        "total": ~Q(**{f"{p}status": SupervisionStatus.VOIDED}),
        "carried_over": open_ & Q(**{f"{p}deadline__lt": year_start}),
        "open": open_,
        "due_soon": open_ & Q(**{f"{p}deadline__gte": today, f"{p}deadline__lte": soon}),
        "overdue": open_ & Q(**{f"{p}deadline__lt": today}),
        "completed": completed,
        "on_time": completed & Q(**{f"{p}completed_on__lte": F(f"{p}deadline")}),
    }
    return {key: Count(counted, filter=condition) for key, condition in conditions.items()}


def _with_rates(row):
    total = row["total"]
    # total = in_progress + overdue + on_time + late: the cards and columns are a partition.
    row["in_progress"] = row["open"] - row["overdue"]
    row["late"] = row["completed"] - row["on_time"]
    row["completion_rate"] = round(row["completed"] * 100 / total, 1) if total else None
    row["on_time_rate"] = round(row["on_time"] * 100 / total, 1) if total else None
    return row


def dashboard_years(today=None):
    """The years the dashboard can show: from the earliest to the latest deadline, and this year."""
    today = today or timezone.localdate()
    bounds = SupervisedItem.objects.aggregate(first=Min("deadline"), last=Max("deadline"))
    first = bounds["first"].year if bounds["first"] else today.year
    last = max(bounds["last"].year if bounds["last"] else today.year, today.year)
    return list(range(last, first - 1, -1))


def _year_scope(year, today, prefix=""):
    """The items of a year's view: those due in the year; the current year's view also carries
    the items of earlier years still open (overdue whatever year they were due in)."""
    p = f"{prefix}__" if prefix else ""
    scope = Q(**{f"{p}deadline__year": year})
    if year == today.year:
        scope |= Q(**{f"{p}status": SupervisionStatus.OPEN, f"{p}deadline__lt": datetime.date(year, 1, 1)})
    return scope


def _live_figure_rows(year, today, soon):
    """Every figure counted from the items themselves (SQLite, which has no tally): the items due
    in the year and (current year) the open items carried over, each grouped by department and
    category, two index-only scans of the covering indexes (supervised_item_year_figures,
    supervised_item_open_figures)."""
    year_start = datetime.date(year, 1, 1)
    counts = _figure_counts(today, soon, year_start=year_start)
    in_the_year = SupervisedItem.objects.filter(deadline__gte=year_start, deadline__lte=datetime.date(year, 12, 31))
    parts = in_the_year.values(*FIGURE_GROUPS).annotate(**counts).order_by()
    if year == today.year:
        # Open and due before the year: every one counts in total, carried_over, open and overdue
        # (due before today), in none of the others; one COUNT (PostgreSQL computes it once).
        carried = SupervisedItem.objects.filter(status=SupervisionStatus.OPEN, deadline__lt=year_start)
        each = {"total", "carried_over", "open", "overdue"}
        fixed = {key: Count("pk") if key in each else Value(0) for key in counts}
        parts = parts.union(carried.values(*FIGURE_GROUPS).annotate(**fixed).order_by(), all=True)
    return parts


def _tally_figure_rows(year, today, soon):
    """The same rows from the tally the database keeps (SupervisionTally, PostgreSQL), plus the
    few open items whose figures depend on the day.

    A tally row knows its items' deadline month only. Only open items change with today: those of
    the months before today's month are all overdue, those after are neither overdue nor due soon;
    the open items due from the first of today's month to the due-soon limit are counted from
    the items (a range of the partial index supervised_item_open_figures), whether overdue or due
    soon. Everything else (total, open, completed, on_time, carried_over) is whole months."""
    year_start, year_end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    month_start = today.replace(day=1)
    scope = Q(month__gte=year_start, month__lte=year_end)
    if year == today.year:
        scope |= Q(status=SupervisionStatus.OPEN, month__lt=year_start)

    def summed(condition):
        return Coalesce(Sum("count", filter=condition), 0)

    open_ = Q(status=SupervisionStatus.OPEN)
    sums = {
        "total": summed(~Q(status=SupervisionStatus.VOIDED)),
        "open": summed(open_),
        "due_soon": Value(0),
        "overdue": summed(open_ & Q(month__lt=month_start)),
        "completed": summed(Q(status=SupervisionStatus.COMPLETED)),
        "on_time": summed(Q(status=SupervisionStatus.COMPLETED, on_time=True)),
        "carried_over": summed(open_ & Q(month__lt=year_start)),
    }
    tally = SupervisionTally.objects.filter(scope).values(*FIGURE_GROUPS).annotate(**sums).order_by()
    live = {key: Value(0) for key in FIGURE_KEYS}
    live["overdue"] = Count("pk", filter=Q(deadline__lt=today))
    live["due_soon"] = Count("pk", filter=Q(deadline__gte=today))
    day_by_day = SupervisedItem.objects.filter(
        status=SupervisionStatus.OPEN,
        deadline__gte=max(month_start, year_start),
        deadline__lte=min(soon, year_end),
    )
    return tally.union(day_by_day.values(*FIGURE_GROUPS).annotate(**live).order_by(), all=True)


def dashboard_figures(*, year: int, today=None, overdue_limit=50, live=None):
    """The leaders' dashboard for the items whose deadline falls in `year` and, in the current
    year's view, the items of earlier years still open (`carried_over`).

    Every figure is a database aggregate: one query grouped by department and category (the
    departments, categories and totals add up its rows), one for the departments' names and one
    for the overdue list, however many items there are. On PostgreSQL the grouped query sums the
    tally (SupervisionTally); on SQLite, or with `live=True`, it counts the items: the same figures."""
    today = today or timezone.localdate()
    soon = due_soon_limit(today)
    in_year = _year_scope(year, today)
    if live is None:
        live = connection.vendor != "postgresql"
    parts = (_live_figure_rows if live else _tally_figure_rows)(year, today, soon)
    # No join: the departments' names are read once, below; the rows are added up here.
    by_department, by_category = {}, {}
    for row in parts:
        department = by_department.setdefault(
            row["owner_department_id"], {"pk": row["owner_department_id"], **dict.fromkeys(FIGURE_KEYS, 0)}
        )
        category = by_category.setdefault(row["category"], dict.fromkeys(FIGURE_KEYS, 0))
        for key in FIGURE_KEYS:
            department[key] += row[key]
            category[key] += row[key]
    names = Department.objects.filter(pk__in=by_department).order_by("sort_order", "pk").values_list("pk", "name")
    departments = [_with_rates({**by_department[pk], "name": name}) for pk, name in names]
    by_category = {value: _with_rates(row) for value, row in by_category.items()}
    categories = []
    for value, label in category_choices():
        row = by_category.get(value) or _with_rates(dict.fromkeys(FIGURE_KEYS, 0))
        categories.append({"category": value, "label": label, **row})

    # The totals are the sum of the (at most six) category rows: one scan of the year fewer.
    totals = _with_rates({key: sum(row[key] for row in categories) for key in FIGURE_KEYS})

    # Only the columns the list shows: building 50 whole items with their departments and users
    # cost more than the query itself (0.3 ms at a million items).
    overdue = list(
        SupervisedItem.objects.filter(in_year, status=SupervisionStatus.OPEN, deadline__lt=today)
        .select_related("owner_department", "responsible")
        .only(*OVERDUE_COLUMNS)
        .order_by("deadline", "id")[:overdue_limit]
    )
    for item in overdue:
        item.days_overdue = (today - item.deadline).days

    return {
        "year": year,
        "today": today,
        "due_soon_limit": soon,
        "totals": totals,
        "departments": departments,
        "categories": categories,
        "overdue": overdue,
    }


def notification_list(*, user):
    return Notification.objects.filter(recipient=user)


def notification_get(*, user, pk):
    try:
        return Notification.objects.get(recipient=user, pk=pk)
    except (Notification.DoesNotExist, ValueError):
        raise Http404("未找到该通知。") from None


def department_list(*, user):
    return Department.objects.filter(is_active=True).select_related("parent")


AUDIT_VIEW = "office.view_auditevent"


def audit_event_list(*, user):
    """The audit log for those who may search it (the administrator); nothing for anyone else."""
    from .models import AuditEvent

    if not user.has_perm(AUDIT_VIEW):
        return AuditEvent.objects.none()
    return AuditEvent.objects.all()
