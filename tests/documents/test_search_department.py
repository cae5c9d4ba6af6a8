"""A department user's search ordered by date (documents.search.Merged over a search.Split): the
department's own matches read along its own date index, the documents it reaches by key (协办,
传阅) read beside them, merged by date. The pages must hold exactly the rows and order of the
plain search within the user's scope, for one lexeme and several, whatever the other filters."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents import search
from documents.models import IncomingDocument, OutgoingDocument
from documents.selectors import incoming_list, outgoing_list
from tests.factories import UserFactory

from .conftest import api
from .factories import IncomingFactory, OutgoingFactory
from .test_search_windows import INCOMING, OUTGOING, ZONE

pytestmark = pytest.mark.django_db


def _scoped(user, text, **filters):
    """The plain answer: the user's scope (the register's selector), filtered by Python."""
    rows = incoming_list(user=user).filter(title__contains=text, **filters)
    return [row.title for row in rows]


def _moments():
    """Now, next year, both sides of every window's edge, and ten years ago."""
    today = timezone.localdate()
    moments = [timezone.now(), datetime.datetime(today.year + 1, 3, 1, 9, tzinfo=ZONE)]
    for window in search.windows(today):
        for edge in (window.start, window.end):
            if edge is not None:
                moments += [edge, edge - datetime.timedelta(seconds=1)]
    moments.append(timezone.now() - datetime.timedelta(days=3650))
    return moments


def _reachable(handler, other_handler):
    """The department's documents on both sides of every window's edge, interleaved in time with
    documents it reaches only by key, one it both leads and reads, and others it may not see."""
    colleague = UserFactory(department=handler.department)
    moments = _moments()
    mine, others = handler.department, other_handler.department
    for n, moment in enumerate(moments):
        local = moment.astimezone(ZONE)
        common = {"received_at": moment, "year": local.year}
        title = "关于水土保持工作的通知（{}{}）"
        IncomingFactory(title=title.format("本科室", n), lead_department=mine, **common)
        if n % 3 == 0:
            co = IncomingFactory(title=title.format("协办", n), lead_department=others, **common)
            co.co_departments.add(mine)
        if n % 3 == 1:
            read = IncomingFactory(title=title.format("传阅", n), lead_department=others, **common)
            read.readers.create(reader=colleague if n % 2 else handler)
        if n % 5 == 0:
            both = IncomingFactory(title=title.format("本科室且传阅", n), lead_department=mine, **common)
            both.readers.create(reader=handler)
        IncomingFactory(title=title.format("别的科室", n), lead_department=others, **common)
    IncomingFactory(title="关于其他事项的通知（本科室）", lead_department=handler.department)


def _pages(user, register="incoming", **params):
    """Every page through the API. A page past the real end of an estimate serves the last real
    page again (CappedPaginator.page), which is then not counted twice."""
    seen, number, last = [], 1, None
    while True:
        response = api(user).get(f"/api/v1/documents/{register}/", {**params, "page": number, "page_size": 7})
        assert response.status_code == 200
        titles = [row["title"] for row in response.data["results"]]
        if titles != last:
            seen += titles
        if not response.data["next"]:
            return seen
        number, last = number + 1, titles


@pytest.mark.parametrize("q", ["水土保持", "水土"])
def test_a_department_s_pages_hold_its_scope_s_matches_in_date_order(client, handler, other_handler, many, q):
    _reachable(handler, other_handler)
    expected = _scoped(handler, q)
    assert len(expected) > 40 and len(set(expected)) == len(expected)
    assert not [title for title in expected if "别的科室" in title]
    client.force_login(handler)
    response = client.get(INCOMING, {"q": q})
    assert [row.title for row in response.context["page"]] == expected[:20]
    second = client.get(INCOMING, {"q": q, "page": 2}).context["page"]
    assert [row.title for row in second] == expected[20:40]
    assert _pages(handler, q=q) == expected


def test_a_department_s_search_keeps_the_other_filters_and_clearance(client, handler, other_handler, many):
    _reachable(handler, other_handler)
    IncomingDocument.objects.filter(title__contains="3）").update(status="handling")
    secret = IncomingFactory(
        title="关于水土保持核查的通知", classification="confidential", lead_department=handler.department
    )
    assert _pages(handler, q="水土保持", status="handling") == _scoped(handler, "水土保持", status="handling")
    # Without clearance a classified record matches on its public fields only, never its title.
    assert secret.title not in _pages(handler, q="水土保持")
    assert _pages(handler, q="核查") == []


