"""Issue 16's remaining parts: the 发文机关标志 of each issuing code, the 公开属性 of a draft,
the 附件说明 and the 版记 at the foot of the last page of the issued document."""

import io
import re
import zipfile

import docx
import pdfplumber
import pytest
from django.urls import reverse

from documents.models import IssuingCode, OutgoingDocument
from documents.printing import issued_docx, issued_pdf, issuing_mark

from .conftest import api
from .test_printing import is_red, numbered, pdf_text

pytestmark = pytest.mark.django_db


# ---- 发文机关标志 per issuing code ----


def test_the_issued_document_prints_the_mark_of_its_issuing_code(handler, clerk, leader, code, settings):
    settings.ORGANISATION_NAME = "滨河市水利局"
    code.mark = "滨河市水利局办公室文件"
    code.save(update_fields=["mark"])
    document = numbered(handler, clerk, leader, code)
    assert issuing_mark(document) == "滨河市水利局办公室文件"
    with pdfplumber.open(io.BytesIO(issued_pdf(document))) as pdf:
        red = [c["text"] for c in pdf.pages[0].chars if is_red(c["non_stroking_color"])]
    assert "".join(red) == "滨河市水利局办公室文件"
    word = docx.Document(io.BytesIO(issued_docx(document)))
    assert "滨河市水利局办公室文件" in [p.text for p in word.paragraphs]
    ofd = api(clerk).get(reverse("documents-outgoing-issued", args=[document.pk, "ofd"])).content
    with zipfile.ZipFile(io.BytesIO(ofd)) as package:
        page = package.read("Doc_0/Pages/Page_0/Content.xml").decode()
    assert re.search(r'<ofd:FillColor Value="212 0 0"/><ofd:TextCode[^>]*>滨河市水利局办公室文件<', page)


def test_without_a_mark_the_organisations_name_and_wen_jian(handler, clerk, leader, code, settings):
    settings.ORGANISATION_NAME = "滨河市水利局"
    code.mark = ""
    code.description = "局发文"
    code.save(update_fields=["mark", "description"])
    document = numbered(handler, clerk, leader, code)
    assert issuing_mark(document) == "滨河市水利局文件"
    document.issuing_code = None
    assert issuing_mark(document) == "滨河市水利局文件"


def test_the_administrator_sets_the_mark_in_the_chinese_admin(client, administrator, handler, code):
    client.force_login(administrator)
    url = reverse("admin:documents_issuingcode_change", args=[code.pk])
    page = client.get(url).content.decode()
    assert "发文机关标志" in page
    response = client.post(
        url,
        {"code": code.code, "description": "局发文", "mark": "滨河市水利局文件", "is_active": "on", "sort_order": 10},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    code.refresh_from_db()
    assert code.mark == "滨河市水利局文件"
    assert code.history.first().mark == "滨河市水利局文件"
    listing = client.get(reverse("admin:documents_issuingcode_changelist")).content.decode()
    assert "滨河市水利局文件" in listing
    client.force_login(handler)
    assert client.get(url).status_code == 302  # not staff: to the admin's login


def test_a_mark_must_read_as_one_line(administrator):
    code = IssuingCode(code="X水测", mark="滨河市水利局" * 4 + "文件")
    with pytest.raises(Exception) as error:
        code.full_clean()
    assert "发文机关标志" in str(error.value) or "mark" in str(error.value)


# ---- 公开属性 ----

OUTGOING = "/api/v1/documents/outgoing/"


def draft_form(reviewer, leader, **fields):
    data = {
        "title": "关于开展汛前检查的通知",
        "kind": "notice",
        "classification": "none",
        "urgency": "normal",
        "reviewer": reviewer.pk,
        "signing_leader": leader.pk,
        "body": "一、检查范围\n各水库。",
    }
    data.update(fields)
    return data


def test_the_drafter_chooses_the_disclosure_on_the_page(client, handler, clerk, leader):
    client.force_login(handler)
    page = client.get(reverse("documents:outgoing_create")).content.decode()
    assert "公开属性" in page and "主动公开" in page and "依申请公开" in page and "不予公开" in page
    response = client.post(reverse("documents:outgoing_create"), draft_form(clerk, leader))
    assert response.status_code == 400  # the page asks for it
    assert "公开属性：该字段是必填项" in response.content.decode()
    response = client.post(reverse("documents:outgoing_create"), draft_form(clerk, leader, disclosure="active"))
    assert response.status_code == 302
    document = OutgoingDocument.objects.get(title="关于开展汛前检查的通知")
    assert document.disclosure == "active"
    detail = client.get(reverse("documents:outgoing_detail", args=[document.pk])).content.decode()
    assert re.search(r'id="disclosure">\s*主动公开', detail)
    text = pdf_text(client.get(reverse("documents:outgoing_sheet", args=[document.pk])).content)
    assert "公开属性主动公开" in text
    edit = client.post(
        reverse("documents:outgoing_edit", args=[document.pk]), draft_form(clerk, leader, disclosure="on_request")
    )
    assert edit.status_code == 302
    document.refresh_from_db()
    assert document.disclosure == "on_request"


def test_the_disclosure_through_the_api(handler, clerk, leader, code):
    data = {"title": "关于报送统计年报的通知", "reviewer": clerk.pk, "signing_leader": leader.pk}
    response = api(handler).post(OUTGOING, {**data, "disclosure": "public"}, format="json")
    assert response.status_code == 400 and "disclosure" in response.data
    response = api(handler).post(OUTGOING, {**data, "disclosure": "not_public"}, format="json")
    assert response.status_code == 201
    assert response.data["disclosure"] == "not_public" and response.data["disclosure_display"] == "不予公开"
    pk = response.data["id"]
    response = api(handler).post(f"{OUTGOING}{pk}/edit/", {"disclosure": "active"}, format="json")
    assert response.status_code == 200 and response.data["disclosure"] == "active"
    listed = api(handler).get(OUTGOING).data["results"][0]
    assert listed["disclosure_display"] == "主动公开"


def test_a_classified_draft_is_never_published(handler, clerk, leader):
    data = {
        "title": "关于保密检查的通知",
        "reviewer": clerk.pk,
        "signing_leader": leader.pk,
        "classification": "secret",
        "secrecy_period": "1y",
    }
    response = api(handler).post(OUTGOING, {**data, "disclosure": "active"}, format="json")
    assert response.status_code == 400 and "不予公开" in str(response.data["disclosure"])
    response = api(handler).post(OUTGOING, data, format="json")
    assert response.status_code == 201 and response.data["disclosure"] == "not_public"


def test_a_draft_made_before_the_field_reads_unmarked(handler, clerk, leader, code):
    document = numbered(handler, clerk, leader, code)  # the factory sets no disclosure
    assert document.disclosure == "" and document.get_disclosure_display() == "未标注"
    assert "公开属性未标注" in pdf_text(api(clerk).get(reverse("documents-outgoing-sheet", args=[document.pk])).content)


def test_the_register_export_has_the_disclosure(client, handler, clerk, leader, code):
    from openpyxl import load_workbook

    numbered(handler, clerk, leader, code, disclosure="on_request")
    client.force_login(clerk)
    response = client.get(reverse("documents:outgoing_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    assert "公开属性" in headers
    assert sheet.cell(row=2, column=headers.index("公开属性") + 1).value == "依申请公开"
