"""Bad filter and path values answer 400 or 404 with a Chinese message, never 500."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PAGES = [
    "/documents/outgoing/?year=0",
    "/documents/outgoing/?year=99999999999",
    "/documents/incoming/?year=0",
    "/documents/instructions/?year=0",
    "/documents/publicity/?year=0",
    "/documents/archive/?year=0",
    "/documents/archive/export/?year=0",
    "/meetings/?year=-5",
    "/supervision/?completed_year=0",
    "/supervision/?year=abc",
    "/petitions/?year=0",
    "/petitions/duty/?year=0",
]
API = [
    "/api/v1/documents/outgoing/?year=0",
    "/api/v1/meetings/?year=0",
    "/api/v1/supervision/items/?completed_year=0",
    "/api/v1/documents/publicity/counts/?year=0",
    "/api/v1/petitions/?year=0",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_a_bad_year_without_failing(client, clerk, url):
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "年度" in response.content.decode()


def test_the_party_statement_answers_a_bad_year_without_failing(client, party):
    client.force_login(party)
    assert client.get("/partybuilding/dues/statement/?year=0").status_code in (200, 400)


@pytest.mark.parametrize("url", API)
def test_the_api_answers_a_bad_year_with_a_400_naming_it(clerk, url):
    api = APIClient()
    api.force_login(clerk)
    response = api.get(url)
    assert response.status_code == 400
    body = response.json()
    assert any("年度" in str(messages) for messages in body.values())


@pytest.mark.parametrize("url", ["/api/v1/reports/summaries/x/", "/api/v1/supervision/items/x/", "/api/v1/meetings/x/"])
def test_a_non_numeric_id_is_a_404(clerk, url):
    api = APIClient()
    api.force_login(clerk)
    response = api.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json") or response.status_code == 404


def test_malformed_json_is_answered_in_chinese(clerk):
    api = APIClient()
    api.force_login(clerk)
    response = api.post("/api/v1/supervision/items/", data='{"title": "缺引号}', content_type="application/json")
    assert response.status_code == 400
    assert "不是有效的 JSON" in response.json()["detail"]
