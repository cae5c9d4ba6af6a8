"""The DOCX as Word, WPS and LibreOffice open it: the grid, styles with outline levels, zh-CN,
the font table, the core properties; LibreOffice's own rendering of it; the draft's marks."""

import datetime
import io
import shutil
import subprocess
import zipfile
from collections import defaultdict

import pdfplumber
import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from reports import services
from reports.document import DRAFT_MARK, document_content, docx_bytes, pdf_bytes

from .data import YEAR, special_tasks
from .pdfcheck import text_of

pytestmark = pytest.mark.django_db

PROBLEMS = (
    "一年来办公室工作虽然取得了一定成效，但对照局党组的要求仍有差距：一是统筹协调的主动性还不够，"
    "有的工作跟着任务走、靠前谋划不足；二是督查督办跟踪问效不够及时，个别事项办结时间偏长。"
)


@pytest.fixture
def summary(clerk, standin_collect):
    special_tasks()
    summary = services.summary_create(actor=clerk, year=YEAR)
    services.section_edit(actor=clerk, section=summary.sections.get(code="problems"), text_value=PROBLEMS)
    services.section_edit(actor=clerk, section=summary.sections.get(code="plans"), text_value="一是加强综合协调。")
    return summary


def _final(clerk, summary):
    return services.summary_finalise(actor=clerk, summary=summary, omitted=services.missing_for(summary))


def test_the_grid_styles_language_fonts_and_properties(summary):
    content = document_content(summary)
    data = docx_bytes(content)
    doc = Document(io.BytesIO(data))
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    # A line grid of 22 lines; the 28 characters come from the condensed spacing (see document.py).
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert grid.get(qn("w:charSpace")) is None
    body = doc.styles["公文正文"]
    assert body.font.size.pt == 16
    assert body.element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text[content["title"]].style.name == "公文标题"
    assert by_text["一、年度工作完成情况"].style.name == "Heading 1"
    assert by_text["（一）规范高效做好办文办会"].style.name == "Heading 2"
    body_paragraphs = [p for p in doc.paragraphs if "2025年共收文" in p.text]
    assert body_paragraphs and body_paragraphs[0].style.name == "公文正文"
    for name, level, face in (("Heading 1", "0", "黑体"), ("Heading 2", "1", "楷体_GB2312")):
        style = doc.styles[name]
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == level
        assert style.element.rPr.rFonts.get(qn("w:eastAsia")) == face
        assert not style.font.bold and style.font.size.pt == 16
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode()
        fonts = package.read("word/fontTable.xml").decode()
        settings_xml = package.read("word/settings.xml").decode()
    assert 'w:eastAsia="zh-CN"' in styles and 'w:eastAsia="ja-JP"' not in styles and "en-US" not in styles
    assert 'w:eastAsia="zh-CN"' in settings_xml
    assert "仿宋_GB2312" in fonts and "方正小标宋简体" in fonts and '<w:altName w:val="仿宋"/>' in fonts
    assert "明朝" not in fonts and "MS " not in fonts
    props = doc.core_properties
    assert props.title == content["title"] and props.author == "滨河市水利局"
    assert "python-docx" not in (props.comments or "") and "python-docx" not in (props.last_modified_by or "")
    now = timezone.now()
    for stamp in (props.created, props.modified):
        stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=datetime.UTC)
        assert abs(stamp - now) < datetime.timedelta(minutes=5)


def test_a_draft_is_marked_on_every_page_and_lists_its_missing_figures(summary):
    content = document_content(summary)
    pdf = pdf_bytes(content)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [page.extract_text() for page in document.pages]
        headers = ["".join(c["text"] for c in page.chars if c["top"] < 37 * 72 / 25.4) for page in document.pages]
    assert len(pages) >= 2 and all(header == DRAFT_MARK for header in headers)
    assert "附：尚缺数据" in pages[-1] and "接待群众来访" in pages[-1]
    assert "附：尚缺数据" not in "".join(pages[:-1])
    doc = Document(io.BytesIO(docx_bytes(content)))
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == DRAFT_MARK
    assert section.even_page_header.paragraphs[0].text == DRAFT_MARK
    appendix = next(p for p in doc.paragraphs if p.text.startswith("附：尚缺数据"))
    assert appendix.paragraph_format.page_break_before