def test_the_department_s_rows_are_read_without_the_scope_s_or(client, handler, other_handler, monkeypatch):
    """The page's keys: the department's along its own date index (its column, no subquery of
    what it reaches), the others by key; not the scope's OR, which no index reads in date order."""
    from office.views.generic import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "EXACT", 3)
    monkeypatch.setattr(search.frequencies, "selective", lambda table, words: ([word[-1] for word in words], 50_000))
    monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: CappedPaginator.EXACT + 1)
    _reachable(handler, other_handler)
    client.force_login(handler)
    for q in ("水土保持", "水土"):
        with CaptureQueriesContext(connection) as queries:
            titles = [row.title for row in client.get(INCOMING, {"q": q}).context["page"]]
        assert titles == _scoped(handler, q)[:20]
        start = 'SELECT "documents_incomingdocument"."id" AS "pk", "documents_incomingdocument"."received_at"'
        keys = [s["sql"] for s in queries.captured_queries if s["sql"].startswith(start)]
        own = [s for s in keys if "documents_circulationreader" not in s and "co_departments" not in s]
        assert len(keys) == 2 and len(own) == 1, keys
        assert f'"lead_department_id" = {handler.department_id} ' in own[0]
        assert " OR " not in own[0].split("WHERE", 1)[1].split("@@")[0]


def test_a_department_s_matches_are_counted_in_its_two_parts_without_the_scope_s_or(client, handler, other_handler):
    """The count, as the pages read: the department's matches in the index with its lexeme, the
    others by key; not the scope's OR with its subqueries checked on every match (2,013 rows for
    水土保持 at a million documents)."""
    _reachable(handler, other_handler)
    expected = _scoped(handler, "水土保持")
    client.force_login(handler)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INCOMING, {"q": "水土保持"})
    assert [row.title for row in response.context["page"]] == expected[:20]
    assert response.context["page"].paginator.total == len(expected)
    counts = [s["sql"] for s in queries.captured_queries if "UNION ALL" in s["sql"]]
    assert len(counts) == 1, [s["sql"] for s in queries.captured_queries]
    own, reached = counts[0].split("UNION ALL")
    assert f"'~d{handler.department_id}'" in own and "documents_circulationreader" not in own
    # The department's column is hidden from the planner (Split.own_matching): its lexeme selects.
    assert f'CASE WHEN ("documents_incomingdocument"."lead_department_id" = {handler.department_id})' in own
    assert "documents_circulationreader" in reached and "~d" not in reached


@pytest.mark.parametrize("exact", [3, 1_000])
@pytest.mark.parametrize("status", [None, "handling"])
def test_a_department_s_common_words_are_counted_by_their_rarest_lexemes(
    client, handler, other_handler, monkeypatch, exact, status
):
    """Common words whose estimate is small enough to count (a narrow filter beside them): the
    department's part is counted on each word's rarest lexeme in the index and the whole words
    checked on the rows it finds; the figure and every page are the scoped answer's."""
    from office.views.generic import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "EXACT", exact)
    monkeypatch.setattr(search.frequencies, "selective", lambda table, words: ([word[-1] for word in words], 50_000))
    monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: CappedPaginator.EXACT)
    _reachable(handler, other_handler)
    # Rows holding the rarest lexeme (持) but not the whole word: found in the index, not counted.
    IncomingFactory(title="关于坚持保持的通知（本科室）", lead_department=handler.department, status="handling")
    IncomingFactory(title="关于水土的保持（本科室）", lead_department=handler.department, status="handling")
    IncomingDocument.objects.filter(title__contains="3）").update(status="handling")
    filters = {"status": status} if status else {}
    expected = _scoped(handler, "水土保持", **filters)
    client.force_login(handler)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(INCOMING, {"q": "水土保持", **filters}).context["page"]
    assert [row.title for row in page] == expected[:20]
    if exact > len(expected):
        assert page.paginator.total == len(expected)
    counts = [s["sql"] for s in queries.captured_queries if "UNION ALL" in s["sql"]]
    assert len(counts) == 1 and "CASE WHEN" in counts[0]
    assert _pages(handler, q="水土保持", **filters) == expected


@pytest.mark.parametrize("exact", [3, 1_000])
def test_an_estimate_above_exact_is_the_figure_without_a_count(client, handler, other_handler, monkeypatch, exact):
    """An estimate above EXACT is shown as "约" without counting: a count of the first EXACT + 1
    matches (GIN intersection with the department's lexeme, then a thousand rows read and checked)
    costs a department's search more than the rest of its page. When the rows are fewer after
    all, the pages still reach every one and the last makes the figure exact."""
    from office.views.generic import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "EXACT", exact)
    monkeypatch.setattr(search.frequencies, "selective", lambda table, words: ([word[-1] for word in words], 50_000))
    monkeypatch.setattr(CappedPaginator, "_estimate", lambda self: CappedPaginator.EXACT + 1)
    _reachable(handler, other_handler)
    expected = _scoped(handler, "水土保持")
    client.force_login(handler)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(INCOMING, {"q": "水土保持"}).context["page"]
    assert [row.title for row in page] == expected[:20]
    assert not [s["sql"] for s in queries.captured_queries if s["sql"].startswith("SELECT COUNT(*) FROM (")]
    assert page.paginator.estimated == (len(expected) >= 20)
    assert _pages(handler, q="水土保持") == expected


