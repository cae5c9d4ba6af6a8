"""A search ordered by date reads the register window by window (documents.search.windowed): the
newest months first, each window intersected with the typed words inside the GIN index through the
time buckets of the search vector (migration 0013). The windows must give exactly the rows and the
order of the plain search, wherever the matches sit in time, for the page, the API and every user."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents import search
from documents.models import IncomingDocument, OutgoingDocument
from tests.factories import UserFactory

from .conftest import api
from .factories import IncomingFactory, OutgoingFactory

pytestmark = pytest.mark.django_db


INCOMING = reverse("documents:incoming_list")
OUTGOING = reverse("documents:outgoing_list")
ZONE = search.BUCKET_ZONE


def _ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def _spread(**extra):
    """A match on both sides of every window's edge, and one that does not match."""
    today = timezone.localdate()
    moments = {"now": timezone.now(), "next year (mistyped)": datetime.datetime(today.year + 1, 3, 1, 9, tzinfo=ZONE)}
    for window in search.windows(today):
        for edge in (window.start, window.end):
            if edge is not None:
                moments[f"{edge:%Y-%m-%d}, first second"] = edge
                moments[f"{edge:%Y-%m-%d}, a second before"] = edge - datetime.timedelta(seconds=1)
    moments["ten years ago"] = _ago(days=3650)
    for label, moment in moments.items():
        local = moment.astimezone(ZONE)
        IncomingFactory(title=f"关于水土保持工作的通知（{label}）", received_at=moment, year=local.year, **extra)
    IncomingFactory(title="关于其他事项的通知", received_at=timezone.now())
    return moments


def _expected(**filters):
    rows = IncomingDocument.objects.filter(title__contains="水土保持", **filters).order_by("-received_at", "-id")
    return [row.title for row in rows]


def _page_titles(client, **params):
    response = client.get(INCOMING, params)
    assert response.status_code == 200
    return [row.title for row in response.context["page"]]


def test_the_windows_give_the_plain_search_s_rows_in_date_order(client, clerk, many):
    _spread()
    client.force_login(clerk)
    expected = _expected()
    # Now, next year, ten years ago, and both sides of every window's edge.
    assert len(expected) == 3 + 2 * (len(search.WINDOW_MONTHS) + 1)
    assert _page_titles(client, q="水土保持") == expected
    rows = api(clerk).get("/api/v1/documents/incoming/", {"q": "水土保持"}).data
    assert [row["title"] for row in rows["results"]] == expected
    assert rows["count"] == len(expected) or (many and rows["count"] > 3)


