import pytest

from office.summary import figures as office_figures
from reports import services

from .data import standin_figures


@pytest.fixture(autouse=True)
def _organisation(settings, tmp_path):
    settings.ORGANISATION_NAME = "滨河市水利局"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def standin_collect(monkeypatch):
    """Real office figures plus stand-ins for documents and meetings (not written yet)."""

    def collect(year):
        return standin_figures(year) + office_figures(year)

    monkeypatch.setattr(services, "collect", collect)
    return collect