@pytest.mark.parametrize("q", ["水土保持", "水土"])
def test_a_search_s_rows_are_read_by_key_without_the_scope(client, handler, other_handler, many, q):
    """The page's keys were read within the scope; its rows with their relations are read by those
    keys alone, not under the scope's OR and its subqueries again."""
    _reachable(handler, other_handler)
    client.force_login(handler)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(INCOMING, {"q": q}).context["page"]
    assert [row.title for row in page] == _scoped(handler, q)[:20]
    assert all(row.lead_department is not None and row.is_overdue is not None for row in page)
    rows = [s["sql"] for s in queries.captured_queries if '"documents_incomingdocument"."created_at"' in s["sql"]]
    assert len(rows) == 1
    assert "documents_circulationreader" not in rows[0] and "co_departments" not in rows[0]
    assert "ORDER BY" not in rows[0]  # placed in the keys' order in Python


def test_a_few_matches_are_paged_from_the_count_s_keys_without_composing_the_page_s_queries(
    client, handler, other_handler, monkeypatch
):
    """Few matches (counted, with their keys and dates): the page is cut from those keys, and the
    queries that read a page's keys along the department's dates and by key are never composed."""
    composed = []
    own = search.Split.own

    def watched(split):
        composed.append(split.department)
        return own.fget(split)

    monkeypatch.setattr(search.Split, "own", property(watched))
    _reachable(handler, other_handler)
    expected = _scoped(handler, "水土保持")
    client.force_login(handler)
    page = client.get(INCOMING, {"q": "水土保持"}).context["page"]
    assert [row.title for row in page] == expected[:20] and page.paginator.total == len(expected)
    assert composed == []


@pytest.mark.parametrize(
    ("params", "split"),
    [
        ({"q": "水土保持"}, True),
        ({"q": "水土"}, True),
        ({"q": "水土保持", "sort": "relevance"}, False),
        ({"q": "水土保持", "year": timezone.localdate().year}, False),
        ({"status": "handling"}, False),
        ({}, False),
    ],
)
def test_the_register_page_scopes_its_rows_once(client, handler, other_handler, monkeypatch, params, split):
    """The page hands the FilterSet every department's rows and the user's scope: a search split
    into its two parts (search.Split) is scoped by them and never composes the scope's OR and its
    subqueries (0.5 ms); every other page applies the scope before its filters."""
    from documents import selectors

    composed = []
    scope = selectors._incoming_scope

    def watched(queryset, user, keys="in"):
        composed.append(keys)
        return scope(queryset, user, keys)

    monkeypatch.setattr(selectors, "_incoming_scope", watched)
    _reachable(handler, other_handler)
    title = "关于水土保持工作的通知（别的科室，办理中）"
    IncomingFactory(title=title, lead_department=other_handler.department, status="handling")
    expected_rows = incoming_list(user=handler).filter(title__contains="水土")
    if params.get("q"):
        expected_rows = expected_rows.filter(title__contains=params["q"])
    if "year" in params:
        expected_rows = expected_rows.filter(year=params["year"])
    if "status" in params:
        expected_rows = expected_rows.filter(status=params["status"])
    expected = {row.title for row in expected_rows}
    composed.clear()
    client.force_login(handler)
    seen, number = set(), 1
    while number:
        page = client.get(INCOMING, {**params, "page": number}).context["page"]
        seen |= {row.title for row in page if "水土" in row.title}
        number = page.next_page_number() if page.has_next() else None
    assert seen == expected and not [title for title in seen if "别的科室" in title]
    assert ("in" in composed) != split, composed


def test_a_department_s_search_page_costs_the_same_queries_however_many_rows(client, handler, other_handler, many):
    def queries_for_page():
        client.force_login(handler)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INCOMING, {"q": "水土保持"}).status_code == 200
        return len(queries)

    _reachable(handler, other_handler)
    queries_for_page()  # the lexeme statistics, read once a process (search.LexemeFrequencies)
    fewer = queries_for_page()
    _reachable(handler, other_handler)
    _reachable(handler, other_handler)
    assert queries_for_page() == fewer


