"""Helpers for the petitions tests: records are made through the services, so the rules and
the supervised items are real."""

import datetime
import itertools

from django.utils import timezone

from petitions import services

_ids = itertools.count(1)


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def id_number(n=None):
    n = next(_ids) if n is None else n
    return f"32010219800101{n:04d}"


def person(name="张三", **extra):
    return {
        "name": name,
        "id_number": extra.pop("id_number", id_number()),
        "phone": extra.pop("phone", "13900000000"),
        "address": extra.pop("address", "江苏省南京市玄武区北京东路1号"),
        **extra,
    }


def register(officer, received_on=None, *, channel="visit", petitioners=None, **extra):
    return services.petition_register(
        actor=officer,
        channel=channel,
        received_on=received_on or timezone.localdate(),
        title=extra.pop("title", "反映工程施工影响出行"),
        content=extra.pop("content", "村道被施工车辆损坏，要求修复。"),
        petitioners=petitioners or [person()],
        **extra,
    )


def accepted(officer, accepted_on, received_on=None):
    petition = register(officer, received_on or accepted_on)
    return services.petition_accept(actor=officer, petition=petition, on=accepted_on)


def replied(officer, replied_on, accepted_on=None):
    petition = accepted(officer, accepted_on or replied_on)
    return services.petition_reply(actor=officer, petition=petition, on=replied_on, reply="已修复村道。")


def reception(actor, *, visitors=4, companions=2, start=None, letter_scan="letters/demo.pdf", **extra):
    start = start or timezone.localdate() + datetime.timedelta(days=3)
    return services.reception_create(
        actor=actor,
        visiting_unit=extra.pop("visiting_unit", "省水利厅"),
        purpose=extra.pop("purpose", "调研河湖长制工作"),
        start_date=start,
        end_date=extra.pop("end_date", start),
        place=extra.pop("place", "局机关"),
        visitors=[{"name": f"来宾{i}", "post": "处长"} for i in range(visitors)],
        letter_scan=letter_scan,
        has_meals=extra.pop("has_meals", True),
        meal_companions=companions,
        **extra,
    )
