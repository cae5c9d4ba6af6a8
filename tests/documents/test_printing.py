"""The documents' paper: each form's values read back from its PDF (fonts embedded), the same
visibility as the document, and classified content only for users with clearance."""

import datetime
import io
import re
import zipfile
from xml.etree import ElementTree

import docx
import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from documents.choices import Classification
from documents.models import Countersign, OutgoingStep
from documents.printing import chinese_date, incoming_slip_pdf, issued_pdf
from documents.services import incoming as incoming_services

from .conftest import api
from .factories import OutgoingFactory

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "".join(re.sub(r"\s+", "", page.extract_text() or "") for page in reader.pages)


def pdf_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def embedded_fonts(pdf: bytes) -> set[str]:
    """The names of the fonts embedded in the PDF (a font without a file is not embedded)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts") or [font]:
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(descendant.get_object()["/BaseFont"]))
    return names


# ---- 收文处理笺 ----


@pytest.fixture
def incoming(clerk, leader, handler):
    document = incoming_services.incoming_receive(
        actor=clerk,
        sender="市人民政府办公室",
        sender_number="X政办发〔2026〕17号",
        title="关于做好今冬明春水利工程建设工作的通知",
        urgency="urgent",
        copies=3,
        deadline=timezone.localdate() + timezone.timedelta(days=10),
    )
    incoming_services.incoming_review(actor=clerk, document=document, accept=True)
    incoming_services.incoming_propose(
        actor=clerk, document=document, opinion="拟请规划科牵头办理。", instructing_leader=leader
    )
    return document


def test_the_slip_prints_what_is_recorded_so_far(client, clerk, incoming):
    client.force_login(clerk)
    response = client.get(reverse("documents:incoming_slip", args=[incoming.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_pages(response.content) == 1
    text = pdf_text(response.content)
    today = chinese_date(timezone.localdate())
    for value in (
        "收文处理笺",
        "市人民政府办公室",
        "X政办发〔2026〕17号",
        incoming.serial_number,
        "关于做好今冬明春水利工程建设工作的通知",
        "非密",
        "加急",
        "拟请规划科牵头办理。",
        f"王文书{today}",
    ):
        assert value in text, value
    assert "陈局长" not in text  # not instructed yet
    assert embedded_fonts(response.content)


def test_the_slip_of_a_finished_document_has_every_step(clerk, leader, handler, planning, incoming):
    incoming_services.incoming_instruct(actor=leader, document=incoming, opinion="同意，请规划科抓紧落实。")
    incoming_services.incoming_assign(actor=clerk, document=incoming, lead_department=planning, responsible=handler)
    incoming_services.incoming_complete(actor=handler, document=incoming, opinion="已按要求完成并报送。")
    incoming.refresh_from_db()
    pdf = incoming_slip_pdf(incoming, cleared=True)
    assert pdf_pages(pdf) == 1
    text = pdf_text(pdf)
    today = chinese_date(timezone.localdate())
    for value in (
        "同意，请规划科抓紧落实。",
        f"陈局长{today}",
        "规划科",
        "李承办",
        "已按要求完成并报送。",
        f"李承办{today}",
        f"办结日期{today}",
    ):
        assert value in text, value


def test_the_slip_has_the_documents_visibility_and_hides_classified_titles(clerk, handler, other_handler, planning):
    document = incoming_services.incoming_receive(
        actor=clerk,
        sender="市国家保密局",
        sender_number="X保发〔2026〕3号",
        title="关于开展保密检查的通知",
        classification=Classification.SECRET,
        secrecy_period="1y",
    )
    document.lead_department = planning
    document.save(update_fields=["lead_department"])
    url = reverse("documents-incoming-slip", args=[document.pk])
    assert api(other_handler).get(url).status_code == 404
    assert api(None).get(url).status_code == 401
    # The lead department sees the slip, without the title and number it may not read.
    response = api(handler).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "涉密件" in text and "秘密★1年" in text
    assert "保密检查" not in text and "X保发" not in text
    text = pdf_text(api(clerk).get(url).content)
    assert "关于开展保密检查的通知" in text and "X保发〔2026〕3号" in text


def test_the_document_page_links_to_its_slip(client, clerk, incoming):
    client.force_login(clerk)
    page = client.get(reverse("documents:incoming_detail", args=[incoming.pk])).content.decode()
    assert reverse("documents:incoming_slip", args=[incoming.pk]) in page


# ---- 发文稿纸 ----


def outgoing_document(handler, clerk, leader, code, *, status="signed", **fields):
    """An outgoing document in the state a test starts from, with the steps that led there."""
    values = {
        "title": "关于开展2026年度水资源管理考核的通知",
        "main_recipients": "各科室、局属各单位",
        "cc_recipients": "市人民政府办公室，市审计局",
        "body": "为落实最严格水资源管理制度，现就开展年度考核有关事项通知如下。\n"
        "一、考核范围\n各县（市、区）水利局。\n（一）考核内容\n用水总量、用水效率和水功能区限制纳污。",
        "urgency": "urgent",
        "signer": leader,
        "signed_on": datetime.date(2026, 3, 5),
        "sign_opinion": "同意印发。",
    }
    values.update(fields)
    document = OutgoingFactory(
        drafter=handler, department=handler.department, issuing_code=code, status=status, **values
    )
    OutgoingStep.objects.create(document=document, kind="draft", actor=handler)
    OutgoingStep.objects.create(document=document, kind="review", actor=clerk, opinion="文字规范，格式符合要求。")
    OutgoingStep.objects.create(document=document, kind="sign", actor=leader, opinion="同意印发。")
    return document


def test_the_sheet_carries_every_signature(client, handler, clerk, leader, other_dept, other_handler, code):
    document = outgoing_document(handler, clerk, leader, code)
    Countersign.objects.create(
        document=document,
        department=other_dept,
        signed_by=other_handler,
        signed_at=timezone.now(),
        opinion="无意见。",
    )
    client.force_login(clerk)
    response = client.get(reverse("documents:outgoing_sheet", args=[document.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_pages(response.content) == 1
    text = pdf_text(response.content)
    today = chinese_date(timezone.localdate())
    for value in (
        "发文稿纸",
        "同意印发。",
        "陈局长2026年3月5日",
        "河湖管理科：无意见。",
        f"周承办{today}",
        "文字规范，格式符合要求。",
        f"王文书{today}",
        "规划科",
        "李承办",
        "关于开展2026年度水资源管理考核的通知",
        "各科室、局属各单位",
        "市人民政府办公室，市审计局",
        "非密",
        "加急",
    ):
        assert value in text, value
    assert "〔2026〕" not in text  # not numbered yet
    document.document_number = "X水发〔2026〕8号"
    document.printed_copies = 40
    document.save(update_fields=["document_number", "printed_copies"])
    text = pdf_text(api(clerk).get(reverse("documents-outgoing-sheet", args=[document.pk])).content)
    assert "X水发〔2026〕8号" in text and "印数40" in text


def test_the_sheet_has_the_documents_visibility(handler, clerk, leader, other_handler, code):
    document = outgoing_document(handler, clerk, leader, code)
    assert api(other_handler).get(reverse("documents-outgoing-sheet", args=[document.pk])).status_code == 404
    assert api(handler).get(reverse("documents-outgoing-sheet", args=[document.pk])).status_code == 200


# ---- the issued document (套红) ----

MM = 72 / 25.4  # pt
TOP, LEFT, WIDTH, HEIGHT = 37, 28, 156, 225  # the text block (GB/T 9704-2012), mm


def numbered(handler, clerk, leader, code, **fields):
    values = {
        "status": "numbered",
        "document_number": "X水发〔2026〕8号",
        "numbered_at": timezone.now(),
        "dispatched_on": datetime.date(2026, 3, 9),
    }
    values.update(fields)
    return outgoing_document(handler, clerk, leader, code, **values)


def is_red(colour):
    return bool(colour) and len(colour) == 3 and colour[0] > 0.75 and colour[1] < 0.1 and colour[2] < 0.1


PAGE_HEIGHT = 297 * MM


def em_top(char):
    """The top of a character's ideographic em box in mm from the page's top: 0.88 em above
    its baseline (pdfplumber's own box depends on the face's declared descent)."""
    return (PAGE_HEIGHT - char["matrix"][5] - 0.88 * char["size"]) / MM


def test_the_issued_document_has_the_gbt9704_header_geometry(handler, clerk, leader, code):
    document = numbered(handler, clerk, leader, code)
    with pdfplumber.open(io.BytesIO(issued_pdf(document))) as pdf:
        page = pdf.pages[0]
        assert abs(page.height - PAGE_HEIGHT) < 1 and abs(page.width - 210 * MM) < 1  # A4
        red = [c for c in page.chars if is_red(c["non_stroking_color"])]
        black = [c for c in page.chars if c["text"].strip() and not is_red(c["non_stroking_color"])]
        # The 发文机关标志: the only red text, centred on the text block, its top 35 mm below the block's top.
        assert "".join(c["text"] for c in red) == "XX市水利局文件"
        assert abs(min(em_top(c) for c in red) - (TOP + 35)) < 0.5
        centre = (min(c["x0"] for c in red) + max(c["x1"] for c in red)) / 2 / MM
        assert abs(centre - (LEFT + WIDTH / 2)) < 0.5
        # The 发文字号, centred, then the red rule the width of the text block 4 mm under it.
        number_chars = [c for c in black if abs(c["top"] - next(n for n in black if n["text"] == "〔")["top"]) < 1]
        assert "".join(c["text"] for c in number_chars) == "X水发〔2026〕8号"
        number_centre = (min(c["x0"] for c in number_chars) + max(c["x1"] for c in number_chars)) / 2 / MM
        assert abs(number_centre - (LEFT + WIDTH / 2)) < 0.5
        number_bottom = max(c["matrix"][5] for c in number_chars)  # baseline, PDF coordinates
        number_bottom = (PAGE_HEIGHT - number_bottom + 0.12 * number_chars[0]["size"]) / MM  # em box bottom
        rules = [r for r in page.rects + page.lines if is_red(r.get("non_stroking_color") or r.get("stroking_color"))]
        assert len(rules) == 1
        rule = rules[0]
        assert abs(rule["x0"] / MM - LEFT) < 0.3 and abs(rule["width"] / MM - WIDTH) < 0.3
        assert abs(rule["top"] / MM - number_bottom - 4) < 0.3
        # The mark is above the number; two blank lines (about 20 mm) between them.
        assert max(c["bottom"] for c in red) / MM < number_bottom - 15
        # Everything but the page number lies inside the text block.
        body = [c for c in black if c["top"] / MM < TOP + HEIGHT]
        assert min(c["x0"] for c in body) / MM > LEFT - 0.3 and max(c["x1"] for c in body) / MM < LEFT + WIDTH + 0.3
        assert min(c["top"] for c in body) / MM > TOP - 0.3
        # The title in 2号 (22 pt) below the rule, the body in 3号 (16 pt) 仿宋.
        title = [c for c in black if round(c["size"]) == 22]
        assert "".join(c["text"] for c in title) == "关于开展2026年度水资源管理考核的通知"
        assert min(c["top"] for c in title) > rule["top"] + 2 * 28.95 - 2
        assert any("OfficeFang" in c["fontname"] and round(c["size"]) == 16 for c in body)
    text = pdf_text(issued_pdf(document))
    for value in (
        "各科室、局属各单位：",
        "为落实最严格水资源管理制度",
        "一、考核范围",
        "（一）考核内容",
        "XX市水利局2026年3月5日",  # 署名 and 成文日期: full Arabic digits, no leading zeros
        "抄送：市人民政府办公室，市审计局。",
        "XX市水利局办公室2026年3月9日印发",
    ):
        assert value in text, value
    assert "签发人" not in text  # a 通知 is not 上行文


def test_an_upward_document_prints_its_signer_and_a_classified_one_its_marks(handler, clerk, leader, code):
    document = numbered(handler, clerk, leader, code, kind="request", urgency="extra_urgent", body="")
    text = pdf_text(issued_pdf(document))
    assert "X水发〔2026〕8号签发人：陈局长" in text and "特急" in text
    document = numbered(
        handler, clerk, leader, code, classification="secret", secrecy_period="5y", copy_number="12", body=""
    )
    text = pdf_text(issued_pdf(document))
    assert "000012秘密★5年加急" in text


def test_the_issued_document_is_served_from_numbering_on_and_classified_only_with_clearance(
    client, handler, clerk, leader, other_handler, code
):
    document = outgoing_document(handler, clerk, leader, code)  # signed, not numbered
    url = reverse("documents-outgoing-issued", args=[document.pk, "pdf"])
    assert api(clerk).get(url).status_code == 404
    document = numbered(handler, clerk, leader, code)
    url = reverse("documents:outgoing_issued", args=[document.pk, "pdf"])
    client.force_login(handler)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "X水发〔2026〕8号" in pdf_text(response.content)
    client.force_login(other_handler)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert api(None).get(reverse("documents-outgoing-issued", args=[document.pk, "pdf"])).status_code == 401
    document = numbered(handler, clerk, leader, code, classification="secret", secrecy_period="1y", body="")
    url = reverse("documents-outgoing-issued", args=[document.pk, "pdf"])
    assert api(handler).get(url).status_code == 403
    assert api(clerk).get(url).status_code == 200
    assert api(clerk).get(reverse("documents-outgoing-issued", args=[document.pk, "doc"])).status_code == 404


def test_the_document_page_links_to_its_paper(client, handler, clerk, leader, code):
    document = numbered(handler, clerk, leader, code)
    client.force_login(clerk)
    page = client.get(reverse("documents:outgoing_detail", args=[document.pk])).content.decode()
    assert reverse("documents:outgoing_sheet", args=[document.pk]) in page
    assert reverse("documents:outgoing_issued", args=[document.pk, "pdf"]) in page
    assert reverse("documents:outgoing_issued", args=[document.pk, "ofd"]) in page


# ---- DOCX and OFD ----


def test_the_issued_document_as_docx(handler, clerk, leader, code):
    document = numbered(handler, clerk, leader, code)
    response = api(clerk).get(reverse("documents-outgoing-issued", args=[document.pk, "docx"]))
    assert response.status_code == 200 and "wordprocessingml" in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment")
    word = docx.Document(io.BytesIO(response.content))
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    texts = [p.text for p in word.paragraphs]
    for value in (
        "XX市水利局文件",
        "X水发〔2026〕8号",
        "关于开展2026年度水资源管理考核的通知",
        "各科室、局属各单位：",
        "一、考核范围",
        "XX市水利局",
        "2026年3月5日",
        "抄送：市人民政府办公室，市审计局。",
        "XX市水利局办公室\t2026年3月9日印发",
    ):
        assert value in texts, value
    mark = next(p for p in word.paragraphs if p.text == "XX市水利局文件")
    assert str(mark.runs[0].font.color.rgb) == "D40000"
    number = next(p for p in word.paragraphs if p.text == "X水发〔2026〕8号")
    assert 'w:color="D40000"' in number._p.xml  # the red rule under the number


def xml(package, member):
    return ElementTree.fromstring(package.read(member))  # noqa: S314 -- the package this test just made


def test_the_issued_document_as_ofd_unpacks_to_the_standards_structure(handler, clerk, leader, code):
    document = numbered(
        handler, clerk, leader, code, body="为落实最严格水资源管理制度，现就开展年度考核有关事项通知如下。" * 12
    )
    response = api(clerk).get(reverse("documents-outgoing-issued", args=[document.pk, "ofd"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/ofd"
    ns = {"ofd": "http://www.ofdspec.org/2016"}
    package = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(package.namelist())
    root = xml(package, "OFD.xml")
    assert root.tag == "{http://www.ofdspec.org/2016}OFD" and root.get("DocType") == "OFD"
    assert root.find("ofd:DocBody/ofd:DocInfo/ofd:Title", ns).text == document.title
    doc_root = root.find("ofd:DocBody/ofd:DocRoot", ns).text
    assert doc_root in names
    base = doc_root.rsplit("/", 1)[0]
    doc = xml(package, doc_root)
    assert doc.find("ofd:CommonData/ofd:PageArea/ofd:PhysicalBox", ns).text == "0 0 210 297"
    max_id = int(doc.find("ofd:CommonData/ofd:MaxUnitID", ns).text)
    # The fonts: declared in the public resources, each embedded and holding every glyph it sets.
    res_path = f"{base}/{doc.find('ofd:CommonData/ofd:PublicRes', ns).text}"
    res = xml(package, res_path)
    fonts = {}
    for font in res.findall("ofd:Fonts/ofd:Font", ns):
        member = f"{base}/{res.get('BaseLoc')}/{font.find('ofd:FontFile', ns).text}"
        assert member in names
        fonts[font.get("ID")] = TTFont(io.BytesIO(package.read(member))).getBestCmap()
    assert len(fonts) >= 2
    pages = doc.findall("ofd:Pages/ofd:Page", ns)
    assert len(pages) == 2  # the long body runs onto a second page
    text, ids, red_text, red_rules = "", [], "", 0
    for page in pages:
        ids.append(int(page.get("ID")))
        content = xml(package, f"{base}/{page.get('BaseLoc')}")
        for obj in content.iter("{http://www.ofdspec.org/2016}TextObject"):
            ids.append(int(obj.get("ID")))
            code_text = obj.find("ofd:TextCode", ns).text
            assert all(ord(ch) in fonts[obj.get("Font")] for ch in code_text), code_text
            x, y, w, h = map(float, obj.get("Boundary").split())
            assert x >= 0 and x + w <= 210 + 10 and 0 <= y <= 297
            text += code_text
            if obj.find("ofd:FillColor", ns).get("Value") == "212 0 0":
                red_text += code_text
        for obj in content.iter("{http://www.ofdspec.org/2016}PathObject"):
            ids.append(int(obj.get("ID")))
            red_rules += obj.find("ofd:StrokeColor", ns).get("Value") == "212 0 0"
    assert max(ids) <= max_id and len(ids) == len(set(ids))  # unique IDs
    assert red_text == "XX市水利局文件" and red_rules == 1
    for value in (document.title, "X水发〔2026〕8号", "为落实最严格水资源管理制度", "2026年3月5日", "— 2 —"):
        assert value in text, value