def test_pages_cross_the_windows_without_losing_or_repeating_a_row(client, clerk, many):
    _spread()
    client.force_login(clerk)
    expected = _expected()
    seen = []
    for number in range(1, len(expected) // 4 + 2):
        response = api(clerk).get("/api/v1/documents/incoming/", {"q": "水土保持", "page": number, "page_size": 4})
        seen += [row["title"] for row in response.data["results"]]
    assert seen == expected


def test_a_year_filter_is_applied_inside_the_index_too(client, clerk, many):
    _spread()
    client.force_login(clerk)
    year = timezone.localdate().year - 2
    # Registered in that year's register but dated later (the windows count back from its December).
    IncomingFactory(title="关于水土保持工作的通知（登记于往年）", received_at=timezone.now(), year=year)
    january = datetime.datetime(year, 1, 1, tzinfo=ZONE)
    IncomingFactory(title="关于水土保持工作的通知（往年一月）", received_at=january, year=year)
    assert _page_titles(client, q="水土保持", year=year) == _expected(year=year)
    assert _page_titles(client, q="水土保持", year=year)[0] == "关于水土保持工作的通知（登记于往年）"


def test_the_page_reads_a_window_union_and_the_export_the_plain_search(client, clerk, monkeypatch):
    from office.views.generic import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "EXACT", 3)
    _spread()
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        client.get(INCOMING, {"q": "水土保持"})
    assert any("UNION ALL" in q["sql"] and "~m" in q["sql"] for q in queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:  # a single lexeme: the plain condition
        client.get(INCOMING, {"q": "水土"})
    assert not any("UNION ALL" in q["sql"] for q in queries.captured_queries)
    from documents.filters import IncomingFilter

    plain = IncomingFilter({"q": "水土保持"}, queryset=IncomingDocument.objects.order_by("-received_at", "-id")).qs
    assert plain.query.combinator is None
    assert [row.title for row in plain] == _expected()


def test_without_clearance_windows_match_classified_records_on_public_fields_only(client, clerk, handler, many):
    IncomingFactory(
        title="关于水土保持核查的通知", sender="省水土保持委员会", classification="confidential",
        lead_department=handler.department, received_at=_ago(days=400),
    )  # fmt: skip
    IncomingFactory(
        title="关于水土保持督查的通知", sender="省厅", classification="confidential",
        lead_department=handler.department, received_at=_ago(days=2),
    )  # fmt: skip
    IncomingFactory(title="关于水土保持的通知", lead_department=handler.department, received_at=_ago(days=2000))
    client.force_login(handler)
    # The second matches only in its title, which the handler may not search.
    assert _page_titles(client, q="水土保持") == ["关于水土保持核查的通知", "关于水土保持的通知"]
    client.force_login(clerk)
    assert len(_page_titles(client, q="水土保持")) == 3


def test_relevance_is_not_windowed(client, clerk):
    _spread()
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        titles = _page_titles(client, q="水土保持", sort="relevance")
    assert sorted(titles) == sorted(_expected())
    assert not any("UNION ALL" in q["sql"] for q in queries.captured_queries)


def test_outgoing_windows_follow_the_drafting_date(client, clerk, many):
    for days in (0, 50, 500, 2000):
        document = OutgoingFactory(title=f"关于防汛抗旱的通知（{days}天前）")
        OutgoingDocument.objects.filter(pk=document.pk).update(created_at=_ago(days=days))
    OutgoingFactory(title="关于其他事项的通知")
    client.force_login(clerk)
    response = client.get(OUTGOING, {"q": "防汛抗旱"})
    titles = [row.title for row in response.context["page"]]
    assert titles == [f"关于防汛抗旱的通知（{days}天前）" for days in (0, 50, 500, 2000)]


def test_the_database_writes_the_bucket_lexemes_python_expects(clerk, handler):
    moment = datetime.datetime(2024, 12, 31, 23, 30, tzinfo=datetime.UTC)  # 2025-01-01 in Beijing
    document = IncomingFactory(
        title="关于测试的通知", received_at=moment, year=2024, lead_department=handler.department
    )
    vector = IncomingDocument.objects.values_list("search_vector", flat=True).get(pk=document.pk)
    department = document.lead_department_id
    expected = search.bucket_lexemes(moment, 2024, department)
    assert expected == {"~y2025", "~m202501", "~r2024", f"~d{department}"}
    assert all(f"'{lexeme}'" in vector for lexeme in expected)
    # A changed date moves the record to its new buckets.
    IncomingDocument.objects.filter(pk=document.pk).update(received_at=moment - datetime.timedelta(days=40))
    vector = IncomingDocument.objects.values_list("search_vector", flat=True).get(pk=document.pk)
    assert "'~m202411'" in vector and "'~m202501'" not in vector


def test_few_matches_are_read_from_the_index_once(client, clerk):
    """Counting a search of few matches reads their keys and dates: the page sorts them and reads
    its rows by key, without a second search."""
    _spread()
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        titles = _page_titles(client, q="水土保持")
    assert titles == _expected()
    searches = [q["sql"] for q in queries.captured_queries if "search_vector" in q["sql"] and "@@" in q["sql"]]
    assert len(searches) == 1, searches


def test_a_department_finds_what_it_reaches_and_nothing_else(client, handler, other_handler, many):
    """The department's search (search.Reach): its own documents through the department lexeme,
    the co-handled and circulated ones by key, every one it may see and none it may not."""
    mine = IncomingFactory(title="关于水土保持的通知（本科室）", lead_department=handler.department)
    co = IncomingFactory(title="关于水土保持的通知（协办）", lead_department=other_handler.department)
    co.co_departments.add(handler.department)
    read = IncomingFactory(title="关于水土保持的通知（传阅给本人）", lead_department=other_handler.department)
    read.readers.create(reader=handler)
    colleague = IncomingFactory(title="关于水土保持的通知（传阅给同科室）", lead_department=other_handler.department)
    colleague.readers.create(reader=UserFactory(department=handler.department))
    IncomingFactory(title="关于水土保持的通知（别的科室）", lead_department=other_handler.department)
    moved = IncomingFactory(title="关于水土保持的通知（转来本科室）", lead_department=other_handler.department)
    IncomingDocument.objects.filter(pk=moved.pk).update(lead_department=handler.department)
    client.force_login(handler)
    for q in ("水土保持", "水土"):
        assert sorted(_page_titles(client, q=q)) == sorted(
            d.title for d in (mine, co, read, colleague, moved)
        ), q
    rows = api(handler).get("/api/v1/documents/incoming/", {"q": "水土保持"}).data["results"]
    assert len(rows) == 5


def test_each_word_s_rarest_lexeme_is_read_from_the_statistics_the_planner_keeps(clerk):
    IncomingFactory.create_batch(30, title="关于水土保持工作的通知")
    IncomingFactory.create_batch(3, title="关于鳄鱼湾湿地保护的通知")
    IncomingFactory.create_batch(7, title="关于鳄鱼湾水土保持工作的通知")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_incomingdocument")
    table = IncomingDocument._meta.db_table
    share = {"水土": 37 / 40, "土保": 37 / 40, "保持": 37 / 40, "鳄鱼": 10 / 40}
    (lexeme,), rows = search.frequencies.selective(table, search.query_words("水土保持"))
    assert lexeme in {"水土", "土保", "保持"} and rows == pytest.approx(37, abs=2)
    # Two words: their rarest lexemes, the words taken as independent.
    lexemes, rows = search.frequencies.selective(table, search.query_words("水土保持 鳄鱼"))
    assert lexemes[1] == "鳄鱼" and rows == pytest.approx(40 * share["水土"] * share["鳄鱼"], rel=0.2)
    # A lexeme too rare to be listed (here: absent): the search is counted, not estimated.
    assert search.frequencies.selective(table, search.query_words("水土 量子")) is None
    assert search.frequencies.selective(table, []) is None


def test_a_rare_lexeme_is_counted_in_one_read_without_windows_or_estimate(client, clerk, monkeypatch):
    monkeypatch.setattr(search.frequencies, "selective", lambda table, words: (words[0][:1], search.FEW))
    _spread()
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        assert _page_titles(client, q="水土保持") == _expected()
    sql = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert len(sql) == 1 and "UNION ALL" not in sql[0] and not sql[0].startswith("EXPLAIN"), sql


def test_a_search_of_common_lexemes_is_estimated_from_the_rarest_and_never_counted(client, clerk, monkeypatch):
    from office.views.generic import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "TRUSTED", 5)
    IncomingFactory.create_batch(30, title="关于水土保持工作的通知")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_incomingdocument")
    monkeypatch.setattr(search.frequencies, "selective", lambda table, words: (["土保"], 50_000))
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INCOMING, {"q": "水土保持"})
    sql = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in sql if s.startswith("SELECT COUNT(*) FROM (")]
    explain = next(s for s in sql if s.startswith("EXPLAIN"))
    assert "'土保'" in explain and "'水土'" not in explain
    assert len(response.context["page"]) == 20 and response.context["page"].paginator.estimated
    # The next page is the last: its rows make the figure exact.
    last = client.get(INCOMING, {"q": "水土保持", "page": 2}).context["page"]
    assert (len(last), last.paginator.estimated, last.paginator.count) == (10, False, 30)


