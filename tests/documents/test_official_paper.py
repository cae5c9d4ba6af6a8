"""Issue 16's remaining parts: the 发文机关标志 of each issuing code, the 公开属性 of a draft,
the 附件说明 and the 版记 at the foot of the last page of the issued document."""

import io
import re
import zipfile

import docx
import pdfplumber
import pytest
from django.urls import reverse

from documents.models import IssuingCode
from documents.printing import issued_docx, issued_pdf, issuing_mark

from .conftest import api
from .test_printing import is_red, numbered

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
