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
from .test_printing import MM, is_red, numbered, pdf_text

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
    response = api(handler).post(
        OUTGOING, {**data, "disclosure": "not_public", "attachment_names": "考核评分细则"}, format="json"
    )
    assert response.status_code == 201 and response.data["attachment_names"] == "考核评分细则"
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


# ---- 附件说明 and the 版记 at the foot of the last page ----

PITCH_MM = 156 / 28


def rules_mm(page):
    """The black rules the width of the text block on a page, as (top, bottom) in mm. WeasyPrint
    draws a border as the region between two rectangles: their horizontal edges come in pairs
    less than half a millimetre apart, one pair a rule."""
    edges = set()
    for r in page.rects:
        if abs(r["width"] / MM - 156) < 0.5 and not is_red(r.get("non_stroking_color")):
            edges.update((round(r["top"] / MM, 2), round(r["bottom"] / MM, 2)))
    rules = []
    for y in sorted(edges):
        if rules and y - rules[-1][1] < 0.5:
            rules[-1] = (rules[-1][0], y)
        else:
            rules.append((y, y))
    return rules


def line_starting(chars, text):
    at = "".join(c["text"] for c in chars).index(text)
    return chars[at : at + len(text)]


@pytest.mark.parametrize("paragraphs", [1, 30])
def test_the_colophon_lies_at_the_foot_of_the_last_page(handler, clerk, leader, code, paragraphs):
    body = "\n".join(["为落实最严格水资源管理制度，现就开展年度考核有关事项通知如下。"] * paragraphs)
    document = numbered(handler, clerk, leader, code, body=body)
    with pdfplumber.open(io.BytesIO(issued_pdf(document))) as pdf:
        assert (len(pdf.pages) == 1) == (paragraphs == 1)
        last = pdf.pages[-1]
        rules = rules_mm(last)
        # Three rules the width of the text block: thick, thin between 抄送 and 印发, thick;
        # the last on the text block's bottom edge (37 + 225 mm from the top).
        assert len(rules) == 3, rules
        thickness = [round(bottom - top, 2) for top, bottom in rules]
        assert thickness[0] == thickness[2] > thickness[1] > 0  # thick, thin, thick
        assert abs(rules[-1][1] - (37 + 225)) < 0.2, rules
        text = "".join(c["text"] for c in last.chars)
        assert "抄送：市人民政府办公室，市审计局。" in text and "2026年3月9日印发" in text
        colophon_top = rules[0][0]
        body_chars = [c for c in last.chars if c["top"] / MM < colophon_top and c["text"].strip()]
        # The closing stays above the 版记; on the first page of two, no 版记.
        assert "2026年3月5日" in "".join(c["text"] for c in body_chars)
        assert all(rules_mm(page) == [] for page in pdf.pages[:-1])  # the 版记 only on the last


def test_the_attachment_notes_follow_gbt9704(handler, clerk, leader, code):
    long_name = "2026年度全市水资源管理考核指标分解表及各县（市、区）考核工作联系人名单"
    document = numbered(
        handler,
        clerk,
        leader,
        code,
        body="现就开展年度考核有关事项通知如下。",
        attachment_names=f"考核评分细则。\n\n{long_name}\n",
    )
    with pdfplumber.open(io.BytesIO(issued_pdf(document))) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
        text = "".join(c["text"] for c in chars)
        assert "附件：1.考核评分细则2.2026年度" in text  # no punctuation after a name
        label = line_starting(chars, "附件：1.")
        assert abs(label[0]["x0"] / MM - (28 + 2 * PITCH_MM)) < 0.3  # two characters in
        first_name = line_starting(chars, "考核评分细则")[0]
        second = line_starting(chars, "2.2026")
        assert abs(second[0]["x0"] - label[3]["x0"]) < 0.5  # 2. under 1.
        assert abs(second[2]["x0"] - first_name["x0"]) < 0.5  # the names aligned
        wrapped = line_starting(chars, long_name[-6:])[0]
        assert wrapped["top"] > second[0]["top"] + 20  # on the next line …
        continued = [c for c in chars if abs(c["top"] - wrapped["top"]) < 1]
        assert abs(min(c["x0"] for c in continued) - first_name["x0"]) < 0.5  # … under the name's first character
    document.attachment_names = ""
    document.save(update_fields=["attachment_names"])
    assert "附件：" not in pdf_text(issued_pdf(document))


def test_without_notes_the_attached_files_are_listed_and_one_is_not_numbered(
    handler, clerk, leader, code, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.services.attachments import attachment_add

    settings.MEDIA_ROOT = tmp_path
    document = numbered(handler, clerk, leader, code, status="signed")
    pdf = issued_pdf(numbered(handler, clerk, leader, code))
    attachment_add(actor=clerk, document=document, upload=SimpleUploadedFile("考核评分细则.pdf", pdf))
    document.status = "numbered"
    document.save(update_fields=["status"])
    text = pdf_text(issued_pdf(document))
    assert "附件：考核评分细则" in text and "附件：1" not in text  # no number for one, no extension
    word = docx.Document(io.BytesIO(issued_docx(document)))
    assert "附件：考核评分细则" in [p.text for p in word.paragraphs]


def test_the_docx_has_the_attachment_notes_and_the_colophon_framed_at_the_foot(handler, clerk, leader, code):
    from docx.oxml.ns import qn

    from documents.printing import PPR_ORDER

    document = numbered(handler, clerk, leader, code, attachment_names="考核评分细则\n考核指标分解表")
    word = docx.Document(io.BytesIO(issued_docx(document)))
    texts = [p.text for p in word.paragraphs]
    assert "附件：1.\t考核评分细则" in texts and "2.\t考核指标分解表" in texts
    colophon = [p for p in word.paragraphs if p.text.startswith(("抄送：", "XX市水利局办公室"))]
    assert len(colophon) == 2
    for paragraph in colophon:
        frame = paragraph._p.pPr.find(qn("w:framePr"))
        assert frame is not None and frame.get(qn("w:yAlign")) == "bottom" and frame.get(qn("w:vAnchor")) == "margin"
    # Every paragraph's properties in the schema's order (Word refuses them otherwise).
    order = PPR_ORDER
    for paragraph in word.paragraphs:
        if paragraph._p.pPr is not None:
            tags = [child.tag.split("}")[1] for child in paragraph._p.pPr]
            assert tags == sorted(tags, key=order.index), tags


def test_the_ofd_has_the_colophon_at_the_foot_and_the_notes(handler, clerk, leader, code):
    document = numbered(handler, clerk, leader, code, attachment_names="考核评分细则\n考核指标分解表")
    ofd = api(clerk).get(reverse("documents-outgoing-issued", args=[document.pk, "ofd"])).content
    with zipfile.ZipFile(io.BytesIO(ofd)) as package:
        pages = sorted(n for n in package.namelist() if n.endswith("/Content.xml"))
        text = "".join(package.read(n).decode() for n in pages)
        page = package.read(pages[-1]).decode()  # the last page
    assert ">附件：<" in text and ">考核指标分解表<" in text
    rules = [
        float(m.group(1)) + float(m.group(2))
        for m in re.finditer(
            r'<ofd:PathObject[^>]*Boundary="28 ([\d.]+) 156 ([\d.]+)"[^>]*><ofd:StrokeColor Value="0 0 0"', page
        )
    ]
    assert len(rules) == 3 and abs(max(rules) - (37 + 225)) < 0.05, rules
