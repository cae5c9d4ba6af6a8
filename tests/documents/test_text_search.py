"""The register search reaches the text of the 正文 and of attachments (extracted once by a task):
a word found only there finds the document for those who may read it, never for others."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.choices import IncomingStatus
from documents.models import IncomingDocument, OutgoingDocument
from documents.services.attachments import attachment_add
from documents.services.versions import version_upload

from .conftest import api
from .factories import IncomingFactory
from .test_versions import draft, word  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.django_db
INCOMING = reverse("documents:incoming_list")
OUTGOING = reverse("documents:outgoing_list")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def titles(client, url, q):
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return [row.title for row in response.context["page"]]


def api_titles(user, path, q):
    response = api(user).get(f"/api/v1/documents/{path}/", {"q": q})
    assert response.status_code == 200
    return [row["title"] for row in response.data["results"]]


def test_a_word_only_in_an_attachment_finds_the_document_for_its_readers_only(
    client, clerk, handler, other_handler, django_capture_on_commit_callbacks
):
    document = IncomingFactory(
        title="关于报送材料的通知", status=IncomingStatus.HANDLING, lead_department=handler.department, created_by=clerk
    )
    IncomingFactory(title="关于其他事项的通知", status=IncomingStatus.HANDLING, lead_department=handler.department)
    content = word("各单位：", "请于月底前报送橡胶坝运行维护台账。")
    with django_capture_on_commit_callbacks(execute=True):
        attachment_add(actor=clerk, document=document, upload=SimpleUploadedFile("附件.docx", content))

    for user in (clerk, handler):
        client.force_login(user)
        assert titles(client, INCOMING, "橡胶坝") == ["关于报送材料的通知"]
        assert api_titles(user, "incoming", "运行维护台账") == ["关于报送材料的通知"]
    # Another department does not read the document: the word in its attachment finds nothing.
    client.force_login(other_handler)
    assert titles(client, INCOMING, "橡胶坝") == []
    assert api_titles(other_handler, "incoming", "橡胶坝") == []


def test_the_latest_version_of_the_body_is_searched(
    client, handler, draft, django_capture_on_commit_callbacks  # noqa: F811
):
    client.force_login(handler)
    # The text written on the page is version 1.
    assert titles(client, OUTGOING, "汛前检查通知如下") == [draft.title]
    assert titles(client, OUTGOING, "闸门启闭") == []
    with django_capture_on_commit_callbacks(execute=True):
        version_upload(
            actor=handler,
            document=draft,
            upload=SimpleUploadedFile("正文.docx", word("各科室：", "请检查闸门启闭设备。")),
        )
    assert titles(client, OUTGOING, "闸门启闭") == [draft.title]
    # Words of the earlier version only no longer find it.
    assert titles(client, OUTGOING, "汛前检查通知如下") == []


def test_extracted_text_of_a_classified_document_is_not_searchable_without_clearance(client, clerk, handler):
    from documents.services.extraction import document_texts_refresh

    secret = IncomingFactory(
        title="关于堤防隐患的报告", classification="secret", lead_department=handler.department, created_by=clerk
    )
    # A file attached before the document was marked classified (the service refuses new ones).
    IncomingDocument.objects.filter(pk=secret.pk).update(classification="public")
    secret.refresh_from_db()
    attachment_add(actor=clerk, document=secret, upload=SimpleUploadedFile("附件.docx", word("渗漏点三处。")))
    from documents.services.extraction import attachment_extract_text

    attachment_extract_text(attachment_id=secret.attachments.get().pk)
    IncomingDocument.objects.filter(pk=secret.pk).update(classification="secret")
    document_texts_refresh(IncomingDocument.objects.get(pk=secret.pk))
    client.force_login(handler)
    assert titles(client, INCOMING, "渗漏点") == []
    client.force_login(clerk)
    assert len(titles(client, INCOMING, "渗漏点")) == 1
    assert OutgoingDocument.objects.count() == 0


def test_an_unusual_file_with_too_many_distinct_words_is_cut_not_an_error(clerk, handler):
    """Random characters give more distinct bigrams than a tsvector holds (1 MB): the search takes
    the text up to the limit and the extraction goes on."""
    import random

    from documents.models import Attachment
    from documents.services.extraction import document_texts_refresh

    rng = random.Random(7)
    lines = ["".join(chr(0x4E00 + rng.randrange(20000)) for _ in range(100)) for _ in range(2000)]
    document = IncomingFactory(title="关于字表的通知", lead_department=handler.department, created_by=clerk)
    attachment_add(actor=clerk, document=document, upload=SimpleUploadedFile("字表.docx", word("甲乙丙")))
    Attachment.objects.filter(incoming=document).update(text="\n".join(["首行堰塞湖", *lines]), text_status="done")
    document_texts_refresh(document)
    document.refresh_from_db()
    assert 0 < len(document.search_extra) < 200_000
    assert IncomingDocument.objects.filter(pk=document.pk, search_vector__bigrams="'堰塞'").exists()


def test_a_text_without_punctuation_is_cut_into_short_lines_for_the_index(clerk, handler):
    """The database cuts a run of characters in time that grows with its square: a 20,000
    character run is handed over in lines of at most 200."""
    from documents.models import Attachment
    from documents.services.extraction import SEARCH_LINE_CHARS, document_texts_refresh

    document = IncomingFactory(title="关于长文的通知", lead_department=handler.department, created_by=clerk)
    attachment_add(actor=clerk, document=document, upload=SimpleUploadedFile("长文.docx", word("甲乙丙")))
    Attachment.objects.filter(incoming=document).update(text="水库大坝安全" * 4000, text_status="done")
    document_texts_refresh(document)
    document.refresh_from_db()
    assert max(len(line) for line in document.search_extra.splitlines()) == SEARCH_LINE_CHARS
    assert IncomingDocument.objects.filter(pk=document.pk, search_vector__bigrams="'大坝'").exists()


def test_saving_a_document_loaded_before_its_text_was_extracted_keeps_the_text(clerk, handler):
    """A service saving the whole record from an instance loaded earlier does not write back the
    search text the extraction task set meanwhile."""
    from documents import search

    document = IncomingFactory(title="关于报送台账的通知", lead_department=handler.department, created_by=clerk)
    loaded_before = IncomingDocument.objects.get(pk=document.pk)
    search.search_set_texts(document, ["附件：橡胶坝运行台账"])
    loaded_before.remarks = "已电话催报。"
    loaded_before.save()
    saved = IncomingDocument.objects.get(pk=document.pk)
    assert saved.search_extra == "附件：橡胶坝运行台账" and saved.remarks == "已电话催报。"
    assert IncomingDocument.objects.filter(pk=document.pk, search_vector__bigrams="'橡胶' & '胶坝'").exists()
