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
