"""Property-based API testing: schemathesis generates requests from the OpenAPI schema
(`/api/schema/`) and sends them, with a clerk's API token (a broad role that logs in without the
second factor), to the application in-process (WSGI, the whole middleware stack). No request may
answer 500, and a documented answer must match its schema.

Bounded: a few examples per operation (SCHEMATHESIS_EXAMPLES, default 3) and no shrinking, so the
run stays under about a minute; the auth endpoints are left out (logging out would revoke the
token in use). Runs in `make test` like every other test (marker `schemathesis` to select it)."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from office.services.tokens import token_issue

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "3"))


@pytest.fixture
def api_token(db, clerk, planning, handler, leader):
    """A clerk's token; a few people and departments so ids in requests sometimes exist."""
    _token, key = token_issue(user=clerk, name="schemathesis")
    return key


@pytest.fixture
def wsgi_app():
    from django.core.wsgi import get_wsgi_application

    # As Django's test client does: the request's end must not close the test's connection
    # (it runs inside the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app, api_token):
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", wsgi_app, headers={"Authorization": f"Token {api_token}"}
    )
    return schema.exclude(path_regex=r"^/api/v1/auth/")


@pytest.mark.schemathesis
def test_the_api_never_answers_500_and_conforms(api_schema, api_token):
    headers = {"Authorization": f"Token {api_token}"}
    failures = []
    operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - all operations tried, all failures told
            failures.append(f"{operation.label}: {str(error)[:1500]}")
    assert operations > 50  # the schema was read whole
    assert not failures, "\n\n".join(failures)