def test_merged_keys_merge_by_date_and_read_only_what_a_page_needs():
    """Merged, by itself: two ordered lists merged newest first, each read as far as the page's
    end, a page read once however often the paginator slices it."""
    moment = datetime.datetime(2026, 1, 1, tzinfo=ZONE)
    own = [{"pk": n, "received_at": moment - datetime.timedelta(days=2 * n)} for n in range(1, 30)]
    reached = [{"pk": 100 + n, "received_at": moment - datetime.timedelta(days=2 * n + 1)} for n in range(1, 5)]
    asked = []

    def read_own(stop):
        asked.append(stop)
        return own[:stop]

    keys = search.Merged(read_own, lambda stop: reached[:stop], "received_at")
    page = keys[0:4]
    assert asked == []  # read only when iterated
    assert [row["pk"] for row in page] == [1, 101, 2, 102]
    assert [row["pk"] for row in keys[4:8]] == [3, 103, 4, 104]
    assert [row["pk"] for row in keys[8:12]] == [5, 6, 7, 8]
    list(keys[0:4])
    assert asked == [4, 8, 12]
    with pytest.raises(TypeError):
        keys[3]


# 发文: the department is the drafting department (拟稿科室); it reaches its countersigned 发文 and
# the user's own drafts elsewhere (outgoing_split).


def _outgoing_scoped(user, text):
    return [row.title for row in outgoing_list(user=user).filter(title__contains=text)]


def _reachable_outgoing(handler, other_handler):
    """The department's 发文 on both sides of every window's edge, interleaved in time with those it
    countersigns, the handler's own draft in another department, and others it may not see."""
    moments = _moments()
    mine, others = handler.department, other_handler.department
    title = "关于水土保持工作的报告（{}{}）"
    for n, moment in enumerate(moments):
        made = [OutgoingFactory(title=title.format("本科室", n), department=mine, drafter=handler)]
        if n % 3 == 0:
            made.append(OutgoingFactory(title=title.format("会签", n), department=others, drafter=other_handler))
            made[-1].countersigns.create(department=mine)
        if n % 3 == 1:
            made.append(OutgoingFactory(title=title.format("本人拟稿", n), department=others, drafter=handler))
        if n % 5 == 0:
            made.append(OutgoingFactory(title=title.format("本科室且会签", n), department=mine, drafter=handler))
            made[-1].countersigns.create(department=mine)
        made.append(OutgoingFactory(title=title.format("别的科室", n), department=others, drafter=other_handler))
        OutgoingDocument.objects.filter(pk__in=[document.pk for document in made]).update(created_at=moment)
    OutgoingFactory(title="关于其他事项的报告（本科室）", department=mine, drafter=handler)


@pytest.mark.parametrize("q", ["水土保持", "水土"])
def test_a_department_s_outgoing_pages_hold_its_scope_s_matches_in_date_order(client, handler, other_handler, many, q):
    _reachable_outgoing(handler, other_handler)
    expected = _outgoing_scoped(handler, q)
    assert len(expected) > 40 and len(set(expected)) == len(expected)
    assert not [title for title in expected if "别的科室" in title]
    assert [title for title in expected if "本人拟稿" in title] and [t for t in expected if "（会签" in t]
    client.force_login(handler)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(OUTGOING, {"q": q})
    assert [row.title for row in response.context["page"]] == expected[:20]
    # Read as two parts (the department's by its column or lexeme, the others by key), never
    # through the scope's OR with its subqueries (see the 收文's tests above).
    searched = [s["sql"] for s in queries.captured_queries if "@@" in s["sql"] and "EXPLAIN" not in s["sql"]]
    parts = [part for sql in searched for part in sql.split("UNION ALL")]
    own = [part for part in parts if "documents_countersign" not in part]
    assert own and all(f'"department_id" = {handler.department_id}' in part for part in own)
    assert all(" OR " not in part.split("WHERE", 1)[1].split("@@")[0] for part in own)
    assert not [part for part in parts if "documents_countersign" in part and "~d" in part]
    second = client.get(OUTGOING, {"q": q, "page": 2}).context["page"]
    assert [row.title for row in second] == expected[20:40]
    assert _pages(handler, "outgoing", q=q) == expected


def test_a_department_s_outgoing_search_keeps_the_other_filters(client, handler, other_handler, many):
    _reachable_outgoing(handler, other_handler)
    OutgoingDocument.objects.filter(title__contains="3）").update(status="review")
    expected = [row.title for row in outgoing_list(user=handler).filter(title__contains="水土保持", status="review")]
    assert expected
    assert _pages(handler, "outgoing", q="水土保持", status="review") == expected
