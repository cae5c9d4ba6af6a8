"""The registers' search for Chinese (documents/search.py): character bigrams in a GIN-indexed
tsvector, numbers normalised into their own column, clearance respected, relevance or date order."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from documents import search
from documents.choices import OutgoingStatus
from documents.models import IncomingDocument

from .conftest import api
from .factories import IncomingFactory, OutgoingFactory

pytestmark = pytest.mark.django_db
INCOMING = reverse("documents:incoming_list")
OUTGOING = reverse("documents:outgoing_list")


def _found(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return [row.title for row in response.context["page"]]


@pytest.mark.parametrize(
    "text",
    [
        "关于做好２０２６年冬春农田水利建设的通知（试行）",
        "X水发〔2026〕169号 PPP项目 abc-DEF_12",
        "省水利厅、市人民政府办公室;黄河水利委员会",
        "",
    ],
)
def test_python_and_the_database_cut_a_text_into_the_same_lexemes(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT documents_search_lexemes(%s), documents_number_key(%s)", [text, text])
        lexemes, key = cursor.fetchone()
    assert set(lexemes) == search.document_lexemes(text)
    assert key == search.number_key(text)


def test_a_query_is_cut_into_bigrams_single_characters_and_ascii_words():
    assert search.query_lexemes("防汛抗旱") == ["防汛", "汛抗", "抗旱"]
    assert search.query_lexemes("汛") == ["汛"]
    assert search.query_lexemes("X水发〔2026〕169号") == ["x", "水发", "2026", "169", "号"]
    assert search.query_lexemes("〔〕（）") == []


@pytest.fixture
def numbered():
    wanted = OutgoingFactory(
        title="关于印发防汛抗旱应急预案的通知", document_number="X水发〔2026〕169号", status=OutgoingStatus.NUMBERED
    )
    OutgoingFactory(title="关于报送统计年报的通知", document_number="X水发〔2026〕17号", status=OutgoingStatus.NUMBERED)
    OutgoingFactory(title="关于开展汛前检查的函", document_number="X水函〔2025〕169号", status=OutgoingStatus.NUMBERED)
    return wanted


@pytest.mark.parametrize(
    "typed",
    [
        "X水发2026 169",  # no brackets at all, a space
        "X水发〔2026〕169号",
        "X水发[2026]169",
        "X水发（２０２６）１６９号",
        "x水发【2026】169",
        "水发[2026]169",  # a fragment, other brackets
        "〔2026〕169",
    ],
)
def test_every_bracket_form_and_fragment_finds_the_number(client, clerk, numbered, typed):
    client.force_login(clerk)
    assert _found(client, OUTGOING, q=typed) == [numbered.title]


def test_an_incoming_number_is_found_without_brackets(client, clerk):
    IncomingFactory(title="关于做好汛期工作的通知", sender_number="X政办发〔2026〕17号")
    IncomingFactory(title="关于其他工作的通知", sender_number="X政办发〔2026〕170号")
    client.force_login(clerk)
    # A fragment also finds 170: the full number (with its 号) is ranked first under relevance.
    assert _found(client, INCOMING, q="X政办发2026 17号", sort="relevance")[0] == "关于做好汛期工作的通知"
    assert set(_found(client, INCOMING, q="X政办发(2026)17")) == {"关于做好汛期工作的通知", "关于其他工作的通知"}


def test_one_two_and_four_character_words(client, clerk):
    IncomingFactory(title="关于做好防汛抗旱工作的通知", sender="省水利厅")
    IncomingFactory(title="关于加强水土保持监督管理的通知", sender="市财政局")
    client.force_login(clerk)
    assert _found(client, INCOMING, q="汛") == ["关于做好防汛抗旱工作的通知"]
    assert _found(client, INCOMING, q="保持") == ["关于加强水土保持监督管理的通知"]
    assert _found(client, INCOMING, q="防汛抗旱") == ["关于做好防汛抗旱工作的通知"]
    assert _found(client, INCOMING, q="财政") == ["关于加强水土保持监督管理的通知"]  # the sender
    assert _found(client, INCOMING, q="地震") == []
    assert _found(client, INCOMING, q="〔〕") == []  # nothing searchable: nothing, not everything


def test_a_record_changed_later_is_searched_as_it_is_now(client, clerk):
    document = IncomingFactory(title="关于防汛的通知")
    IncomingDocument.objects.filter(pk=document.pk).update(title="关于抗旱的通知")
    client.force_login(clerk)
    assert _found(client, INCOMING, q="防汛") == []
    assert _found(client, INCOMING, q="抗旱") == ["关于抗旱的通知"]


def test_a_classified_document_is_not_searched_on_what_the_user_may_not_read(client, clerk, handler):
    secret = IncomingFactory(
        title="关于核查某工程的通知",
        sender="省厅",
        sender_number="省密〔2026〕7号",
        classification="confidential",
        lead_department=handler.department,
    )
    search.search_set_texts(secret, ["正文：堤防隐患排查情况"])
    plain = IncomingFactory(title="关于一般事项的通知", lead_department=handler.department)
    search.search_set_texts(plain, ["正文：堤防巡查安排"])

    client.force_login(handler)
    for masked in ("核查", "省密", "省密〔2026〕7", "隐患排查"):
        assert _found(client, INCOMING, q=masked) == [], masked
    assert _found(client, INCOMING, q="堤防") == ["关于一般事项的通知"]  # the plain body is searched
    assert len(_found(client, INCOMING, q="省厅")) == 1  # a field the page shows stays searchable
    assert api(handler).get("/api/v1/documents/incoming/", {"q": "核查"}).data["count"] == 0

    client.force_login(clerk)
    assert _found(client, INCOMING, q="核查") == ["关于核查某工程的通知"]
    assert _found(client, INCOMING, q="隐患排查") == ["关于核查某工程的通知"]
    assert set(_found(client, INCOMING, q="堤防")) == {"关于核查某工程的通知", "关于一般事项的通知"}


def test_relevance_or_date_as_the_user_picks(client, clerk):
    now = timezone.now()
    # Both have the bigrams of 保持水土 (保持, 持水, 水土); only the older has the phrase itself.
    phrase = IncomingFactory(title="关于保持水土的通知", received_at=now - datetime.timedelta(days=30))
    scattered = IncomingFactory(title="关于提高水土保持水平的通知", received_at=now - datetime.timedelta(days=1))
    IncomingFactory(title="关于其他事项的通知", received_at=now)
    client.force_login(clerk)
    assert _found(client, INCOMING, q="保持水土") == [scattered.title, phrase.title]  # date, newest first
    assert _found(client, INCOMING, q="保持水土", sort="date") == [scattered.title, phrase.title]
    assert _found(client, INCOMING, q="保持水土", sort="relevance") == [phrase.title, scattered.title]
    rows = api(clerk).get("/api/v1/documents/incoming/", {"q": "保持水土", "sort": "relevance"}).data["results"]
    assert [row["title"] for row in rows] == [phrase.title, scattered.title]
    form = client.get(INCOMING).content.decode()
    assert "按相关度" in form


def test_a_bad_sort_is_refused_naming_the_field(clerk):
    response = api(clerk).get("/api/v1/documents/incoming/", {"q": "水土", "sort": "size"})
    assert response.status_code == 400
    assert "sort" in response.data


def test_the_indexes_serve_the_search(clerk):
    IncomingFactory(title="关于做好防汛抗旱工作的通知")
    from documents.filters import IncomingFilter

    queryset = IncomingFilter({"q": "防汛 X政办发2026"}, queryset=IncomingDocument.objects.order_by()).qs
    with connection.cursor() as cursor:  # a handful of rows: make the planner show what it could use
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.order_by().explain()
    assert "incoming_search_gin" in plan
    assert "incoming_number_suffix_gin" in plan


@pytest.mark.parametrize(
    ("table", "index"),
    [("documents_incomingdocument", "incoming_search_gin"), ("documents_outgoingdocument", "outgoing_search_gin")],
)
def test_the_search_index_holds_the_narrow_filters(clerk, table, index):
    """状态, 文种 and 紧急程度 are columns of the GIN index beside the search vector (migration
    0019): a search with one of them finds its rows in the index, not by reading every match of
    the words (at a million documents, bench/documents.py `收文 q+status, department`)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s", [table, index])
        (definition,) = cursor.fetchone()
    assert definition.endswith("USING gin (search_vector, status, kind, urgency)")
    IncomingFactory(title="关于做好防汛抗旱工作的通知", status="handling", kind="request", urgency="urgent")
    IncomingFactory(title="关于做好防汛抗旱工作的报告", status="done")
    from documents.filters import IncomingFilter

    filters = {"q": "防汛", "status": "handling", "kind": "request", "urgency": "urgent"}
    queryset = IncomingFilter(filters, queryset=IncomingDocument.objects.order_by()).qs
    assert list(queryset.values_list("title", flat=True)) == ["关于做好防汛抗旱工作的通知"]


