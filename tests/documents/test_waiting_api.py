"""The to-do list through the API (/api/v1/documents/waiting/): the same rows as the 公文待办 page,
each person only what waits for them, masked titles without clearance, a flat query count."""

import datetime

import pytest
from django.utils import timezone

from documents.choices import IncomingStatus, OutgoingStatus
from tests.access import assert_flat_queries

from .conftest import api
from .factories import IncomingFactory, OutgoingFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/documents/waiting/"


def test_each_person_gets_what_waits_for_them(clerk, handler):
    today = timezone.localdate()
    registered = IncomingFactory(status=IncomingStatus.REGISTERED, title="关于报送统计年报的通知")
    overdue = IncomingFactory(
        status=IncomingStatus.HANDLING, lead_department=handler.department, deadline=today - datetime.timedelta(3)
    )
    returned = OutgoingFactory(status=OutgoingStatus.RETURNED, drafter=handler, department=handler.department)

    rows = api(clerk).get(URL).data
    assert [row["id"] for row in rows["incoming"]] == [registered.pk]
    assert rows["incoming"][0]["waiting_as"] == "待初审"
    assert rows["outgoing"] == []

    rows = api(handler).get(URL).data
    assert [(row["id"], row["waiting_as"], row["is_overdue"]) for row in rows["incoming"]] == [
        (overdue.pk, "待办结", True)
    ]
    assert [row["id"] for row in rows["outgoing"]] == [returned.pk]


def test_a_classified_title_is_masked_without_clearance(handler):
    IncomingFactory(
        status=IncomingStatus.HANDLING, lead_department=handler.department, classification="confidential",
        title="关于核查某工程的通知",
    )  # fmt: skip
    row = api(handler).get(URL).data["incoming"][0]
    assert "核查" not in row["title"]


def test_anonymous_is_refused():
    assert api().get(URL).status_code in (401, 403)


def test_the_query_count_does_not_grow_with_what_waits(clerk, handler, leader):
    def grow(n):
        IncomingFactory.create_batch(n, status=IncomingStatus.REGISTERED)
        # The serializer names the reviewer and the signing leader: read with the rows.
        OutgoingFactory.create_batch(n, status=OutgoingStatus.SIGNED, reviewer=handler, signing_leader=leader)

    response = assert_flat_queries(api(clerk), URL, grow)
    assert len(response.data["incoming"]) == 20 and len(response.data["outgoing"]) == 20