def test_a_final_prints_clean(clerk, summary):
    content = document_content(_final(clerk, summary))
    assert not content["draft"]
    words = text_of(pdf_bytes(content))
    assert DRAFT_MARK not in words and "尚缺数据" not in words
    doc = Document(io.BytesIO(docx_bytes(content)))
    assert DRAFT_MARK not in "".join(p.text for p in doc.sections[0].header.paragraphs)
    assert not any(p.text.startswith("附：") for p in doc.paragraphs)


def _lines(pdf_path):
    """Per page, the text lines as (top, [chars]) in reading order."""
    with pdfplumber.open(pdf_path) as document:
        pages = []
        for page in document.pages:
            rows = defaultdict(list)
            for char in page.chars:
                rows[round(char["top"])].append(char)
            pages.append([(top, sorted(rows[top], key=lambda c: c["x0"])) for top in sorted(rows)])
        return pages


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by scripts/system-deps.sh")
def test_libreoffice_sets_28_characters_a_line_the_same_pages_and_the_title_on_one_line(clerk, summary, tmp_path):
    content = document_content(_final(clerk, summary))
    (tmp_path / "summary.docx").write_bytes(docx_bytes(content))
    ours = tmp_path / "ours.pdf"
    ours.write_bytes(pdf_bytes(content))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "summary.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = _lines(tmp_path / "out" / "summary.pdf")
    # Lines of body text set in full-width characters only (digits are half-width), counted
    # inside the text block (a closing "，" may hang past its right edge, as in Word and WPS).
    left, right = 28 * 72 / 25.4, (28 + 156) * 72 / 25.4
    body = [
        len([c for c in chars if c["x1"] <= right + 1])
        for page in pages
        for top, chars in page
        if 37 * 72 / 25.4 - 2 < top < 262 * 72 / 25.4
        and abs(chars[0]["x0"] - left) < 1
        and all(abs(c["size"] - 16) < 0.5 and ord(c["text"]) >= 0x2E80 for c in chars)
    ]
    assert max(body) == 28, body
    assert body.count(28) >= 5
    assert abs(len(pages) - len(_lines(ours))) <= 1
    title = [line for line in pages[0] if line[1][0]["size"] > 20]
    assert len(title) == 1 and "".join(c["text"] for c in title[0][1]) == content["title"]


def test_dump_for_a_look(clerk, summary, tmp_path):
    """Writes the files to REPORTS_DUMP_DIR when it is set (to look at them), else does nothing."""
    import os

    target = os.environ.get("REPORTS_DUMP_DIR")
    if not target:
        return
    for name, content in (("draft", document_content(summary)), ("final", document_content(_final(clerk, summary)))):
        with open(f"{target}/{name}.pdf", "wb") as out:
            out.write(pdf_bytes(content))
        with open(f"{target}/{name}.docx", "wb") as out:
            out.write(docx_bytes(content))


def test_style_properties_are_in_the_order_word_requires(summary):
    from office.wordml import PPR_ORDER, RPR_ORDER

    data = docx_bytes(document_content(summary))
    doc = Document(io.BytesIO(data))
    for root in (doc.styles.element, doc.element):
        for tag, order in (("w:pPr", PPR_ORDER), ("w:rPr", RPR_ORDER)):
            rank = {qn(f"w:{name}"): n for n, name in enumerate(order)}
            for element in root.iter(qn(tag)):
                ranks = [rank[child.tag] for child in element if child.tag in rank]
                assert ranks == sorted(ranks), [child.tag for child in element]
