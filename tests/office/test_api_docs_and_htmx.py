"""The schema and the docs need login; an htmx request after the idle timeout reloads the page at login."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_schema_needs_login(client):
    response = client.get("/api/schema/")
    assert response.status_code == 401
    assert b"openapi" not in response.content


def test_the_docs_send_an_anonymous_visitor_to_login(client):
    for url in ("/api/docs/", "/api/docs/?script="):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{reverse('login')}?next=")


def test_the_docs_page_loads_its_init_script_as_a_file(client, handler):
    client.force_login(handler)
    page = client.get("/api/docs/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "<style" not in body
    assert "<script>" not in body  # no inline script: every script has a src
    assert 'src="/api/docs/?script="' in body
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert client.get("/api/schema/").status_code == 200


def test_an_htmx_request_after_the_idle_timeout_gets_hx_redirect(client, handler):
    client.force_login(handler)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(
        "/notifications/", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://testserver/supervision/?year=2026"
    )
    assert response.status_code == 200
    assert "Location" not in response
    assert response["HX-Redirect"] == f"{reverse('login')}?next=%2Fsupervision%2F%3Fyear%3D2026"


def test_an_htmx_redirect_keeps_to_this_site(client, db):
    response = client.get("/notifications/", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://evil.example/x")
    assert response["HX-Redirect"] == f"{reverse('login')}?next=/notifications/"


def test_a_plain_request_still_gets_the_302(client, db):
    response = client.get("/notifications/")
    assert response.status_code == 302
