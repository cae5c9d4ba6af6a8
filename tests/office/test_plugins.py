"""The core knows no domain app: every app plugs in through its own hooks.py."""

import ast
import pathlib

import pytest
from django.urls import reverse

from office import plugins
from office.figures import Figure, counted, records_begin
from office.models import SupervisedItem

DOMAIN_APPS = {"documents", "meetings", "personnel", "petitions", "partybuilding", "reports"}
OFFICE = pathlib.Path(__file__).resolve().parents[2] / "office"


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_the_core_imports_no_domain_app():
    offenders = []
    for path in OFFICE.rglob("*.py"):
        if "migrations" in path.parts or "settings" in path.parts:
            continue
        for module in _imported_modules(path):
            if module.split(".")[0] in DOMAIN_APPS:
                offenders.append(f"{path.relative_to(OFFICE.parent)}: {module}")
    assert offenders == []


def test_the_check_sees_an_upward_import(tmp_path):
    # The check above must be able to fail: a file importing a domain app is found.
    sample = tmp_path / "sample.py"
    sample.write_text("from documents.selectors import waiting_documents\nimport reports.figures\n")
    assert {m.split(".")[0] for m in _imported_modules(sample)} == {"documents", "reports"}


def test_every_installed_app_with_a_hook_is_discovered():
    labels = [p.label for p in plugins.plugins()]
    assert labels[0] == "office"
    assert {"documents", "meetings", "reports"} <= set(labels)


def test_navigation_merges_sections_by_title_in_order():
    titles = [section.title for section in plugins.navigation()]
    assert titles[0] == "工作台" and titles[-1] == "系统"
    assert titles.index("办文") < titles.index("办会") < titles.index("年度工作总结")
    assert len(titles) == len(set(titles))


def test_supervision_categories_are_registered_by_the_apps():
    codes = dict(plugins.category_choices())
    assert codes["special"] == "专题任务"  # the core's own
    assert codes["document"] == "文件督办" and codes["meeting"] == "会议议定"  # documents', meetings'


def test_routes_come_from_the_hooks():
    assert reverse("documents:incoming_list") == "/documents/incoming/"
    assert reverse("supervision:list") == "/supervision/"


@pytest.mark.django_db
def test_a_year_before_the_records_begin_has_no_figure(settings, clerk, handler):
    from tests.factories import SupervisedItemFactory

    assert records_begin((SupervisedItem.objects.all(), "start_date")) is None
    assert counted(0, 2025, None) is None  # no records at all: the records cannot say
    import datetime

    SupervisedItemFactory(start_date=datetime.date(2025, 3, 1), deadline=datetime.date(2025, 3, 9))
    begin = records_begin((SupervisedItem.objects.all(), "start_date"))
    assert begin == datetime.date(2025, 3, 1)
    assert counted(0, 2024, begin) is None  # before the records begin: missing, never 0
    assert counted(0, 2025, begin) == 0  # a year they cover: a true zero
    settings.RECORDS_START_DATE = datetime.date(2026, 1, 1)
    assert counted(5, 2025, begin) is None  # before the system was taken into use


def test_figure_carries_no_label_unit_or_section():
    # The outline (reports/outline.py) is their one source.
    assert set(Figure.__dataclass_fields__) == {"key", "value", "last_year", "url", "names"}


def test_apps_add_their_periodic_tasks_and_queues():
    from office.celery import app

    assert "supervision-reminders" in app.conf.beat_schedule  # the core's
    assert app.conf.beat_schedule["duty-reminders"]["task"] == "petitions.tasks.duty_send_reminders"
    assert app.conf.task_routes["reports.tasks.*"] == {"queue": "exports"}


def test_the_openapi_schema_of_every_app_builds_without_a_warning(tmp_path):
    # Each app names its choice sets in its hooks.py (enum_overrides); a collision or an
    # untyped field makes the schema ambiguous for API clients.
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert (tmp_path / "schema.yaml").stat().st_size > 10_000


@pytest.fixture
def sample_app(settings):
    """Installs tests/office/sample_app the way a deployment adds an app (INSTALLED_APPS only)."""
    import importlib

    from django.urls import clear_url_caches

    import office.api.urls
    import office.urls

    def reload():
        plugins.plugins.cache_clear()
        clear_url_caches()
        importlib.reload(office.api.urls)
        importlib.reload(office.urls)

    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "tests.office.sample_app"]
    reload()
    yield
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "tests.office.sample_app"]
    reload()


@pytest.mark.django_db
def test_a_new_app_is_its_folder_and_its_hook(sample_app, client, handler):
    assert "样例" in [section.title for section in plugins.navigation()]
    assert dict(plugins.category_choices())["sample"] == "样例事项"
    assert reverse("sample_app:index") == "/sample/"
    assert "sample_app" in [label for label, _ in plugins.summary_functions()]
    client.force_login(handler)
    page = client.get("/")
    assert "样例页面" in page.content.decode()  # the shell shows its menu
    assert client.get("/sample/").content.decode() == "样例应用"