def test_an_outgoing_year_counts_back_from_its_december_and_finds_what_was_numbered_later(client, clerk, many):
    year = timezone.localdate().year - 2
    cases = {
        "numbered in the year, drafted later": (timezone.now(), year),
        "drafted in the year's December": (datetime.datetime(year, 12, 5, tzinfo=ZONE), year),
        "drafted in the year's January": (datetime.datetime(year, 1, 5, tzinfo=ZONE), year),
        "a draft of the year, not numbered": (datetime.datetime(year, 6, 5, tzinfo=ZONE), None),
        "of another year": (datetime.datetime(year, 6, 5, tzinfo=ZONE), year + 1),
    }
    for label, (moment, number_year) in cases.items():
        document = OutgoingFactory(title=f"关于防汛抗旱的通知（{label}）")
        OutgoingDocument.objects.filter(pk=document.pk).update(created_at=moment, number_year=number_year)
    client.force_login(clerk)
    response = client.get(OUTGOING, {"q": "防汛抗旱", "year": year})
    order = ["numbered in the year, drafted later", "drafted in the year's December"]
    order += ["a draft of the year, not numbered", "drafted in the year's January"]
    assert [row.title for row in response.context["page"]] == [f"关于防汛抗旱的通知（{label}）" for label in order]


def test_a_long_run_of_characters_is_counted_not_estimated_from_its_rarest_bigram(client, clerk, monkeypatch):
    """Several words typed together (鳄鱼湾湿地保护的复函) can match far fewer records than
    their rarest bigram: counted first, as a rare word is."""
    monkeypatch.setattr(search.frequencies, "selective", lambda table, words: (["土保"], 50_000))
    _spread()
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        assert _page_titles(client, q="水土保持工作") == _expected()
    searches = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert not searches[0].startswith("EXPLAIN"), searches


