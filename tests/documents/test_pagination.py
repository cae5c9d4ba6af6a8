"""The shared paginator (office/views/generic.py CappedPaginator): exact counts when small, the
planner's estimate when large, pages to match, and a query count that does not grow."""

import pytest
from django.db import connection
from django.urls import reverse

from documents.models import IncomingDocument
from office.views.generic import CappedPaginator, approximate
from tests.access import assert_flat_queries

from .conftest import api
from .factories import IncomingFactory

pytestmark = pytest.mark.django_db
URL = reverse("documents:incoming_list")


def _analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_incomingdocument")


@pytest.mark.parametrize(
    ("number", "label"),
    [(7, "7"), (999, "1000"), (3456, "3500"), (15_000, "1.5万"), (123_456, "12万"), (250_000_000, "2.5亿")],
)
def test_a_large_count_reads_as_a_person_says_it(number, label):
    assert approximate(number) == label


def test_a_small_result_is_counted_exactly(client, clerk):
    IncomingFactory.create_batch(3)
    client.force_login(clerk)
    response = client.get(URL)
    paginator = response.context["page"].paginator
    assert (paginator.count, paginator.estimated) == (3, False)
    assert "共 3 条" in response.content.decode()


def test_a_large_result_is_estimated_not_counted(client, clerk, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "EXACT", 10)
    IncomingFactory.create_batch(45)
    _analyze()
    client.force_login(clerk)
    response = client.get(URL)
    paginator = response.context["page"].paginator
    assert paginator.estimated and paginator.total >= 11
    assert f"约 {approximate(paginator.total)} 条" in response.content.decode()
    assert paginator.num_pages == -(-paginator.count // 20)
    body = api(clerk).get("/api/v1/documents/incoming/").data
    assert body["count_estimated"] is True and body["count"] >= 11


def test_an_estimate_too_high_serves_the_last_real_page(client, clerk, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "EXACT", 10)
    monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: 5000)
    IncomingFactory.create_batch(25)
    client.force_login(clerk)
    assert "约 5000 条" in client.get(URL).content.decode()
    response = client.get(URL, {"page": 40})
    page = response.context["page"]
    assert (page.number, len(page), page.paginator.estimated, page.paginator.count) == (2, 5, False, 25)
    assert "共 25 条" in response.content.decode()


def test_pages_stop_at_the_cap_and_say_so(client, clerk, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "EXACT", 10)
    monkeypatch.setattr(CappedPaginator, "CAP", 40)
    monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: 120_000)
    IncomingFactory.create_batch(45)
    client.force_login(clerk)
    response = client.get(URL, {"page": 99})
    page = response.context["page"]
    assert page.number == 2 and page.paginator.capped
    text = response.content.decode()
    assert "约 12万 条" in text and "符合条件的记录超过 40 条" in text


def test_the_count_costs_the_same_queries_however_many_rows_beyond_the_exact_limit(client, clerk, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "EXACT", 1)
    client.force_login(clerk)
    response = assert_flat_queries(client, URL, lambda n: IncomingFactory.create_batch(n))
    assert response.context["page"].paginator.estimated


def test_a_deep_page_reads_its_keys_first_and_shows_the_same_rows(client, clerk, monkeypatch):
    IncomingFactory.create_batch(45)
    client.force_login(clerk)
    direct = [d.pk for d in client.get(URL, {"page": 2}).context["page"]]
    monkeypatch.setattr(CappedPaginator, "DEFERRED_FROM", 20)
    deferred = client.get(URL, {"page": 2})
    assert [d.pk for d in deferred.context["page"]] == direct and len(direct) == 20
    assert [row["id"] for row in api(clerk).get("/api/v1/documents/incoming/", {"page": 2}).data["results"]] == direct


def test_an_estimate_below_what_was_counted_says_more_than(client, clerk, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "EXACT", 10)
    monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: 3)
    IncomingFactory.create_batch(25)
    client.force_login(clerk)
    expected = [d.pk for d in client.get(URL, {"page": 2}).context["page"]]
    response = client.get(URL)
    paginator = response.context["page"].paginator
    assert paginator.at_least and paginator.estimated
    assert "超过 10 条" in response.content.decode()
    assert len(response.context["page"]) == 20
    last = client.get(URL, {"page": 30}).context["page"]  # past the real end: corrected
    assert (last.number, [d.pk for d in last], last.paginator.at_least) == (2, expected, False)


