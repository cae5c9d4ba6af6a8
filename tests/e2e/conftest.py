"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the database calls the fixtures make while that loop exists.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # As the pages' own default below: an assertion waits up to 15 s, not Playwright's 5 s, for a
    # machine that is slow or running the other tests beside this one.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    # The live server needs committed rows, so these tests run in transactional mode, which
    # empties every table after each test, the role groups of the data migration included.
    from office.roles import sync_roles

    sync_roles()


class ConsoleLog:
    """What the page reported: console errors and uncaught exceptions."""

    def __init__(self):
        self.errors = []

    def csp_violations(self):
        return [e for e in self.errors if "Content Security Policy" in e or "Content-Security-Policy" in e]

    def clear(self):
        self.errors.clear()


@pytest.fixture
def console():
    return ConsoleLog()


@pytest.fixture
def page(browser, live_server, console):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda message: console.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console.errors.append(f"uncaught: {error}"))
    yield page
    context.close()
