"""The summary as a document: one list of blocks, rendered as HTML (preview and PDF) and DOCX.

Both the browser preview and every export are made from `document_content()`, so the preview,
the PDF and the DOCX say exactly the same words.
"""

import io

from django.conf import settings
from django.utils import timezone
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

    def heading(code):
        section = sections.get(code)
        return text.section_heading(section, summary.year) if section else text.heading(code, summary.year)

    paragraphs("opening")
    blocks.append({"kind": "h2", "text": text.PART_ONE_HEADING})
    for code in text.WORK_SECTIONS:
        blocks.append({"kind": "h3", "text": heading(code), "section": code})
        paragraphs(code)
    for code in text.FREE_TEXT_SECTIONS:
        blocks.append({"kind": "h2", "text": heading(code), "section": code})
        paragraphs(code)
    # 落款: the issuing body and the date of finalisation (a draft: the day it is printed).
    signed_on = timezone.localdate(summary.finalised_at) if summary.finalised_at else timezone.localdate()
    blocks.append({"kind": "signature", "text": summary.organisation})
    blocks.append({"kind": "date", "text": chinese_date(signed_on)})
    missing = text.missing_keys(text.snapshot_figures(summary.figures)) if summary.refreshed_at else []
    return {
        "title": summary.title,
        "organisation": summary.organisation,
        "year": summary.year,
        "version": summary.version,
        "final": summary.is_final,
        # A draft, or a summary still missing figures, prints as 征求意见稿 with the list of them.
        "draft": not summary.is_final or bool(missing),
        "missing": [text.row_label(k) for k in missing],
        "snapshot_at": summary.refreshed_at.isoformat() if summary.refreshed_at else None,
        "blocks": blocks,
    }


def chinese_date(day) -> str:
    """The date as GB/T 9704 writes it: Arabic digits without leading zeros (2025年1月8日)."""
    return f"{day.year}年{day.month}月{day.day}日"


PITCH = 15.79  # pt: a full-width character on the 28-character line
HALF = 8.0 - 0.21  # pt: a half-width digit in 3号 with the same letter spacing


def text_width(value: str) -> float:
    """The width of a line in pt on the grid (full-width characters and half-width digits)."""
    return sum(HALF if ord(ch) < 0x2E80 else PITCH for ch in value)


def closing_indents(organisation: str, date: str) -> tuple[float, float]:
    """(signature, date) right indents in pt: the date ends four characters from the right and
    the signature is centred over it (GB/T 9704-2012 7.3.5)."""
    date_right = 4 * PITCH
    signature_right = max(0.0, date_right + (text_width(date) - text_width(organisation)) / 2)
    return signature_right, date_right


def plain_text(content: dict) -> str:
    return "\n".join(block["text"] for block in content["blocks"])


_TAGS = {"title": "h1", "h2": "h2", "h3": "h3", "p": "p"}
_CLASSES = {"signature": "gw-signature summary-signature", "date": "gw-date summary-date"}


def _block_html(block):
    kind = block["kind"]
    if kind in _CLASSES:
        return f'<p class="{_CLASSES[kind]}">{escape(block["text"])}</p>'
    return f"<{_TAGS[kind]}>{escape(block['text'])}</{_TAGS[kind]}>"


def html_document(content: dict) -> str:
    body = "\n".join(_block_html(b) for b in content["blocks"])
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(content['title'])}</title></head><body>\n{body}\n</body></html>"
    )


def summary_css(content: dict) -> str:
    """The summary's own rules on top of gbt9704.css: the closing's indents."""
    blocks = {b["kind"]: b["text"] for b in content["blocks"]}
    signature_right, date_right = closing_indents(blocks.get("signature", ""), blocks.get("date", ""))
    return (
        f".summary-signature {{ margin-top: 28.95pt; padding-right: {signature_right:.2f}pt; }}\n"
        f".summary-date {{ padding-right: {date_right:.2f}pt; }}\n"
    )


def pdf_bytes(content: dict) -> bytes:
    return render_pdf(html_document(content), stylesheets=[gbt9704_css(), summary_css(content)])


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

    closing_texts = {b["kind"]: b["text"] for b in content["blocks"]}
    closing = closing_indents(closing_texts.get("signature", ""), closing_texts.get("date", ""))
    for block in content["blocks"]:
        kind = block["kind"]
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(block["text"])
        fmt = paragraph.paragraph_format
        if kind == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(run, fonts["title"], 22)
            fmt.space_after = Pt(28.95)
        elif kind in ("signature", "date"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = Pt(closing[0] if kind == "signature" else closing[1])
            if kind == "signature":
                fmt.space_before = Pt(28.95)
            _set_font(run, fonts["body"], 16)
        else:
            fmt.first_line_indent = Pt(31.58)
            _set_font(run, {"h2": fonts["h2"], "h3": fonts["h3"]}.get(kind, fonts["body"]), 16)
    doc.core_properties.title = content["title"]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
