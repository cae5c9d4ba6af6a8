"""The API documentation (Swagger UI) in Chromium: behind login, and within the CSP."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_need_login_and_render_without_a_csp_violation(page, console, handler):
    page.goto("/api/docs/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/api/docs/$"))
    page.fill("#id_username", "handler")
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/api/docs/$"))
    # The schema was fetched with the session and rendered: an operation of the core is listed.
    # Generating the whole schema takes over 5 s (the default wait) on a slow machine.
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible(timeout=60_000)
    expect(page.locator(".swagger-ui")).to_contain_text("/api/v1/auth/token/")
    page.wait_for_load_state("networkidle")
    assert console.csp_violations() == []
