"""The summary as a document: one list of blocks, rendered as HTML (preview and PDF) and DOCX.

Both the browser preview and every export are made from `document_content()`, so the preview,
the PDF and the DOCX say exactly the same words.
"""

import io

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape

from office.pdf import gbt9704_css, render_pdf
from office.wordml import properties_in_order

from . import text
from .outline import ROWS_BY_KEY

DRAFT_MARK = "征求意见稿"


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
    draft = not summary.is_final
    if draft and missing:
        # The last page of a draft: the figures still missing, by section, for whoever reads it.
        blocks.append({"kind": "appendix", "text": f"附：尚缺数据（{len(missing)}项）"})
        by_section = {}
        for key in missing:
            by_section.setdefault(ROWS_BY_KEY[key].section, []).append(text.row_label(key))
        for number, labels in by_section.items():
            code = f"work_{number}"
            blocks.append({"kind": "p", "text": f"{heading(code)}：{'、'.join(labels)}。"})
    return {
        "title": summary.title,
        "organisation": summary.organisation,
        "year": summary.year,
        "version": summary.version,
        "final": summary.is_final,
        # A draft prints 征求意见稿 on every page and ends with its missing figures; a final is clean.
        "draft": draft,
        "missing": [text.row_label(k) for k in missing] if draft else [],
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


def closing_indents(organisation: str, date: str, pitch: float = PITCH) -> tuple[float, float]:
    """(signature, date) right indents in pt: the date ends four characters from the right and
    the signature is centred over it (GB/T 9704-2012 7.3.5)."""
    date_right = 4 * pitch
    signature_right = max(0.0, date_right + (text_width(date) - text_width(organisation)) / 2)
    return signature_right, date_right


def plain_text(content: dict) -> str:
    return "\n".join(block["text"] for block in content["blocks"])


_TAGS = {"title": "h1", "h2": "h2", "h3": "h3", "p": "p"}
_CLASSES = {
    "signature": "gw-signature summary-signature",
    "date": "gw-date summary-date",
    "appendix": "gw-page-break summary-appendix",
}


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
    css = (
        f".summary-signature {{ margin-top: 28.95pt; padding-right: {signature_right:.2f}pt; }}\n"
        f".summary-date {{ padding-right: {date_right:.2f}pt; }}\n"
        '.summary-appendix { font-family: "OfficeHei", "OfficeFallbackSans"; text-indent: 0; }\n'
    )
    if content.get("draft"):
        # 征求意见稿 in the header of every page: 3号黑体, flush right, a line above the text block.
        css += (
            f'@page {{ @top-right {{ content: "{DRAFT_MARK}"; font-family: "OfficeHei", "OfficeFallbackSans";'
            " font-size: 16pt; letter-spacing: 0; vertical-align: bottom; padding-bottom: 8mm; } }\n"
        )
    return css


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

# The font table: each face under its usual Chinese name, with the name a machine without it
# falls back to (altName) and the GB2312 character set, so Word and WPS substitute sensibly.
FONT_FALLBACKS = {
    "方正小标宋简体": ("宋体", "roman", "variable"),
    "仿宋_GB2312": ("仿宋", "modern", "fixed"),
    "仿宋": ("FangSong", "modern", "fixed"),
    "黑体": ("SimHei", "modern", "fixed"),
    "楷体_GB2312": ("楷体", "modern", "fixed"),
    "楷体": ("KaiTi", "modern", "fixed"),
    "宋体": ("SimSun", "auto", "variable"),
}

# The grid. Word and WPS lay a line of a `linesAndChars` grid in cells of
# (Normal's size + charSpace / 4096) pt, but LibreOffice (7.4) reads a negative charSpace as a
# cell narrower than a 3号 character and gives every character two cells (13–14 a line), and
# with charSpace 0 sets 27. What all three agree on: a line grid (`type="lines"`, pitch 579
# twips = 28.95 pt, 22 lines) and the characters themselves condensed by 0.25 pt (w:spacing
# −5 twips) in the text styles, so every character advances 15.75 pt: 28 fit in the 442.2 pt
# line (28 × 15.75 = 441) and a 29th does not (456.75).
LINE_PITCH_TWIPS = 579
CHAR_SPACING_TWIPS = -5
PITCH_PT = 16 + CHAR_SPACING_TWIPS / 20
BODY_STYLE = "公文正文"
TITLE_STYLE = "公文标题"


def _fonts():
    return {**DOCX_FONTS, **getattr(settings, "REPORTS_DOCX_FONTS", {})}


def _rfonts(element, name):
    """Explicit faces for every script (no theme fonts, whose East Asian face is Japanese)."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:hint"), "eastAsia")
    return rpr


def _set_font(run_or_style, name, size_pt):
    from docx.shared import Pt

    run_or_style.font.size = Pt(size_pt)
    _rfonts(run_or_style.element, name)


def _child(parent, tag, **attrs):
    """parent's child `tag` (created if missing) with the given w: attributes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def _text_style(style, font, size, *, spacing=True, outline=None):
    """A paragraph style on the grid: the face, exact line pitch, no space around, black, and
    (for body sizes) the condensed character spacing of the 28-character line."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    _set_font(style, font, size)
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    if spacing:
        _child(rpr, "w:spacing", val=CHAR_SPACING_TWIPS)
    _child(rpr, "w:lang", val="zh-CN", eastAsia="zh-CN", bidi="ar-SA")
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.95)
    fmt.space_before = fmt.space_after = Pt(0)
    ppr = style.element.get_or_add_pPr()
    # No extra space between Chinese and digits or Latin letters (Word's and LibreOffice's
    # default "autospace"): 2025年, not 2025 年, as the PDF sets it.
    _child(ppr, "w:autoSpaceDE", val=0)
    _child(ppr, "w:autoSpaceDN", val=0)
    if outline is not None:
        _child(ppr, "w:outlineLvl", val=outline)
    return style


def _styles(doc, fonts):
    """Normal; the body style; 一、 Heading 1 (outline level 1) in 黑体; （一） Heading 2 (level 2)
    in 楷体; the title in 小标宋; page numbers. East Asian language zh-CN throughout."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:rFonts", "w:lang"):
        old = rpr_default.find(qn(tag))
        if old is not None:
            rpr_default.remove(old)
    _child(rpr_default, "w:rFonts", ascii=fonts["body"], hAnsi=fonts["body"], eastAsia=fonts["body"], cs=fonts["body"])
    _child(rpr_default, "w:lang", val="zh-CN", eastAsia="zh-CN", bidi="ar-SA")
    ppr_default = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _child(ppr_default, "w:spacing", after=0, line=579, lineRule="exact")

    _text_style(doc.styles["Normal"], fonts["body"], 16)
    body = doc.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.style_id = "GongwenBody"
    body.base_style = doc.styles["Normal"]
    body.quick_style = True
    _text_style(body, fonts["body"], 16)
    body.paragraph_format.first_line_indent = Pt(2 * PITCH_PT)
    body.paragraph_format.widow_control = False

    for name, font, level in (("Heading 1", fonts["h2"], 0), ("Heading 2", fonts["h3"], 1)):
        style = doc.styles[name]
        ppr = style.element.get_or_add_pPr()
        for tag in ("w:spacing", "w:keepLines"):
            old = ppr.find(qn(tag))
            if old is not None:
                ppr.remove(old)
        _text_style(style, font, 16, outline=level)
        style.paragraph_format.first_line_indent = Pt(2 * PITCH_PT)
        style.paragraph_format.keep_with_next = True

    title = doc.styles.add_style(TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    title.style_id = "GongwenTitle"
    title.base_style = doc.styles["Normal"]
    title.quick_style = True
    _text_style(title, fonts["title"], 22, spacing=False)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(28.95)

    for name in ("Header", "Footer"):
        _text_style(doc.styles[name], fonts["page"], 14, spacing=False)
    properties_in_order(doc.styles.element)


def _font_table(doc, fonts):
    """Replaces python-docx's font table (Japanese entries) with the faces the document names."""
    names = list(dict.fromkeys([*fonts.values(), "宋体", "Times New Roman"]))
    entries = []
    for name in names:
        alt, family, pitch = FONT_FALLBACKS.get(name, ("", "roman", "variable"))
        charset = "00" if name == "Times New Roman" else "86"
        alt_xml = f'<w:altName w:val="{escape(alt)}"/>' if alt else ""
        entries.append(
            f'<w:font w:name="{escape(name)}">{alt_xml}<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + "".join(entries)
        + "</w:fonts>"
    )
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            part._blob = xml.encode("utf-8")


def _settings(doc):
    """The language Word/WPS check spelling and lay out punctuation in: Chinese (zh-CN)."""
    from docx.oxml.ns import qn

    element = doc.settings.element
    lang = element.find(qn("w:themeFontLang"))
    if lang is None:
        lang = _child(element, "w:themeFontLang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


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


def _draft_mark(header, font):
    """征求意见稿 in the header, 3号黑体, flush right."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _set_font(paragraph.add_run(DRAFT_MARK), font, 16)


def docx_bytes(content: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    fonts = _fonts()
    doc = Document()
    _styles(doc, fonts)
    _font_table(doc, fonts)
    _settings(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(35 - 7 - 5)
    section.header_distance = Mm(20)
    grid = _child(section._sectPr, "w:docGrid", type="lines", linePitch=LINE_PITCH_TWIPS)
    for attr in list(grid.attrib):
        if attr.endswith("}charSpace"):
            del grid.attrib[attr]
    # Page numbers alternate sides: odd pages right, even pages left.
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], fonts["page"], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], fonts["page"], WD_ALIGN_PARAGRAPH.LEFT)
    if content.get("draft"):
        _draft_mark(section.header, fonts["h2"])
        _draft_mark(section.even_page_header, fonts["h2"])

    closing_texts = {b["kind"]: b["text"] for b in content["blocks"]}
    closing = closing_indents(closing_texts.get("signature", ""), closing_texts.get("date", ""), PITCH_PT)
    styles = {"title": TITLE_STYLE, "h2": "Heading 1", "h3": "Heading 2"}
    for block in content["blocks"]:
        kind = block["kind"]
        paragraph = doc.add_paragraph(style=styles.get(kind, BODY_STYLE))
        run = paragraph.add_run(block["text"])
        fmt = paragraph.paragraph_format
        if kind in ("signature", "date"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.first_line_indent = Pt(0)
            fmt.right_indent = Pt(closing[0] if kind == "signature" else closing[1])
            if kind == "signature":
                fmt.space_before = Pt(28.95)
        elif kind == "appendix":
            fmt.page_break_before = True
            fmt.first_line_indent = Pt(0)
            _rfonts(run._r, fonts["h2"])

    for part in (doc.element, section.footer._element, section.even_page_footer._element):
        properties_in_order(part)
    if content.get("draft"):
        properties_in_order(section.header._element)
        properties_in_order(section.even_page_header._element)

    now = timezone.now()
    props = doc.core_properties
    props.title = content["title"]
    props.subject = f"{content.get('year', '')}年工作总结"
    props.author = props.last_modified_by = content.get("organisation", "")
    props.comments = ""
    props.keywords = "工作总结"
    props.category = DRAFT_MARK if content.get("draft") else "定稿"
    props.language = "zh-CN"
    props.created = props.modified = now.replace(tzinfo=None, microsecond=0)
    props.revision = content.get("version", 1)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
