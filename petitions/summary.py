"""The petitions app's figures for the annual summary: （五）receptions and （六）petitions, duty
and patrols, each with last year's value where the sentence compares.

A bounded number of queries (one GROUP BY per register, one for the begin dates of each, one
for the named events), never a loop over rows. A year before a register's records begin gives
None (the records cannot say), not 0.

- visits: 来访 counted in persons (人次: a group of five is 5) and in batches (批次: 1);
- letters, online, phone: petitions registered in the year by channel (件);
- transfers (转办): petitions registered in the year that were 转送 or 交办;
- receptions: receptions held (status 已完成) that began in the year, their visitors (人次),
  and the names of the large meetings and inspection teams among them;
- duty days: days of the year on the roster up to today; patrols: patrols recorded."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from office.figures import Figure, counted, records_begin

from .choices import Channel, ReceptionKind, ReceptionStatus, Route
from .models import DutyDay, Patrol, Petition, Reception, ReceptionVisitor


def _url(name, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse(name)}?{query}"


def _by_year(qs, date_field, year, **aggregates):
    rows = (
        qs.filter(**{f"{date_field}__year__in": [year - 1, year]})
        .annotate(y=ExtractYear(date_field))
        .values("y")
        .annotate(**aggregates)
        .order_by()
    )
    found = {row["y"]: row for row in rows}
    return {y: found.get(y, {}) for y in (year - 1, year)}


def figures(year: int) -> list[Figure]:
    petitions = Petition.objects.filter(voided_at__isnull=True)
    visit = Q(channel=Channel.VISIT)
    p = _by_year(
        petitions,
        "received_on",
        year,
        visits=Sum("persons", filter=visit),
        batches=Count("pk", filter=visit),
        letters=Count("pk", filter=Q(channel=Channel.LETTER)),
        online=Count("pk", filter=Q(channel=Channel.ONLINE)),
        phone=Count("pk", filter=Q(channel=Channel.PHONE)),
        transfers=Count("pk", filter=Q(route__in=[Route.TRANSFER, Route.ASSIGN])),
    )
    p_begin = records_begin((Petition.objects.all(), "received_on"))

    held = Reception.objects.filter(voided_at__isnull=True, status=ReceptionStatus.DONE)
    r = _by_year(held, "start_date", year, receptions=Count("pk"))
    v = _by_year(
        ReceptionVisitor.objects.filter(reception__in=held), "reception__start_date", year, visitors=Count("pk")
    )
    r_begin = records_begin((Reception.objects.all(), "start_date"))
    events = list(
        held.filter(start_date__year=year)
        .exclude(kind=ReceptionKind.ROUTINE)
        .order_by("start_date", "id")
        .values_list("event_name", flat=True)
    )

    today = timezone.localdate()
    d = _by_year(DutyDay.objects.filter(date__lte=today), "date", year, days=Count("pk"))
    d_begin = records_begin((DutyDay.objects.all(), "date"))
    t = _by_year(Patrol.objects.filter(voided_at__isnull=True), "date", year, patrols=Count("pk"))
    t_begin = records_begin((Patrol.objects.all(), "date"))

    def val(table, name, y, begin):
        return counted(table[y].get(name) or 0, y, begin)

    def fig(key, table, name, begin, url, compare=True, names=()):
        return Figure(
            key=key,
            value=val(table, name, year, begin),
            last_year=val(table, name, year - 1, begin) if compare else None,
            url=url,
            names=names,
        )

    petition_list = "petitions:petition_list"
    return [
        fig("petitions.visits", p, "visits", p_begin, _url(petition_list, year=year, channel=Channel.VISIT)),
        fig("petitions.visit_batches", p, "batches", p_begin, _url(petition_list, year=year, channel=Channel.VISIT)),
        fig("petitions.letters", p, "letters", p_begin, _url(petition_list, year=year, channel=Channel.LETTER)),
        fig("petitions.transfers", p, "transfers", p_begin, _url(petition_list, year=year, transferred="true")),
        fig("petitions.online", p, "online", p_begin, _url(petition_list, year=year, channel=Channel.ONLINE)),
        fig("petitions.phone", p, "phone", p_begin, _url(petition_list, year=year, channel=Channel.PHONE)),
        fig(
            "petitions.receptions",
            r,
            "receptions",
            r_begin,
            _url("petitions:reception_list", year=year, status=ReceptionStatus.DONE),
        ),
        fig(
            "petitions.reception_visitors",
            v,
            "visitors",
            r_begin,
            _url("petitions:reception_list", year=year, status=ReceptionStatus.DONE),
        ),
        Figure(
            key="petitions.reception_events",
            value=counted(len(events), year, r_begin),
            url=_url("petitions:reception_list", year=year, status=ReceptionStatus.DONE),
            names=tuple(f"“{name}”" for name in events),
        ),
        fig("petitions.duty_days", d, "days", d_begin, _url("petitions:duty_list", year=year)),
        fig("petitions.patrols", t, "patrols", t_begin, _url("petitions:patrol_list", year=year)),
    ]
