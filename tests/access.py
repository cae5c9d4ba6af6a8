"""The persona matrix every app's tests use: who gets what from one page or endpoint.

    assert_access(request, reverse("documents:incoming_detail", args=[doc.pk]), {
        "anonymous": 302,        # pages send a visitor to the login page (the API answers 401)
        "other_handler": 404,    # another department: the record does not exist for them
        "handler": 200,          # sees it
    })
    assert_access(request, url, {"handler": 403, "clerk": 302}, method="post", data={...})

Keys are persona fixture names from tests/conftest.py, or "anonymous". `api=True` uses a DRF
client (JSON bodies, 401 for anonymous). A write that is refused must leave the database as it
was: pass `unchanged=queryset` and its rows are compared before and after each refused call.
"""

from django.test import Client
from rest_framework.test import APIClient


def api_client(user=None):
    """A DRF client, authenticated as `user` when one is given."""
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _client(request, persona, api):
    client = APIClient() if api else Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


def _snapshot(queryset):
    return None if queryset is None else list(queryset.order_by("pk").values())


def assert_access(request, url, expected: dict, *, method="get", data=None, api=False, unchanged=None):
    """Asserts each persona's status code; for refusals (4xx) also that `unchanged` did not change."""
    found = {}
    for persona, status in expected.items():
        before = _snapshot(unchanged) if status >= 400 else None
        client = _client(request, persona, api)
        call = getattr(client, method)
        kwargs = {"format": "json"} if api and data is not None else {}
        response = call(url, data, **kwargs) if data is not None else call(url)
        found[persona] = response.status_code
        if status >= 400 and unchanged is not None:
            assert _snapshot(unchanged) == before, f"{persona}'s refused {method} changed the data"
        if persona == "anonymous" and not api and status == 302:
            assert "/accounts/login/" in response["Location"]
    assert found == expected


def assert_flat_queries(client, url, add_rows, *, few=2, many=20):
    """The page costs the same number of queries with `few` rows as with `many`:
    `add_rows(n)` creates n more rows the page lists. Returns the last response."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_rows(few)
    client.get(url)  # warm caches (content types, permissions, the session)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add_rows(many - few)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries), (
        f"{url}: {len(small.captured_queries)} queries with {few} rows, {len(large.captured_queries)} with {many}"
    )
    return response