def test_relevance_ranks_the_newest_matches_of_a_common_word(client, clerk, monkeypatch):
    now = timezone.now()
    IncomingFactory(title="关于保持水土的通知", received_at=now - datetime.timedelta(days=30))
    newest = IncomingFactory(title="关于提高水土保持水平的通知", received_at=now - datetime.timedelta(days=1))
    monkeypatch.setattr(search, "RELEVANCE_WINDOW", 1)
    client.force_login(clerk)
    assert _found(client, INCOMING, q="保持水土", sort="relevance") == [newest.title]


def test_the_relevance_page_ranks_keys_and_reads_its_rows_by_key(client, clerk):
    from django.test.utils import CaptureQueriesContext

    from tests.access import assert_flat_queries

    IncomingFactory(title="关于保持水土的通知", received_at=timezone.now() - datetime.timedelta(days=3))
    IncomingFactory(title="关于提高水土保持水平的通知", received_at=timezone.now())
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        titles = _found(client, INCOMING, q="保持水土", sort="relevance")
    assert titles == ["关于保持水土的通知", "关于提高水土保持水平的通知"]
    ranking = next(q["sql"] for q in queries.captured_queries if "GREATEST(" in q["sql"] and "ORDER BY" in q["sql"])
    assert " JOIN " not in ranking
    assert_flat_queries(
        client, INCOMING + "?q=保持水土&sort=relevance", lambda n: IncomingFactory.create_batch(n, title="保持水土")
    )
