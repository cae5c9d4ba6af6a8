"""Lists that had no query-count test: each costs the same with 2 rows and with 20."""

import datetime
import itertools

import pytest
from django.urls import reverse

from documents.models import ArchiveItem, PublicityItem
from meetings.models import Room
from office.services.notifications import notification_send
from tests.access import assert_flat_queries

from .factories import IncomingFactory

pytestmark = pytest.mark.django_db
serial = itertools.count(1)


def test_the_archive_list(client, clerk, handler):
    client.force_login(clerk)

    def add(n):
        for _ in range(n):
            k = next(serial)
            ArchiveItem.objects.create(
                fonds_code="X001",
                year=2026,
                retention="D30",
                org_code="GH",
                piece_number=k,
                archive_number=f"X001-WS·2026-D30-GH-{k:04d}",
                title=f"归档文件{k}",
                department=handler.department,
                archived_on=datetime.date(2026, 3, 1),
                archived_by=clerk,
            )

    response = assert_flat_queries(client, reverse("documents:archive_list") + "?year=2026", add)
    assert len(response.context["page"]) == 20


def test_the_publicity_list(client, clerk, handler):
    client.force_login(clerk)

    def add(n):
        for _ in range(n):
            PublicityItem.objects.create(
                channel="website",
                published_on=datetime.date(2026, 3, 1),
                title=f"报道{next(serial)}",
                department=handler.department,
                created_by=clerk,
            )

    assert_flat_queries(client, reverse("documents:publicity_list") + "?year=2026", add)


def test_the_documents_to_do(client, clerk):
    client.force_login(clerk)
    # Received and not yet registered: each waits for the clerk.
    response = assert_flat_queries(client, reverse("documents:todo"), lambda n: IncomingFactory.create_batch(n))
    assert len(response.context["incoming"]) == 20


def test_the_notifications(client, handler):
    client.force_login(handler)

    def add(n):
        for _ in range(n):
            notification_send(recipient=handler, title=f"通知{next(serial)}", url="/", email=False)

    assert_flat_queries(client, reverse("notifications:list"), add)


def test_the_rooms(client, clerk):
    client.force_login(clerk)

    def add(n):
        for _ in range(n):
            Room.objects.create(name=f"会议室{next(serial)}", capacity=20)

    assert_flat_queries(client, reverse("meetings:rooms"), add)


def test_the_open_documents_index_covers_exactly_the_open_statuses():
    from documents.models.incoming import OPEN_STATUSES
    from documents.selectors import INCOMING_OPEN

    assert sorted(OPEN_STATUSES) == sorted(INCOMING_OPEN)