def test_a_year_s_register_is_counted_along_its_order(client, clerk):
    """A year's documents lie together in the table: the count reads the year's index range in the
    register's order (never a scan from wherever the last one stopped); other filters are counted
    without the order (no sort)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import IncomingFactory

    IncomingFactory.create_batch(3, year=2025)
    client.force_login(clerk)

    def count_sql(params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/documents/incoming/", params).status_code == 200
        return next(q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*) FROM (SELECT"))

    assert "ORDER BY" in count_sql({"year": 2025, "status": "done"})
    assert "ORDER BY" not in count_sql({"status": "done"})
    assert "ORDER BY" not in count_sql({"year": 2025, "q": "通知"})


def _captured(client, url, params=None):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_large_estimate_is_shown_without_counting(client, clerk, monkeypatch):
    """Where the planner expects many rows, its estimate is the figure: no count reads the rows
    (a count of the first thousand of 100,000 matches still reads a thousand rows)."""
    monkeypatch.setattr(CappedPaginator, "EXACT", 10)
    monkeypatch.setattr(CappedPaginator, "TRUSTED", 30)
    IncomingFactory.create_batch(45)
    _analyze()
    client.force_login(clerk)
    response, sql = _captured(client, URL)
    paginator = response.context["page"].paginator
    assert paginator.estimated and paginator.total >= 30
    assert not [s for s in sql if s.startswith("SELECT COUNT(*) FROM (")]
    # The planner is asked about the keys alone: no joins, annotations or order to plan.
    explain = next(s for s in sql if s.startswith("EXPLAIN"))
    assert "JOIN" not in explain and "ORDER BY" not in explain and "CASE" not in explain


def test_an_estimate_is_counted_where_it_is_small(client, clerk, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: 50)
    IncomingFactory.create_batch(3)
    client.force_login(clerk)
    response, sql = _captured(client, URL)
    assert [s for s in sql if s.startswith("SELECT COUNT(*) FROM (")]
    assert "共 3 条" in response.content.decode()


def test_a_short_page_makes_an_estimate_exact(client, clerk, monkeypatch):
    """An estimate far too high (correlated filters) is corrected by the page itself: a page with
    fewer rows than a full one is the last, so the rows before it and on it are all there are."""
    monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: 50_000)
    IncomingFactory.create_batch(5)
    client.force_login(clerk)
    response = client.get(URL)
    paginator = response.context["page"].paginator
    assert (paginator.estimated, paginator.count, paginator.num_pages) == (False, 5, 1)
    assert "共 5 条" in response.content.decode()
    body = api(clerk).get("/api/v1/documents/incoming/").data
    assert (body["count"], body["count_estimated"]) == (5, False)


def test_an_estimate_too_low_still_reaches_every_row(client, clerk, monkeypatch):
    """The planner expected 25 rows where there are 47: the page the estimate calls the last is
    full, so there may be more; it links to the next, which is read (not clamped to the
    estimate's last page), until a short page makes the figure exact."""
    monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: 25)
    monkeypatch.setattr(CappedPaginator, "TRUSTED", 20)
    IncomingFactory.create_batch(47)
    client.force_login(clerk)
    expected = list(IncomingDocument.objects.order_by("-received_at", "-id").values_list("pk", flat=True))
    seen, number = [], 1
    while number:
        page = client.get(URL, {"page": number}).context["page"]
        assert page.number == number
        seen += [row.pk for row in page]
        number = page.next_page_number() if page.has_next() else None
    assert seen == expected
    assert (page.paginator.estimated, page.paginator.count) == (False, 47)
    # Asked for a page past the real end directly: the last real page.
    page = client.get(URL, {"page": 9}).context["page"]
    assert (page.number, len(page), page.paginator.count) == (3, 7, 47)
    # The API the same.
    titles = api(clerk).get("/api/v1/documents/incoming/", {"page": 3}).data
    assert (len(titles["results"]), titles["count"], titles["next"]) == (7, 47, None)
