"""Each statutory clock at its edges, in calendar-day and working-day modes: the last day of
the window is allowed, the day after is refused (with the rule and the date in the message)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from office.choices import SupervisionStatus
from office.services.supervision import supervised_items_for_source
from office.workdays import is_working_day
from petitions import services
from petitions.choices import PetitionStatus

from .factories import register

pytestmark = pytest.mark.django_db
ONE = datetime.timedelta(days=1)


@pytest.fixture(params=["calendar", "working"])
def mode(request, settings):
    settings.PETITIONS_DEADLINE_WORKING_DAYS = request.param == "working"
    return request.param


def last_day():
    """The latest day a clock can end on, up to today: today, or in working-day mode the last
    working day."""
    day = timezone.localdate()
    if services.working_days_mode():
        while not is_working_day(day):
            day -= ONE
    return day


def start_for(limit, days):
    """A start date whose clock of `days` days ends exactly on `limit`."""
    day = limit - datetime.timedelta(days=days * 2 + 30)
    while day < limit:
        if services.limit_after(day, days) == limit:
            return day
        day += ONE
    raise AssertionError(f"no start ends on {limit}")


def edges(days):
    """(start whose clock ends on the step's date, start whose clock ended the day before, date)."""
    on = last_day()
    allowed = start_for(on, days)
    refused = allowed - ONE
    while services.limit_after(refused, days) >= on:
        refused -= ONE
    return allowed, refused, on


def open_clock(petition):
    return supervised_items_for_source(petition).filter(status=SupervisionStatus.OPEN).get()


def test_decide_within_15_days(mode, petitions_officer):
    allowed, refused, on = edges(15)
    late = register(petitions_officer, refused)
    with pytest.raises(ValidationError) as error:
        services.petition_transfer(actor=petitions_officer, petition=late, on=on, transferred_to="某镇政府")
    assert "15" in error.value.message_dict["decided_on"][0]
    petition = register(petitions_officer, allowed)
    assert open_clock(petition).deadline == on
    petition = services.petition_transfer(actor=petitions_officer, petition=petition, on=on, transferred_to="某镇政府")
    assert petition.status == PetitionStatus.TRANSFERRED


def test_reply_within_60_days_of_acceptance(mode, petitions_officer):
    allowed, refused, on = edges(60)
    late = services.petition_accept(actor=petitions_officer, petition=register(petitions_officer, refused), on=refused)
    with pytest.raises(ValidationError) as error:
        services.petition_reply(actor=petitions_officer, petition=late, on=on, reply="答复")
    assert "60" in error.value.message_dict["replied_on"][0]
    petition = services.petition_accept(
        actor=petitions_officer, petition=register(petitions_officer, allowed), on=allowed
    )
    assert petition.due_on == on and open_clock(petition).deadline == on
    assert services.petition_reply(actor=petitions_officer, petition=petition, on=on, reply="答复").replied_on == on


def test_reply_within_the_extended_period(mode, petitions_officer, leader):
    allowed, refused, on = edges(90)
    for start, ok in ((allowed, True), (refused, False)):
        petition = services.petition_accept(
            actor=petitions_officer, petition=register(petitions_officer, start), on=start
        )
        petition = services.petition_extend(
            actor=leader, petition=petition, days=30, reason="情况复杂", on=petition.due_on - ONE * 5
        )
        assert open_clock(petition).deadline == petition.due_on
        if ok:
            assert petition.due_on == on
            assert services.petition_reply(actor=petitions_officer, petition=petition, on=on, reply="答复").replied_on
        else:
            with pytest.raises(ValidationError) as error:
                services.petition_reply(actor=petitions_officer, petition=petition, on=on, reply="答复")
            assert "延长30" in error.value.message_dict["replied_on"][0]


def test_review_requested_and_decided_within_30_days(mode, petitions_officer):
    allowed, refused, on = edges(30)
    for start, ok in ((allowed, True), (refused, False)):
        petition = services.petition_accept(
            actor=petitions_officer, petition=register(petitions_officer, start), on=start
        )
        petition = services.petition_reply(actor=petitions_officer, petition=petition, on=start, reply="答复")
        if ok:
            petition = services.petition_review_request(actor=petitions_officer, petition=petition, on=on)
            assert petition.status == PetitionStatus.REVIEW
        else:
            with pytest.raises(ValidationError):
                services.petition_review_request(actor=petitions_officer, petition=petition, on=on)
    for start, ok in ((allowed, True), (refused, False)):
        petition = services.petition_accept(
            actor=petitions_officer, petition=register(petitions_officer, start), on=start
        )
        petition = services.petition_reply(actor=petitions_officer, petition=petition, on=start, reply="答复")
        petition = services.petition_review_request(actor=petitions_officer, petition=petition, on=start)
        clock = open_clock(petition)
        assert clock.deadline == services.limit_after(start, 30)
        decide = lambda p=petition: services.petition_review_decide(  # noqa: E731
            actor=petitions_officer, petition=p, on=on, result="upheld", note="维持"
        )
        if ok:
            assert decide().status == PetitionStatus.REVIEWED
            clock.refresh_from_db()
            assert clock.status == SupervisionStatus.COMPLETED
        else:
            with pytest.raises(ValidationError):
                decide()


def test_re_review_requested_within_30_days_of_the_review(mode, petitions_officer):
    allowed, refused, on = edges(30)
    for start, ok in ((allowed, True), (refused, False)):
        petition = services.petition_accept(
            actor=petitions_officer, petition=register(petitions_officer, start), on=start
        )
        petition = services.petition_reply(actor=petitions_officer, petition=petition, on=start, reply="答复")
        petition = services.petition_review_request(actor=petitions_officer, petition=petition, on=start)
        petition = services.petition_review_decide(
            actor=petitions_officer, petition=petition, on=start, result="upheld", note="维持"
        )
        if ok:
            petition = services.petition_re_review_request(actor=petitions_officer, petition=petition, on=on)
            assert open_clock(petition).deadline == services.limit_after(on, 30)
        else:
            with pytest.raises(ValidationError) as error:
                services.petition_re_review_request(actor=petitions_officer, petition=petition, on=on)
            assert "复核" in error.value.message_dict["re_review_requested_on"][0]
