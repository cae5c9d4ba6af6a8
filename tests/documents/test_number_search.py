"""Number search does not need the exact 〔〕: the brackets people type and full-width digits
find the stored number, on the page, in the API, and through the number index."""

import pytest
from django.db import connection
from django.urls import reverse

from documents.choices import OutgoingStatus
from documents.filters import OutgoingFilter, canonical_number
from documents.models import OutgoingDocument

from .conftest import api
from .factories import IncomingFactory, OutgoingFactory

pytestmark = pytest.mark.django_db

TYPED = [
    "X水发[2026]169",
    "X水发(2026)169",
    "X水发【2026】169",
    "X水发（２０２６）１６９",
    "X水发〔2026〕169号",
    "x水发[2026]169",
]


@pytest.fixture
def numbered():
    wanted = OutgoingFactory(
        title="关于印发防汛抗旱应急预案的通知", document_number="X水发〔2026〕169号", status=OutgoingStatus.NUMBERED
    )
    OutgoingFactory(title="关于报送统计年报的通知", document_number="X水发〔2026〕17号", status=OutgoingStatus.NUMBERED)
    return wanted


@pytest.mark.parametrize("typed", TYPED)
def test_the_register_page_finds_the_number_whatever_the_brackets(client, clerk, numbered, typed):
    client.force_login(clerk)
    page = client.get(reverse("documents:outgoing_list"), {"q": typed}).context["page"]
    assert [d.pk for d in page] == [numbered.pk]


def test_the_api_finds_it_too(clerk, numbered):
    response = api(clerk).get("/api/v1/documents/outgoing/", {"q": "X水发[2026]169"})
    assert [row["id"] for row in response.data["results"]] == [numbered.pk]


def test_an_incoming_sender_number_is_found_the_same_way(client, clerk):
    IncomingFactory(title="关于做好汛期工作的通知", sender_number="X政办发〔2026〕17号")
    client.force_login(clerk)
    page = client.get(reverse("documents:incoming_list"), {"q": "X政办发[2026]17"}).context["page"]
    assert [d.title for d in page] == ["关于做好汛期工作的通知"]


def test_titles_keep_their_own_brackets():
    # Only a year in brackets is rewritten; a title's （试行） is searched as typed.
    assert canonical_number("管理办法（试行）") == "管理办法(试行)"
    assert canonical_number("X水发[2026]169") == "X水发〔2026〕169"
    # Without brackets, the year set off by a space (the SQLite fallback's only way to match).
    assert canonical_number("省水利发2026 10") == "省水利发〔2026〕10"
    assert canonical_number("2026 10") == "2026 10"


def test_the_number_index_serves_the_search(clerk, numbered):
    queryset = OutgoingFilter({"q": "X水发[2026]169"}, queryset=OutgoingDocument.objects.order_by()).qs
    with connection.cursor() as cursor:  # a handful of rows: make the planner show what it could use
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.order_by().explain()
    assert "outgoing_number_suffix_gin" in plan


def test_lexemes_in_nearly_every_row_are_checked_on_the_rows_not_read_from_the_index(client, clerk):
    """号 and a number's prefix are in every numbered record: the index reads the selective lexemes,
    the rest are checked on each row found. The rows are the same as with every lexeme indexed."""
    from django.test.utils import CaptureQueriesContext

    from documents import search

    for serial in range(1, 31):
        IncomingFactory(sender_number=f"X政发〔2022〕{serial}号", title=f"关于第{serial}项工作的通知")
    cited = IncomingFactory(sender_number="X办〔2023〕1号", title="转发X政发〔2022〕17号文件的通知")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_incomingdocument")
    assert {"号", "x"} <= search.frequencies.everywhere("documents_incomingdocument", ["号", "x", "17", "政发"])
    assert "17" not in search.frequencies.everywhere("documents_incomingdocument", ["17"])
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("documents:incoming_list"), {"q": "X政发〔2022〕17号"})
    found = {row.pk for row in response.context["page"]}
    expected = IncomingFactory._meta.model.objects.filter(sender_number="X政发〔2022〕17号").get().pk
    assert found == {expected, cited.pk}
    searches = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"] and not q["sql"].startswith("EXPLAIN")]
    indexed = searches[0].split("|| ''::tsvector")[0]
    assert "''17''" in searches[0] and "''号''" not in indexed and "''号''" in searches[0]
