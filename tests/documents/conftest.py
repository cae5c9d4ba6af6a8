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
