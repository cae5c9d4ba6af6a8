"""The summary as a document: one list of blocks, rendered as HTML (preview and PDF) and DOCX.

Both the browser preview and every export are made from `document_content()`, so the preview,
the PDF and the DOCX say exactly the same words.
"""

import io

from django.conf import settings
from django.utils.html import escape

from office.pdf import gbt9704_css, render_pdf

from . import text


def document_content(summary) -> dict:
    """Title and blocks ({"kind": title|h2|h3|p, "text": …}) of the summary as it stands."""
    sections = {s.code: s for s in summary.sections.all()}
    blocks = [{"kind": "title", "text": summary.title}]

    def paragraphs(code):
        section = sections.get(code)
        for line in (section.text if section else "").splitlines():
            if line.strip():
                blocks.append({"kind": "p", "text": line.strip(), "section": code})

    paragraphs("opening")
    blocks.append({"kind": "h2", "text": text.PART_ONE_HEADING})
    for code in text.WORK_SECTIONS:
        blocks.append({"kind": "h3", "text": text.heading(code, summary.year), "section": code})
        paragraphs(code)
    for code in text.FREE_TEXT_SECTIONS:
        blocks.append({"kind": "h2", "text": text.heading(code, summary.year), "section": code})
        paragraphs(code)
    return {
        "title": summary.title,
        "year": summary.year,
        "version": summary.version,
        "snapshot_at": summary.refreshed_at.isoformat() if summary.refreshed_at else None,
        "blocks": blocks,
    }


def plain_text(content: dict) -> str:
    return "\n".join(block["text"] for block in content["blocks"])


_TAGS = {"title": "h1", "h2": "h2", "h3": "h3", "p": "p"}


def html_document(content: dict) -> str:
    body = "\n".join(f"<{_TAGS[b['kind']]}>{escape(b['text'])}</{_TAGS[b['kind']]}>" for b in content["blocks"])
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(content['title'])}</title></head><body>\n{body}\n</body></html>"
    )


def pdf_bytes(content: dict) -> bytes:
    return render_pdf(html_document(content), stylesheets=[gbt9704_css()])


# --- DOCX ------------------------------------------------------------------------------------

# The faces offices have in Word/WPS; the DOCX names them, the user's machine supplies them.
DOCX_FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "h2": "黑体",
    "h3": "楷体_GB2312",
    "page": "宋体",
}


def _fonts():
    return {**DOCX_FONTS, **getattr(settings, "REPORTS_DOCX_FONTS", {})}


def _set_font(run_or_style, name, size_pt):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = name
    font.size = Pt(size_pt)
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)


def _page_number(paragraph, font, align):
    """— N — as a PAGE field, 4号 (14 pt), one character in from the edge."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if align == 2:  # right
        fmt.right_indent = Pt(14)
    else:
        fmt.left_indent = Pt(14)

    def run(text=None, field=None):
        r = paragraph.add_run(text or "")
        _set_font(r, font, 14)
        if field == "begin" or field == "end":
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), field)
            r._r.append(char)
        elif field:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = field
            r._r.append(instr)
        return r

    run("— ")
    run(field="begin")
    run(field=" PAGE ")
    run(field="end")
    run(" —")


def docx_bytes(content: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    fonts = _fonts()
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(35 - 7 - 5)
    # The 22 × 28 grid: line pitch 28.95 pt (579 twips), characters 0.21 pt closer than 16 pt.
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), "579")
    grid.set(qn("w:charSpace"), "-860")
    # Page numbers alternate sides: odd pages right, even pages left.
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], fonts["page"], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], fonts["page"], WD_ALIGN_PARAGRAPH.LEFT)

    normal = doc.styles["Normal"]
    _set_font(normal, fonts["body"], 16)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28.95)
    pf.space_before = pf.space_after = Pt(0)

    for block in content["blocks"]:
        kind = block["kind"]
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(block["text"])
        fmt = paragraph.paragraph_format
        if kind == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(run, fonts["title"], 22)
            fmt.space_after = Pt(28.95)
        else:
            fmt.first_line_indent = Pt(31.58)
            _set_font(run, {"h2": fonts["h2"], "h3": fonts["h3"]}.get(kind, fonts["body"]), 16)
    doc.core_properties.title = content["title"]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
