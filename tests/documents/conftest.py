import pytest
from rest_framework.test import APIClient

from documents.models import IssuingCode


@pytest.fixture
def code(db):
    return IssuingCode.objects.get_or_create(code="X水发", defaults={"description": "局发文"})[0]


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture(autouse=True)
def _fresh_lexeme_statistics():
    """Each test reads the statistics of its own rows (search.frequencies keeps them a while)."""
    from documents import search

    search.frequencies.forget()
    yield
    search.frequencies.forget()


@pytest.fixture(params=["many", "few", "estimated"])
def many(request, monkeypatch):
    """Every way of reading a page: the windows after counting more matches than the paginator
    counts exactly (3 here instead of 1,000), the plain query (few matches, counted exactly), and
    the windows without a count (every lexeme common and the planner's estimate of the rarest ones
    large; here each word's last lexeme stands for its rarest)."""
    from documents import search
    from office.views.generic import CappedPaginator

    if request.param != "few":
        monkeypatch.setattr(CappedPaginator, "EXACT", 3)
    if request.param == "estimated":
        common = lambda table, words: ([word[-1] for word in words], 50_000) if words else None  # noqa: E731
        monkeypatch.setattr(search.frequencies, "selective", common)
        monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: CappedPaginator.TRUSTED)
    return request.param != "few"
