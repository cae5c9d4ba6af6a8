"""The documents' demo: a year and the last played through the services, so every state is there,
the supervised items the services open are there and linked to their records, the serials are
gap-free, and a second run changes nothing."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone

from documents import demo
from documents.choices import IncomingStatus, OutgoingStatus
from documents.models import (
    ArchiveItem,
    IncomingDocument,
    IncomingStep,
    Instruction,
    IssuingCode,
    OutgoingDocument,
    OutgoingStep,
    Proposal,
    PublicityItem,
)
from documents.summary import figures
from office import demo as office_demo
from office.models import Notification, SupervisedItem, SupervisionEvent
from office.numbering import last_serial
from office.selectors import dashboard_figures

pytestmark = pytest.mark.django_db

REGISTERS = (
    IncomingDocument,
    IncomingStep,
    OutgoingDocument,
    OutgoingStep,
    Proposal,
    Instruction,
    ArchiveItem,
    PublicityItem,
    SupervisedItem,
    SupervisionEvent,
    Notification,
)


def snapshot():
    counts = {model.__name__: model.objects.count() for model in REGISTERS}
    counts["history"] = IncomingDocument.history.count() + OutgoingDocument.history.count()
    counts["unread"] = Notification.objects.filter(read_at__isnull=True).count()
    return counts


def statuses(queryset):
    return dict(queryset.values_list("status").annotate(n=Count("id")).order_by())


def test_the_demo_plays_the_year_through_the_services_and_a_second_run_changes_nothing():
    # One seed for all the checks: the demo takes its time, as the services do. It starts a few
    # seconds before local midnight, so the day changes while it plays (as it did in CI): the
    # services then count from the new day, and the records still stand for the first one. The
    # day must change, not the year: on 31 December the demo plays on the 30th.
    today = timezone.localdate()
    if (today.month, today.day) == (12, 31):
        today -= datetime.timedelta(days=1)
    zone = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(12), zone), tick=True):
        office_demo.seed()
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(23, 59, 57), zone), tick=True):
        demo.seed()
        assert timezone.localdate() > today
    every_state_is_there_and_voided_records_give_a_reason()
    the_services_steps_are_there_with_the_right_actors(today)
    supervised_items_are_opened_by_the_services_and_linked_to_their_records(today)
    serials_are_gap_free_in_received_order_and_numbers_in_their_year(today)
    dates_are_backdated_and_the_annual_summary_has_both_years(today)
    first = snapshot()
    demo.seed()
    assert snapshot() == first


def every_state_is_there_and_voided_records_give_a_reason():
    assert set(statuses(IncomingDocument.objects)) == set(IncomingStatus.values)
    assert set(statuses(OutgoingDocument.objects)) == set(OutgoingStatus.values)
    for model in (IncomingDocument, OutgoingDocument, Proposal, Instruction, PublicityItem):
        voided = model.objects.filter(voided_at__isnull=False)
        assert voided.exists(), model
        assert not voided.filter(void_reason="").exists(), model
    assert {"handling", "replied"} <= set(statuses(Proposal.objects))
    assert set(Proposal.objects.exclude(satisfaction="").values_list("satisfaction", flat=True)) >= {
        "satisfied",
        "basically",
    }
    assert {"open", "completed", "voided"} == set(statuses(Instruction.objects))
    assert ArchiveItem.objects.filter(outgoing__isnull=False).exists()
    assert ArchiveItem.objects.filter(incoming__isnull=False).exists()
    assert set(PublicityItem.objects.values_list("channel", flat=True)) == {"website", "wechat", "media"}


def the_services_steps_are_there_with_the_right_actors(today):
    done = IncomingDocument.objects.filter(status=IncomingStatus.DONE, handling_type="action").first()
    kinds = list(done.steps.values_list("kind", flat=True))
    assert kinds[:3] == ["receive", "register", "review"] and kinds[-1] == "complete"
    assert done.steps.get(kind="register").actor.username == "clerk"
    assert done.steps.get(kind="complete").actor.department_id == done.lead_department_id
    instructed = IncomingStep.objects.filter(kind="instruct").select_related("actor")
    assert all(step.actor.groups.filter(name="局领导").exists() for step in instructed[:20])
    signed = OutgoingDocument.objects.filter(status=OutgoingStatus.ARCHIVED).first()
    assert list(signed.steps.values_list("kind", flat=True))[-4:] == ["sign", "number", "dispatch", "archive"]
    assert signed.steps.get(kind="sign").actor == signed.signer
    # The steps are dated in order, the past ones in the past.
    moments = list(done.steps.values_list("created_at", flat=True))
    assert moments == sorted(moments) and moments[-1].date() < today


def supervised_items_are_opened_by_the_services_and_linked_to_their_records(today):
    for category, model in (("document", IncomingDocument), ("instruction", Instruction), ("proposal", Proposal)):
        items = SupervisedItem.objects.filter(category=category, source_type=ContentType.objects.get_for_model(model))
        assert set(statuses(items)) == {"open", "completed", "voided"}, category
        sources = model.objects.in_bulk(items.values_list("source_id", flat=True))
        assert len(sources) == items.values("source_id").distinct().count(), category
    incoming = ContentType.objects.get_for_model(IncomingDocument)
    documents = IncomingDocument.objects.in_bulk()
    for item in SupervisedItem.objects.filter(source_type=incoming):
        document = documents[item.source_id]
        assert item.deadline == document.deadline
        assert item.owner_department_id == document.lead_department_id
        assert item.responsible_id == document.responsible_id
        assert item.status == {"handling": "open", "done": "completed", "voided": "voided"}[document.status]
        # Dated when the document was assigned, not when the demo ran.
        assigned = document.steps.get(kind="assign").created_at
        assert item.start_date == timezone.localdate(assigned)
        if item.completed_on:
            assert item.completed_on == timezone.localdate(document.completed_at)
    # A done 办件 with a deadline closed its item; a 办件 in hand has one open.
    for document in IncomingDocument.objects.filter(status__in=["handling", "done"], deadline__isnull=False):
        assert SupervisedItem.objects.filter(source_type=incoming, source_id=document.pk).exists(), document
    assert Instruction.objects.filter(incoming__isnull=False).exists()
    # The leaders' dashboard shows 文件督办 for both years, with overdue documents.
    for year in (today.year, today.year - 1):
        categories = {row["category"]: row for row in dashboard_figures(year=year)["categories"]}
        assert categories["document"]["total"] > 0
        assert categories["instruction"]["total"] > 0
        assert categories["proposal"]["total"] > 0
    overdue = [dashboard_figures(year=y)["categories"] for y in (today.year, today.year - 1)]
    assert sum(row["overdue"] for rows in overdue for row in rows if row["category"] == "document") > 0


def serials_are_gap_free_in_received_order_and_numbers_in_their_year(today):
    for year in (today.year - 1, today.year):
        serials = list(
            IncomingDocument.objects.filter(year=year).order_by("received_at", "id").values_list("serial", flat=True)
        )
        assert len(serials) > 20
        assert serials == list(range(1, len(serials) + 1)), year
        for code in IssuingCode.objects.all():
            numbered = OutgoingDocument.objects.filter(issuing_code=code, number_year=year)
            numbered = numbered.order_by("numbered_at", "id")
            assert list(numbered.values_list("number_serial", flat=True)) == list(range(1, numbered.count() + 1))
            assert all(timezone.localtime(d.numbered_at).year == year for d in numbered)
        pieces = ArchiveItem.objects.filter(year=year).values("retention", "org_code").annotate(n=Count("id"))
        for group in pieces:
            numbers = ArchiveItem.objects.filter(year=year, **{k: group[k] for k in ("retention", "org_code")})
            assert sorted(numbers.values_list("piece_number", flat=True)) == list(range(1, group["n"] + 1))
    # The next registration continues after the demo's serials.
    assert last_serial("documents:incoming", today.year) == IncomingDocument.objects.filter(year=today.year).count()


def dates_are_backdated_and_the_annual_summary_has_both_years(today):
    # Only today's documents carry today's date.
    week_ago = today - datetime.timedelta(days=7)
    assert IncomingDocument.objects.filter(received_at__date__lt=week_ago).count() > 200
    assert not SupervisedItem.objects.filter(category="document", start_date=today, deadline__lt=today).exists()
    assert ArchiveItem.objects.filter(archived_on__year=today.year - 1).exists()
    # A draft's first 正文 version was written with the draft, on the draft's day.
    from documents.models import BodyVersion

    firsts = BodyVersion.objects.filter(number=1).select_related("document")
    assert firsts.count() > 100
    assert all(abs(v.created_at - v.document.created_at) < datetime.timedelta(hours=1) for v in firsts)
    result = {f.key: f for f in figures(today.year)}
    assert all(f.value is not None and f.last_year is not None for f in result.values())
    assert result["documents.incoming"].value > 0 and result["documents.incoming"].last_year > 0
    assert result["documents.outgoing"].value > 0 and result["documents.outgoing"].last_year > 0
    # Old notifications are read; those of the last days wait for their people.
    old = Notification.objects.filter(created_at__date__lt=week_ago)
    assert old.exists() and not old.filter(read_at__isnull=True).exists()
    assert Notification.objects.filter(read_at__isnull=True).exists()
