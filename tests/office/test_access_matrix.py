"""The persona matrix on the core's pages and endpoints (tests/access.py)."""

import datetime

import pytest
from django.urls import reverse

from office.models import SupervisedItem
from tests.access import assert_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(handler, clerk):
    return SupervisedItem.objects.create(
        title="规划科事项",
        category="special",
        owner_department=handler.department,
        responsible=handler,
        start_date=datetime.date(2026, 3, 2),
        deadline=datetime.date(2026, 3, 31),
        created_by=clerk,
    )


def test_an_items_page_by_persona(request, item):
    assert_access(
        request,
        reverse("supervision:detail", args=[item.pk]),
        {"anonymous": 302, "other_handler": 404, "outsider": 404, "handler": 200, "clerk": 200, "leader": 200},
    )


def test_an_items_api_by_persona(request, item):
    assert_access(
        request,
        f"/api/v1/supervision/items/{item.pk}/",
        {"anonymous": 401, "other_handler": 404, "handler": 200, "leader": 200},
        api=True,
    )


def test_urging_is_refused_to_the_handler_and_writes_nothing(request, item):
    assert_access(
        request,
        f"/api/v1/supervision/items/{item.pk}/urge/",
        {"anonymous": 401, "other_handler": 404, "handler": 403, "clerk": 200},
        method="post",
        data={"text": "请抓紧"},
        api=True,
        unchanged=SupervisedItem.objects.filter(pk=item.pk),
    )
    assert item.events.filter(kind="urged").count() == 1  # the clerk's, and only it


def test_the_api_tells_each_person_what_they_may_do(client, item, handler, clerk):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(handler)
    assert api.get(f"/api/v1/supervision/items/{item.pk}/").json()["actions"] == ["complete", "progress"]
    api.force_login(clerk)
    assert api.get(f"/api/v1/supervision/items/{item.pk}/").json()["actions"] == [
        "complete",
        "progress",
        "reassign",
        "urge",
        "void",
    ]


def test_the_dashboard_by_persona(request):
    assert_access(
        request, reverse("dashboard"), {"anonymous": 302, "handler": 403, "outsider": 403, "leader": 200, "clerk": 200}
    )
