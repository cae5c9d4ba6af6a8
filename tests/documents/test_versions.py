"""Versions of the 正文: uploaded at each step by the one who may act there, kept for ever,
downloaded and compared by the draft's readers; their text extracted once by a task."""

import io
import zipfile

import docx
import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.choices import OutgoingStatus
from documents.models import AccessLog, Attachment, BodyVersion
from documents.printing import issued_pdf
from documents.services import extraction
from documents.services import outgoing as outgoing_services
from documents.services.attachments import attachment_add
from documents.services.versions import version_upload

from .conftest import api
from .test_printing import numbered

pytestmark = pytest.mark.django_db

OUTGOING = "/api/v1/documents/outgoing/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def word(*paragraphs) -> bytes:
    """A Word document: (style, text) pairs or plain texts (Normal)."""
    document = docx.Document()
    for item in paragraphs:
        style, text = item if isinstance(item, tuple) else ("Normal", item)
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(content: bytes, name="正文.docx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


FIRST = word(
    ("Title", "关于开展汛前检查的通知"),
    "各科室、局属各单位：",
    "为做好今年防汛工作，现就开展汛前检查通知如下。",
    ("Heading 1", "一、检查范围"),
    "全市各类水库和堤防。",
    ("Heading 2", "（一）重点水库"),
    "病险水库逐座检查。",
)
SECOND = word(
    ("Title", "关于开展汛前检查的通知"),
    "各科室、局属各单位：",
    "为做好今年防汛工作，现就开展汛前安全检查通知如下。",
    ("Heading 1", "一、检查范围"),
    "全市各类水库和堤防。",
    ("Heading 1", "二、工作要求"),
    "请于5月20日前报送检查报告。",
)


@pytest.fixture
def draft(handler, clerk, leader, code):
    return outgoing_services.outgoing_draft(
        actor=handler,
        title="关于开展汛前检查的通知",
        main_recipients="各科室、局属各单位",
        body="为做好今年防汛工作，现就开展汛前检查通知如下。",
        issuing_code=code,
        reviewer=clerk,
        signing_leader=leader,
        disclosure="active",
    )


def test_text_written_on_the_page_is_the_first_version_and_each_change_another(handler, draft):
    version = draft.versions.get()
    assert (version.number, version.step, version.source, version.text_status) == (1, "draft", "text", "done")
    assert version.text == "为做好今年防汛工作，现就开展汛前检查通知如下。"
    outgoing_services.outgoing_update(actor=handler, document=draft, title="新标题")
    assert draft.versions.count() == 1  # the text did not change
    outgoing_services.outgoing_update(actor=handler, document=draft, body="一、检查范围\n全市各类水库。")
    assert list(draft.versions.values_list("number", "step")) == [(1, "draft"), (2, "draft")]
    assert draft.versions.get(number=2).paragraphs[0] == {"style": "", "level": "h2", "text": "一、检查范围"}


def test_a_draft_with_versions_cannot_become_classified(handler, draft):
    with pytest.raises(Exception) as error:
        outgoing_services.outgoing_update(
            actor=handler,
            document=draft,
            classification="secret",
            secrecy_period="1y",
            body="",
            disclosure="not_public",
        )
    assert "不能改为涉密文件" in str(error.value.message_dict["classification"])
    draft.refresh_from_db()
    assert draft.classification == "none" and draft.versions.count() == 1


def test_editing_the_draft_keeps_an_uploaded_word_version_the_latest(
    handler, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version_upload(actor=handler, document=draft, upload=upload(SECOND))
    # The page sends every field again, the unchanged text included: no version of it is made.
    outgoing_services.outgoing_update(actor=handler, document=draft, title="新标题", body=draft.body)
    assert draft.versions.order_by("-number").first().source == "docx"


def test_each_step_uploads_its_version_and_only_the_one_who_acts_there(
    handler, clerk, leader, other_handler, planning_head, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = version_upload(actor=planning_head, document=draft, upload=upload(FIRST), note="拟稿")
    first.refresh_from_db()
    assert (first.number, first.step, first.source, first.text_status) == (2, "draft", "docx", "done")
    assert [p["level"] for p in first.paragraphs] == ["title", "p", "p", "h2", "p", "h3", "p"]
    assert first.paragraphs[3] == {"style": "Heading 1", "level": "h2", "text": "一、检查范围"}
    assert "病险水库逐座检查。" in first.text
    outgoing_services.outgoing_submit(actor=handler, document=draft)
    draft.refresh_from_db()
    for outsider in (handler, leader):  # at 核稿 only the chosen reviewer
        with pytest.raises(Exception, match="只有当前环节的办理人"):
            version_upload(actor=outsider, document=draft, upload=upload(SECOND))
    with django_capture_on_commit_callbacks(execute=True):
        second = version_upload(actor=clerk, document=draft, upload=upload(SECOND), note="核稿修改")
    assert (second.number, second.step) == (3, "review")
    outgoing_services.outgoing_review(actor=clerk, document=draft)
    draft.refresh_from_db()
    assert draft.status == OutgoingStatus.SIGNING
    with django_capture_on_commit_callbacks(execute=True):
        third = version_upload(actor=leader, document=draft, upload=upload(SECOND))
    assert third.step == "sign"
    outgoing_services.outgoing_sign(actor=leader, document=draft, opinion="同意")
    draft.refresh_from_db()
    with pytest.raises(Exception, match="只有当前环节的办理人"):
        version_upload(actor=leader, document=draft, upload=upload(SECOND))
    with django_capture_on_commit_callbacks(execute=True):
        proof = version_upload(actor=clerk, document=draft, upload=upload(SECOND))
    assert proof.step == "proof"
    outgoing_services.outgoing_assign_number(actor=clerk, document=draft)
    outgoing_services.outgoing_dispatch(actor=clerk, document=draft, printed_copies=5)
    draft.refresh_from_db()
    with pytest.raises(Exception, match="不能再上传正文版本"):
        version_upload(actor=clerk, document=draft, upload=upload(SECOND))
    assert list(draft.versions.values_list("number", flat=True)) == [1, 2, 3, 4, 5]


def test_a_countersigning_department_uploads_until_it_has_signed(
    handler, clerk, leader, other_handler, other_dept, code, django_capture_on_commit_callbacks
):
    document = outgoing_services.outgoing_draft(
        actor=handler,
        title="关于联合检查的通知",
        issuing_code=code,
        reviewer=clerk,
        signing_leader=leader,
        countersign_departments=[other_dept],
    )
    outgoing_services.outgoing_submit(actor=handler, document=document)
    outgoing_services.outgoing_review(actor=clerk, document=document)
    document.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        version = version_upload(actor=other_handler, document=document, upload=upload(FIRST))
    assert version.step == "countersign"
    with pytest.raises(Exception, match="只有当前环节的办理人"):
        version_upload(actor=handler, document=document, upload=upload(FIRST))


def test_bad_files_are_refused_naming_the_field(handler, draft):
    fake = io.BytesIO()
    with zipfile.ZipFile(fake, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")  # no [Content_Types].xml
    for content, name, message in (
        (b"%PDF-1.4 not really", "正文.pdf", "不支持的文件类型。允许：Word"),
        (fake.getvalue(), "正文.docx", "不是完整有效的 Word 文件"),
        (FIRST, "正文.pdf", "与扩展名"),
        (b"", "正文.docx", "正文是空文件"),
    ):
        with pytest.raises(Exception) as error:
            version_upload(actor=handler, document=draft, upload=upload(content, name))
        assert message in str(error.value) and "file" in error.value.message_dict, name
    assert draft.versions.count() == 1


def test_a_classified_draft_takes_no_body_and_the_refusal_is_recorded(handler, clerk, leader, code):
    document = outgoing_services.outgoing_draft(
        actor=handler,
        title="涉密通知",
        classification="secret",
        secrecy_period="1y",
        issuing_code=code,
        reviewer=clerk,
        signing_leader=leader,
    )
    with pytest.raises(Exception, match="涉密文件"):
        version_upload(actor=handler, document=document, upload=upload(FIRST))
    assert AccessLog.objects.filter(action=AccessLog.REFUSED, outgoing=document).exists()
    assert not BodyVersion.objects.filter(document=document).exists()


def test_the_versions_page_uploads_compares_and_downloads(
    client, handler, clerk, leader, other_handler, draft, django_capture_on_commit_callbacks
):
    url = reverse("documents:outgoing_versions", args=[draft.pk])
    client.force_login(other_handler)
    assert client.get(url).status_code == 404  # another department does not see the draft
    client.force_login(handler)
    page = client.get(url).content.decode()
    assert "上传新版本（拟稿）" in page and "第1版" in page
    response = client.post(reverse("documents:outgoing_version_upload", args=[draft.pk]), {"note": "x"})
    assert response.status_code == 400 and "正文（Word 文档 .docx）：" in response.content.decode()
    response = client.post(
        reverse("documents:outgoing_version_upload", args=[draft.pk]),
        {"file": upload(b"%PDF-1.4 x", "a.pdf")},
    )
    assert response.status_code == 400 and "不支持的文件类型" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:outgoing_version_upload", args=[draft.pk]),
            {"file": upload(SECOND), "note": "补充工作要求"},
        )
    assert response.status_code == 302
    page = client.get(url, {"a": 1, "b": 2}).content.decode()
    assert "修改 1 段" in page and "新增 6 段" in page
    assert "<ins>安全</ins>" in page  # the characters added inside a changed paragraph
    assert "请于5月20日前报送检查报告。" in page
    assert client.get(url, {"a": 1, "b": 9}).status_code == 400
    # The leader reads the draft (not yet his step): he downloads and compares, never uploads.
    client.force_login(leader)
    page = client.get(url).content.decode()
    assert 'id="version-upload"' not in page and 'id="diff-form"' in page
    version = draft.versions.get(number=2)
    response = client.get(reverse("documents:version_download", args=[version.pk]))
    assert response.status_code == 200 and response.getvalue() == SECOND
    assert AccessLog.objects.filter(actor=leader, outgoing=draft, detail__startswith="正文第2版").exists()
    response = client.post(reverse("documents:outgoing_version_upload", args=[draft.pk]), {"file": upload(SECOND)})
    assert response.status_code == 403
    client.force_login(other_handler)
    assert client.get(reverse("documents:version_download", args=[version.pk])).status_code == 404
    detail = client.get(reverse("documents:outgoing_detail", args=[draft.pk]))
    assert detail.status_code == 404
    client.force_login(handler)
    detail = client.get(reverse("documents:outgoing_detail", args=[draft.pk])).content.decode()
    assert "正文版本（2）" in detail and "请于5月20日前报送检查报告。" in detail


def test_versions_through_the_api(handler, clerk, leader, other_handler, draft, django_capture_on_commit_callbacks):
    url = f"{OUTGOING}{draft.pk}/versions/"
    assert api(None).get(url).status_code == 401
    assert api(other_handler).get(url).status_code == 404
    response = api(handler).post(url, {"file": upload(b"MZ\x90\x00", "正文.docx")}, format="multipart")
    assert response.status_code == 400 and "file" in response.data
    assert api(leader).post(url, {"file": upload(SECOND)}, format="multipart").status_code == 403
    assert api(leader).post(url, {}, format="multipart").status_code == 403  # who before the file
    with django_capture_on_commit_callbacks(execute=True):
        response = api(handler).post(url, {"file": upload(SECOND), "note": "改"}, format="multipart")
    assert response.status_code == 201
    assert response.data["number"] == 2 and response.data["step_display"] == "拟稿"
    listed = api(leader).get(url).data
    assert [v["number"] for v in listed] == [2, 1]
    assert listed[0]["text_status"] == "done" and listed[1]["download_url"] is None
    download = api(leader).get(listed[0]["download_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == SECOND
    diff = api(leader).get(f"{url}diff/", {"a": 1, "b": 2})
    assert diff.status_code == 200 and diff.data["counts"] == {"changed": 1, "deleted": 0, "inserted": 6}
    changed = next(r for r in diff.data["rows"] if r["tag"] == "replace")
    assert ["安全", True] in [list(x) for x in changed["right"]]
    bad = api(leader).get(f"{url}diff/", {"a": "x", "b": 2})
    assert bad.status_code == 400 and "a" in bad.data


def test_broken_and_huge_files_are_stored_without_text_never_an_error(
    handler, draft, settings, django_capture_on_commit_callbacks
):
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as package:  # a valid package that is no Word document
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    with django_capture_on_commit_callbacks(execute=True):
        version = version_upload(actor=handler, document=draft, upload=upload(broken.getvalue()))
    version.refresh_from_db()
    assert (version.text_status, version.text, version.text_error) == ("failed", "", "Word 文档已损坏，无法读取。")
    settings.DOCUMENTS_TEXT_MAX_BYTES = 100
    long = word(*["为做好今年防汛工作，现就开展汛前检查通知如下。"] * 20)
    with django_capture_on_commit_callbacks(execute=True):
        version = version_upload(actor=handler, document=draft, upload=upload(long))
    version.refresh_from_db()
    assert version.text_status == "truncated" and len(version.text.encode()) <= 100
    assert version.text.startswith("为做好今年防汛工作")


def test_attachments_text_is_extracted_once(clerk, handler, draft, django_capture_on_commit_callbacks):
    pdf = issued_pdf(numbered(handler, clerk, clerk, draft.issuing_code))
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attachment_add(actor=handler, document=draft, upload=upload(pdf, "附件1.pdf"))
        other = attachment_add(actor=handler, document=draft, upload=upload(FIRST, "附件2.docx"))
    attachment.refresh_from_db()
    other.refresh_from_db()
    assert attachment.text_status == "done" and "为落实最严格水资源管理制度" in attachment.text.replace("\n", "")
    assert other.text_status == "done" and "一、检查范围" in other.text
    response = api(handler).post(
        f"{OUTGOING}{draft.pk}/attachments/", {"file": upload(b"PK\x03\x04broken", "坏.docx")}, format="multipart"
    )
    assert response.status_code == 400 and "file" in response.data
    with django_capture_on_commit_callbacks(execute=True):
        response = api(handler).post(
            f"{OUTGOING}{draft.pk}/attachments/", {"file": upload(SECOND, "附件3.docx")}, format="multipart"
        )
    assert response.status_code == 201 and response.data["text_status_display"] == "待提取"
    assert "二、工作要求" in Attachment.objects.get(pk=response.data["id"]).text
    Attachment.objects.filter(pk=other.pk).update(text="kept")
    extraction.attachment_extract_text(attachment_id=other.pk)  # once: a second run changes nothing
    other.refresh_from_db()
    assert other.text == "kept"


def test_the_issued_document_prints_the_latest_word_version_with_its_heading_levels(
    handler, clerk, leader, code, django_capture_on_commit_callbacks
):
    document = numbered(handler, clerk, leader, code, title="关于开展汛前检查的通知", status="signed")
    with django_capture_on_commit_callbacks(execute=True):
        version_upload(actor=clerk, document=document, upload=upload(SECOND))
    document.status = "numbered"
    document.save(update_fields=["status"])
    with pdfplumber.open(io.BytesIO(issued_pdf(document))) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    assert "二、工作要求" in text and "请于5月20日前报送检查报告。" in text
    assert "为落实最严格水资源管理制度" not in text  # the page's text is replaced by the Word version
    assert text.count("关于开展汛前检查的通知") == 1  # the title is not printed twice
    at = text.index("二、工作要求")
    assert all("OfficeHei" in c["fontname"] for c in chars[at : at + 6])  # 一、 headings in 黑体
    at = text.index("请于5月20日前")
    assert all("OfficeFang" in c["fontname"] for c in chars[at : at + 2])


def test_the_draft_form_takes_the_word_body(client, handler, clerk, leader, django_capture_on_commit_callbacks):
    data = {
        "title": "关于开展汛前检查的通知",
        "kind": "notice",
        "classification": "none",
        "urgency": "normal",
        "disclosure": "active",
        "reviewer": clerk.pk,
        "signing_leader": leader.pk,
    }
    client.force_login(handler)
    response = client.post(reverse("documents:outgoing_create"), {**data, "body_file": upload(b"%PDF-1.4", "a.pdf")})
    assert response.status_code == 400 and "正文 Word 文档：不支持的文件类型" in response.content.decode()
    response = client.post(
        reverse("documents:outgoing_create"),
        {
            **data,
            "classification": "secret",
            "secrecy_period": "1y",
            "disclosure": "not_public",
            "body_file": upload(FIRST),
        },
    )
    assert response.status_code == 400 and "涉密文件只登记元数据" in response.content.decode()
    assert AccessLog.objects.filter(action=AccessLog.REFUSED, detail__contains="关于开展汛前检查的通知").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:outgoing_create"), {**data, "body_file": upload(FIRST)})
    assert response.status_code == 302
    version = BodyVersion.objects.get(document__title="关于开展汛前检查的通知")
    assert (version.number, version.source, version.text_status) == (1, "docx", "done")
    edit = reverse("documents:outgoing_edit", args=[version.document_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {**data, "body_file": upload(SECOND)})
    assert response.status_code == 302
    assert list(version.document.versions.values_list("number", "source")) == [(1, "docx"), (2, "docx")]


def test_who_sees_the_versions_and_the_lists_cost_the_same_queries(request, client, handler, draft):
    from tests.access import assert_access, assert_flat_queries

    url = reverse("documents:outgoing_versions", args=[draft.pk])
    expected = {"anonymous": 302, "other_handler": 404, "handler": 200, "clerk": 200, "leader": 200}
    assert_access(request, url, expected)
    assert_access(request, f"{OUTGOING}{draft.pk}/versions/", {**expected, "anonymous": 401}, api=True)
    assert_access(
        request,
        reverse("documents:outgoing_version_upload", args=[draft.pk]),
        {"anonymous": 302, "other_handler": 404, "leader": 403, "handler": 400},  # who first, then the file
        method="post",
        data={},
        unchanged=BodyVersion.objects.all(),
    )

    def add_versions(n):
        for _ in range(n):
            body = f"{draft.body}{BodyVersion.objects.count()}"
            outgoing_services.outgoing_update(actor=handler, document=draft, body=body)
            draft.body = body

    client.force_login(handler)
    assert_flat_queries(client, url, add_versions)
    assert_flat_queries(api(handler), f"{OUTGOING}{draft.pk}/versions/", add_versions)


def test_attachments_uploaded_before_are_extracted_by_a_command(handler, draft):
    from django.core.management import call_command

    attachment = attachment_add(actor=handler, document=draft, upload=upload(FIRST, "旧附件.docx"))
    Attachment.objects.filter(pk=attachment.pk).update(text_status="")  # as rows from before the task
    out = io.StringIO()
    call_command("documents_extract_text", stdout=out)
    attachment.refresh_from_db()
    assert attachment.text_status == "done" and "一、检查范围" in attachment.text
    assert "已提取 1 个文件的文字" in out.getvalue()
    call_command("documents_extract_text", stdout=out)  # nothing left: changes nothing
    assert "已提取 0 个文件的文字" in out.getvalue()