def test_a_year_is_estimated_once_as_a_column_not_again_as_its_lexeme(client, clerk, monkeypatch):
    monkeypatch.setattr(search.frequencies, "selective", lambda table, words: (["土保"], 50_000))
    _spread()
    client.force_login(clerk)
    year = timezone.localdate().year - 1
    with CaptureQueriesContext(connection) as queries:
        assert _page_titles(client, q="水土保持", year=year) == _expected(year=year)
    explain = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith("EXPLAIN") and "@@" in q["sql"])
    assert "~r" not in explain and '"year" = ' in explain


def test_an_estimate_from_the_lexeme_statistics_is_trusted_above_exact(client, clerk, monkeypatch):
    """Common words are estimated from their rarest lexemes' statistics (an analyzed table): an
    estimate above EXACT is the figure, not counted as other lists' are up to TRUSTED (a table
    never analyzed is guessed at about 1,200 rows). The pages still reach every row."""
    from office.views.generic import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "EXACT", 5)
    monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: CappedPaginator.EXACT + 1)
    monkeypatch.setattr(search.frequencies, "selective", lambda table, words: ([word[-1] for word in words], 50_000))
    _spread()
    _spread()
    assert len(_expected()) > 20
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(INCOMING, {"q": "水土保持"}).context["page"]
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*) FROM (")]
    assert page.paginator.estimated and [row.title for row in page] == _expected()[:20]
    seen, number = [], 1
    while number:
        page = client.get(INCOMING, {"q": "水土保持", "page": number}).context["page"]
        seen += [row.title for row in page]
        number = page.next_page_number() if page.has_next() else None
    assert seen == _expected() and not page.paginator.estimated
    # Without the statistics (a plain list), the same estimate is counted.
    with CaptureQueriesContext(connection) as queries:
        page = client.get(INCOMING, {"status": "received"}).context["page"]
    assert [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*) FROM (")]
