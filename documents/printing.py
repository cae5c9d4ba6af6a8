"""The paper of documents, filled from the records: the 收文处理笺 of an incoming document, the
发文稿纸 of an outgoing one, and the issued document (套红) in the GB/T 9704-2012 layout as PDF,
DOCX and OFD. Everything prints through office.pdf (fonts embedded, text readable back).

Classified documents: the forms print like the pages show them (涉密件 for the title and no
来文字号 for a user without clearance); the callers refuse the issued document to such a user."""

import functools
import re

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from office.pdf import font_files, gbt9704_css, render_document, render_pdf
from office.wordml import PPR_ORDER

from .choices import (
    CLASSIFIED_CONTENT,
    CLASSIFIED_TITLE,
    Classification,
    DocumentKind,
    IncomingStepKind,
    OutgoingStatus,
    OutgoingStepKind,
    Urgency,
)


def chinese_date(day) -> str:
    """A date as GB/T 9704 writes it: full Arabic digits without leading zeros (2026年1月8日)."""
    if day is None:
        return ""
    if hasattr(day, "tzinfo"):  # a datetime: the local day
        day = timezone.localtime(day).date()
    return f"{day.year}年{day.month}月{day.day}日"


def organisation() -> str:
    return getattr(settings, "ORGANISATION_NAME", "")


def _css(name):
    return get_template(name).template.source


def _entry(step):
    return {"text": step.opinion, "name": step.actor.name, "date": chinese_date(step.created_at)}


def _masked(document, cleared):
    return document.is_classified and not cleared


def _hide_text(entry):
    return {**entry, "text": CLASSIFIED_CONTENT if entry.get("text") else ""} if entry else entry


def _without_text(of):
    return lambda kind: [_hide_text(e) for e in of(kind)]


# ---- 收文处理笺 ----


def incoming_slip_context(document, *, cleared: bool) -> dict:
    """The values of the 收文处理笺 as recorded so far (any step)."""
    steps = list(document.steps.select_related("actor").order_by("created_at", "id"))

    def of(kind):
        return [_entry(s) for s in steps if s.kind == kind]

    masked = _masked(document, cleared)
    co = "、".join(d.name for d in document.co_departments.all())
    if masked:
        # 拟办意见, 批示 and 办理结果 are content: who and when stay, the text does not.
        of = _without_text(of)
    return {
        "organisation": organisation(),
        "sender": document.sender,
        "sender_number": "" if masked else document.sender_number,
        "serial_number": document.serial_number,
        "received_on": chinese_date(document.received_at),
        "title": CLASSIFIED_TITLE if masked else document.title,
        "classification": _classification(document),
        "urgency": document.get_urgency_display(),
        "copies": document.copies,
        "deadline": chinese_date(document.deadline),
        "handling_type": document.get_handling_type_display(),
        "proposals": of(IncomingStepKind.PROPOSE),
        "instructions": of(IncomingStepKind.INSTRUCT),
        "lead_department": document.lead_department.name if document.lead_department_id else "",
        "responsible": document.responsible.name if document.responsible_id else "",
        "co_departments": co,
        "results": of(IncomingStepKind.COMPLETE),
        "completed_on": chinese_date(document.completed_at),
        "status": document.get_status_display(),
        "printed_on": chinese_date(timezone.localdate()),
    }


def _classification(document):
    if document.classification == Classification.NONE:
        return "非密"
    period = f"★{document.get_secrecy_period_display()}" if document.secrecy_period else ""
    return f"{document.get_classification_display()}{period}"


def incoming_slip_pdf(document, *, cleared: bool) -> bytes:
    html = render_to_string("documents/pdf/incoming_slip.html", incoming_slip_context(document, cleared=cleared))
    return render_pdf(html, stylesheets=[_css("documents/pdf/form.css")])


# ---- 发文稿纸 ----


def outgoing_sheet_context(document, *, cleared: bool) -> dict:
    """The values of the 发文稿纸 as recorded so far (a draft made before the 公开属性 existed
    prints 未标注)."""
    steps = list(document.steps.select_related("actor").order_by("created_at", "id"))
    reviews = [_entry(s) for s in steps if s.kind == OutgoingStepKind.REVIEW]
    signs = [s for s in steps if s.kind == OutgoingStepKind.SIGN]
    sign = None
    if document.signer_id:
        # The opinion and the full date as signed (the date may be given, the step is the time).
        sign = {
            "text": document.sign_opinion or (signs[-1].opinion if signs else ""),
            "name": document.signer.name,
            "date": chinese_date(document.signed_on) or (chinese_date(signs[-1].created_at) if signs else ""),
        }
    countersigns = [
        {
            "department": c.department.name,
            "text": c.opinion,
            "name": c.signed_by.name if c.signed_by_id else "",
            "date": chinese_date(c.signed_at),
        }
        for c in document.countersigns.select_related("department", "signed_by").order_by("id")
    ]
    masked = _masked(document, cleared)
    if masked:
        # 核稿, 会签 and 签发 opinions are content: who and when stay, the text does not.
        sign = _hide_text(sign)
        reviews = [_hide_text(e) for e in reviews]
        countersigns = [_hide_text(e) for e in countersigns]
    drafts = [s for s in steps if s.kind == OutgoingStepKind.DRAFT]
    return {
        "organisation": organisation(),
        "kind": document.get_kind_display(),
        "sign": sign,
        "countersigns": countersigns,
        "reviews": reviews,
        "department": document.department.name,
        "drafter": document.drafter.name,
        "title": CLASSIFIED_TITLE if masked else document.title,
        "main_recipients": document.main_recipients,
        "cc_recipients": document.cc_recipients,
        "classification": _classification(document),
        "urgency": document.get_urgency_display(),
        "disclosure": document.get_disclosure_display(),
        "printed_copies": document.printed_copies or "",
        "drafted_on": chinese_date(drafts[0].created_at if drafts else document.created_at),
        "document_number": document.document_number,
        "printed_on": chinese_date(timezone.localdate()),
    }


def outgoing_sheet_pdf(document, *, cleared: bool) -> bytes:
    html = render_to_string("documents/pdf/outgoing_sheet.html", outgoing_sheet_context(document, cleared=cleared))
    return render_pdf(html, stylesheets=[_css("documents/pdf/form.css")])


# ---- the issued document (套红) ----

# 上行文: the 发文字号 is printed with the 签发人.
UPWARD_KINDS = (DocumentKind.REQUEST, DocumentKind.REPORT)
# The issued document exists from 编号 on (not for a voided one).
ISSUED_STATUSES = (OutgoingStatus.NUMBERED, OutgoingStatus.DISPATCHED, OutgoingStatus.ARCHIVED)

PITCH = 15.79  # pt: a full-width character of 3号 on the 28-character line
HALF = 8.0 - 0.21  # pt: a half-width character with the same letter spacing
MARK_MAX_PT = 42.0  # about 15 mm a character
BLOCK_WIDTH_PT = 156 * 72 / 25.4

_H2 = re.compile(r"^[一二三四五六七八九十]+、")
_H3 = re.compile(r"^（[一二三四五六七八九十]+）")


def is_issued(document) -> bool:
    return bool(document.document_number) and document.status in ISSUED_STATUSES


def issuing_mark(document) -> str:
    """The 发文机关标志: the one the administrator set on the issuing code, else the
    organisation's name followed by 文件."""
    mark = (document.issuing_code.mark if document.issuing_code_id else "").strip()
    return mark or f"{organisation()}文件"


def text_width(value: str, pitch: float = PITCH) -> float:
    half = pitch / 2
    return sum(half if ord(ch) < 0x2E80 else pitch for ch in value)


def body_blocks(body: str) -> list[dict]:
    """The 正文's paragraphs with their heading levels (一、 h2, （一） h3, else p)."""
    blocks = []
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        kind = "h2" if _H2.match(line) else "h3" if _H3.match(line) else "p"
        blocks.append({"kind": kind, "text": line})
    return blocks


def _blocks(document):
    """The 正文: the latest version's paragraphs when it is an uploaded Word document (with the
    heading levels of its styles), else the text written on the draft's page."""
    from .services.versions import latest_blocks

    blocks = latest_blocks(document)
    return blocks if blocks is not None else body_blocks(document.body)


_TRAILING_PUNCTUATION = "。．.，,；;：:、 \t"


def attachment_notes(document) -> list[str]:
    """The names of the 附件说明 (GB/T 9704: no punctuation after a name): the lines the drafter
    wrote, else the names of the files attached to the draft, without their extensions."""
    import os

    names = [line.strip().rstrip(_TRAILING_PUNCTUATION) for line in document.attachment_names.splitlines()]
    names = [n for n in names if n]
    if names or document.is_classified:
        return names
    return [os.path.splitext(a.original_name)[0].strip() for a in document.attachments.order_by("uploaded_at", "id")]


def _copy_number(value: str) -> str:
    value = value.strip()
    return value.zfill(6) if value.isdigit() else value


def issued_content(document) -> dict:
    """What the issued document says, for the PDF, the DOCX and the OFD alike."""
    numbered_on = timezone.localtime(document.numbered_at).date() if document.numbered_at else timezone.localdate()
    secrecy = ""
    if document.classification not in (Classification.NONE, ""):
        period = f"★{document.get_secrecy_period_display()}" if document.secrecy_period else ""
        secrecy = f"{document.get_classification_display()}{period}"
    org = organisation()
    cc = document.cc_recipients.strip().rstrip("。")
    main = document.main_recipients.strip().rstrip("：:")
    return {
        "copy_number": _copy_number(document.copy_number),
        "secrecy": secrecy,
        "urgency": "" if document.urgency == Urgency.NORMAL else document.get_urgency_display(),
        "mark": issuing_mark(document),
        "number": document.document_number,
        "signer": document.signer.name if document.kind in UPWARD_KINDS and document.signer_id else "",
        "title": document.title,
        "recipients": f"{main}：" if main else "",
        "blocks": _blocks(document),
        "attachments": attachment_notes(document),
        "signature": org,
        "date": chinese_date(document.signed_on or numbered_on),
        "cc": f"抄送：{cc}。" if cc else "",
        "printer": f"{org}办公室",
        "printed_on": f"{chinese_date(document.dispatched_on or numbered_on)}印发",
    }


def _em_box_offset(family: str = "OfficeSong") -> float:
    """How far (in em) below its line box's top the ideographic em box of a face begins when set
    with line-height 1: WeasyPrint places the baseline by the face's hhea ascent and descent,
    the em box is 0.88 em above the baseline. Nudging the mark up by this puts its top edge
    exactly 35 mm below the text block's top, whatever title face is installed."""
    from fontTools.ttLib import TTFont

    files = font_files().get(family) or []
    if not files:
        return 0.0
    try:
        font = TTFont(str(files[0]), lazy=True)
        units = font["head"].unitsPerEm
        ascent, descent = font["hhea"].ascent / units, -font["hhea"].descent / units
        em_ascent = font["OS/2"].sTypoAscender / units if "OS/2" in font else 0.88
    except Exception:  # an unreadable face: no nudge
        return 0.0
    return (1 - ascent - descent) / 2 + ascent - em_ascent


def issued_css(content: dict) -> str:
    """The document's own sizes: the mark as large as fits (at most about 15 mm a character),
    the signature centred over the date, which ends four characters from the right."""
    mark = max(1, len(content["mark"]))
    mark_pt = min(MARK_MAX_PT, (BLOCK_WIDTH_PT - 2) / mark)
    signature_right, date_right = _closing_indents(content)
    return (
        f".gw-mark {{ font-size: {mark_pt:.2f}pt; height: {mark_pt:.2f}pt;"
        f" position: relative; top: {-_em_box_offset() * mark_pt:.2f}pt; }}\n"
        f".gw-signature {{ padding-right: {signature_right:.2f}pt; }}\n"
        f".gw-date {{ padding-right: {date_right:.2f}pt; }}\n"
    )


def _box_by_id(box, element_id):
    element = getattr(box, "element", None)
    if element is not None and element.get("id") == element_id and box.element_tag == "div":
        return box
    for child in getattr(box, "children", ()):
        found = _box_by_id(child, element_id)
        if found is not None:
            return found
    return None


def _room_under(rendered, element_id) -> float:
    """The room (CSS px) between the bottom of the element's border box on the last page and
    the bottom of that page's text block; 0 when it is not found there."""
    page = rendered.pages[-1]._page_box
    box = _box_by_id(page, element_id)
    if box is None:
        return 0.0
    block_bottom = page.content_box_y() + page.height
    return max(0.0, block_bottom - (box.border_box_y() + box.border_height()))


def issued_pdf(document) -> bytes:
    """The issued document, laid out twice: the second time the 版记 is pushed down by the room
    the first left under it, to the foot of the last page (GB/T 9704)."""
    content = issued_content(document)
    html = render_to_string("documents/pdf/issued.html", {"doc": content})
    sheets = [gbt9704_css(), _css("documents/pdf/issued.css"), issued_css(content)]
    rendered = render_document(html, stylesheets=sheets)
    room = _room_under(rendered, "colophon") - 0.25  # px: a hair above, never over the edge
    if room > 0:
        # A spacer of that height before it (a margin would be dropped at the top of a page).
        rendered = render_document(html, stylesheets=[*sheets, f"#colophon-space {{ height: {room:.3f}px; }}"])
    return rendered.write_pdf()


# ---- the issued document as DOCX (for finishing in Word or WPS) ----

DOCX_FACES = {"song": "方正小标宋简体", "fang": "仿宋_GB2312", "hei": "黑体", "kai": "楷体_GB2312"}
RED = "D40000"


def _docx_run(paragraph, text, face, size_pt, *, red=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.size = Pt(size_pt)
    run.font.name = "Times New Roman"
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), DOCX_FACES[face])
    if red:
        run.font.color.rgb = RGBColor.from_string(RED)
    return run


def _docx_border(paragraph, *sides, colour="000000", size_eighths=8, space_pt=1):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        _ppr_insert(ppr, borders)
    for side in sides:
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), str(size_eighths))
        element.set(qn("w:space"), str(space_pt))
        element.set(qn("w:color"), colour)
        borders.append(element)


def _ppr_insert(ppr, element):
    """Puts a paragraph property where the schema orders it (Word refuses a document whose
    properties are out of order)."""
    tag = element.tag.split("}")[1]
    successors = [f"w:{t}" for t in PPR_ORDER[PPR_ORDER.index(tag) + 1 :]]
    ppr.insert_element_before(element, *successors)


def _docx_frame_at_foot(paragraph):
    """The paragraph in a frame at the bottom of the text block, the width of the block; the
    版记's consecutive paragraphs share the frame (the same framePr), so its last rule lies on
    the text block's bottom edge of the last page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    frame = OxmlElement("w:framePr")
    for name, value in (
        ("w", str(round(156 / 25.4 * 1440))),
        ("wrap", "around"),
        ("vAnchor", "margin"),
        ("hAnchor", "margin"),
        ("xAlign", "center"),
        ("yAlign", "bottom"),
    ):
        frame.set(qn(f"w:{name}"), value)
    _ppr_insert(paragraph._p.get_or_add_pPr(), frame)


def _docx_page_number(paragraph):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _docx_run(paragraph, "— ", "song", 14)
    run = _docx_run(paragraph, "", "song", 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._element.append(element)
    _docx_run(paragraph, " —", "song", 14)


def issued_docx(document) -> bytes:
    """The issued document as DOCX in the same layout: A4, the text block 156 × 225 mm, the
    official faces by name (Word or WPS substitutes what a machine lacks), the red mark, the red
    rule under the number, the closing and the 版记 between rules, page numbers `— N —`."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    content = issued_content(document)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(23)  # the page number 7 mm below the text block
    doc.settings.odd_and_even_pages_header_footer = True
    footers = ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
    for footer, align in footers:
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        _docx_page_number(paragraph)

    def para(text="", face="fang", size=16, *, align=None, indent=True, before=0.0, line=28.95, red=False):
        paragraph = doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
        fmt.space_before, fmt.space_after = Pt(before), Pt(0)
        if indent:
            fmt.first_line_indent = Pt(2 * size)
        if align is not None:
            paragraph.alignment = align
        if text:
            _docx_run(paragraph, text, face, size, red=red)
        return paragraph

    head = [v for v in (content["copy_number"], content["secrecy"], content["urgency"]) if v]
    for value in head:
        para(value, "hei", indent=False)
    mark_pt = min(MARK_MAX_PT, (BLOCK_WIDTH_PT - 2) / max(1, len(content["mark"])))
    para(
        content["mark"],
        "song",
        mark_pt,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        before=max(0.0, 35 * 72 / 25.4 - len(head) * 28.95),
        line=mark_pt * 1.1,
        red=True,
    )
    number = para(align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=2 * 28.95, line=16)
    if content["signer"]:
        number.alignment = WD_ALIGN_PARAGRAPH.LEFT
        number.paragraph_format.left_indent = number.paragraph_format.right_indent = Pt(16)
        number.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(32), WD_TAB_ALIGNMENT.RIGHT)
        _docx_run(number, f"{content['number']}\t签发人：", "fang", 16)
        _docx_run(number, content["signer"], "kai", 16)
    else:
        _docx_run(number, content["number"], "fang", 16)
    _docx_border(number, "bottom", colour=RED, size_eighths=12, space_pt=11)  # the red rule, about 4 mm under
    para(content["title"], "song", 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=2 * 28.95)
    para()
    if content["recipients"]:
        para(content["recipients"], indent=False)
    faces = {"h2": "hei", "h3": "kai", "p": "fang"}
    for block in content["blocks"]:
        para(block["text"], faces[block["kind"]])
    # 附件说明: a blank line under the 正文, "附件：" two characters in, the names numbered when
    # more than one, a name's further lines under its first character (a hanging indent).
    numbered_names = len(content["attachments"]) > 1
    for n, name in enumerate(content["attachments"], start=1):
        label = "附件：" if n == 1 else ""
        number = f"{n}.\t" if numbered_names else ""
        paragraph = para(f"{label}{number}{name}", indent=False, before=28.95 if n == 1 else 0)
        hang = 1.5 * PITCH if numbered_names else 0
        paragraph.paragraph_format.left_indent = Pt(5 * PITCH + hang)
        paragraph.paragraph_format.first_line_indent = Pt(-(3 * PITCH if n == 1 else 0) - hang)
    signature_right, date_right = _closing_indents(content)
    for text, right, before in ((content["signature"], signature_right, 28.95), (content["date"], date_right, 0)):
        paragraph = para(text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, before=before)
        paragraph.paragraph_format.right_indent = Pt(right)
        paragraph.paragraph_format.keep_with_next = text == content["signature"]
    lines = [content["cc"]] if content["cc"] else []
    for index, text in enumerate([*lines, None]):
        paragraph = para(face="fang", size=14, indent=False, line=24)
        _docx_frame_at_foot(paragraph)
        if index > 0:
            _docx_border(paragraph, "top", size_eighths=6)  # the thin rule between 抄送 and 印发
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Pt(14)
        if text is None:  # 印发机关 left, 印发日期 right
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)
            _docx_run(paragraph, f"{content['printer']}\t{content['printed_on']}", "fang", 14)
        else:
            _docx_run(paragraph, text, "fang", 14)
        if index == 0:
            _docx_border(paragraph, "top", size_eighths=8)
        if text is None:
            _docx_border(paragraph, "bottom", size_eighths=8)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---- the issued document as OFD (GB/T 33190-2016) ----
#
# easyofd (PyPI) was tried and set aside: its writer turns a PDF's pages into images (or text in a
# fixed brown with no font), and it pulls in PyMuPDF. The package is written here instead:
# OFD.xml → Doc_0/Document.xml → PublicRes.xml (the fonts, subset and embedded under Doc_0/Res)
# and one Pages/Page_N/Content.xml per page, laid out on the same grid as the PDF, in mm.

OFD_NS = "http://www.ofdspec.org/2016"
LINE_MM = 225 / 22  # line pitch
PITCH_MM = 156 / 28  # character pitch of 3号
BLOCK_TOP_MM, BLOCK_LEFT_MM, BLOCK_WIDTH_MM, BLOCK_HEIGHT_MM = 37.0, 28.0, 156.0, 225.0
PT_MM = 25.4 / 72
RED_RGB = "212 0 0"
OFD_FACES = {"song": "OfficeSong", "fang": "OfficeFang", "hei": "OfficeHei", "kai": "OfficeKai"}


def _is_half(ch):
    return ord(ch) < 0x2E80


@functools.cache
def _advances(path: str) -> tuple[dict, int]:
    """(character → advance width, units per em) of a font file."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    metrics = font["hmtx"].metrics
    advances = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items() if glyph in metrics}
    return advances, font["head"].unitsPerEm


def _widths(text, pitch, face=None, size=None):
    """Each character's advance in mm: full-width characters on the grid's pitch, the others
    (digits, Latin letters, dashes) by the face's own advance, or half the pitch."""
    paths = font_files().get(OFD_FACES.get(face, ""), []) if face else []
    advances, units = _advances(str(paths[0])) if paths else ({}, 1000)
    widths = []
    for ch in text:
        if not _is_half(ch):
            widths.append(pitch)
        elif ord(ch) in advances and size:
            widths.append(advances[ord(ch)] / units * size)
        else:
            widths.append(pitch / 2)
    return widths


def _wrap(text, pitch, width, first_indent=0.0, face=None, size=None):
    """Lines of `text` that fit `width` mm (the advances of _widths)."""
    lines, line, used, limit = [], "", 0.0, width - first_indent
    for ch, w in zip(text, _widths(text, pitch, face, size), strict=True):
        if line and used + w > limit + 0.01:
            lines.append(line)
            line, used, limit = "", 0.0, width
        line += ch
        used += w
    if line or not lines:
        lines.append(line)
    return lines


class _OfdLayout:
    """Text and rules placed on pages of the text block, top to bottom, in mm."""

    def __init__(self):
        self.pages = [[]]
        self.y = BLOCK_TOP_MM
        self.chars = {}  # face → the characters set in it

    def _room(self, height):
        if self.y + height > BLOCK_TOP_MM + BLOCK_HEIGHT_MM + 0.01:
            self.pages.append([])
            self.y = BLOCK_TOP_MM

    def text(self, value, face, size_mm, x, *, top=None, pitch=None, red=False):
        """One line of text with its em box's top at `top` (default: centred on the grid line)."""
        pitch = pitch or size_mm
        if top is None:
            top = self.y + (LINE_MM - size_mm) / 2
        self.chars.setdefault(face, set()).update(value)
        self.pages[-1].append(
            {
                "kind": "text",
                "text": value,
                "face": face,
                "size": size_mm,
                "x": x,
                "top": top,
                "widths": _widths(value, pitch, face, size_mm),
                "red": red,
            }
        )

    def rule(self, y, width_mm, *, red=False, thin=False):
        self.pages[-1].append({"kind": "rule", "y": y, "width": width_mm, "red": red, "thin": thin})

    def line(
        self,
        value,
        face="fang",
        *,
        size_mm=16 * PT_MM,
        pitch=PITCH_MM,
        align="left",
        right=0.0,
        indent=0.0,
        pitch_y=LINE_MM,
    ):
        self._room(pitch_y)
        width = sum(_widths(value, pitch, face, size_mm))
        if align == "center":
            x = BLOCK_LEFT_MM + (BLOCK_WIDTH_MM - width) / 2
        elif align == "right":
            x = BLOCK_LEFT_MM + BLOCK_WIDTH_MM - right - width
        else:
            x = BLOCK_LEFT_MM + indent
        self.text(value, face, size_mm, x, top=self.y + (pitch_y - size_mm) / 2, pitch=pitch)
        self.y += pitch_y

    def paragraph(
        self, value, face="fang", *, indent_chars=2, size_mm=16 * PT_MM, pitch=PITCH_MM, pitch_y=LINE_MM, margin=0.0
    ):
        for n, text in enumerate(_wrap(value, pitch, BLOCK_WIDTH_MM - 2 * margin, indent_chars * pitch, face, size_mm)):
            indent = margin + (indent_chars * pitch if n == 0 else 0)
            self.line(text, face, size_mm=size_mm, pitch=pitch, indent=indent, pitch_y=pitch_y)


def _ofd_layout(content) -> _OfdLayout:
    layout = _OfdLayout()
    for value in (content["copy_number"], content["secrecy"], content["urgency"]):
        if value:
            layout.line(value, "hei")
    mark_mm = min(MARK_MAX_PT, (BLOCK_WIDTH_PT - 2) / max(1, len(content["mark"]))) * PT_MM
    mark_width = sum(_widths(content["mark"], mark_mm, "song", mark_mm))
    mark_top = BLOCK_TOP_MM + 35
    layout.text(
        content["mark"], "song", mark_mm, BLOCK_LEFT_MM + (BLOCK_WIDTH_MM - mark_width) / 2, top=mark_top, red=True
    )
    size = 16 * PT_MM
    number_top = mark_top + mark_mm + 2 * LINE_MM
    if content["signer"]:
        layout.text(content["number"], "fang", size, BLOCK_LEFT_MM + PITCH_MM, top=number_top, pitch=PITCH_MM)
        label, name = "签发人：", content["signer"]
        name_width = sum(_widths(name, PITCH_MM, "kai", size))
        right = BLOCK_LEFT_MM + BLOCK_WIDTH_MM - PITCH_MM
        layout.text(name, "kai", size, right - name_width, top=number_top, pitch=PITCH_MM)
        layout.text(
            label,
            "fang",
            size,
            right - name_width - sum(_widths(label, PITCH_MM, "fang", size)),
            top=number_top,
            pitch=PITCH_MM,
        )
    else:
        width = sum(_widths(content["number"], PITCH_MM, "fang", size))
        layout.text(
            content["number"],
            "fang",
            size,
            BLOCK_LEFT_MM + (BLOCK_WIDTH_MM - width) / 2,
            top=number_top,
            pitch=PITCH_MM,
        )
    rule_y = number_top + size + 4
    layout.rule(rule_y, BLOCK_WIDTH_MM, red=True)
    layout.y = rule_y + 2 * LINE_MM
    title_mm = 22 * PT_MM
    for line in _wrap(content["title"], title_mm, BLOCK_WIDTH_MM, 0.0, "song", title_mm):
        layout.line(line, "song", size_mm=title_mm, pitch=title_mm, align="center")
    layout.y += LINE_MM
    if content["recipients"]:
        layout.paragraph(content["recipients"], indent_chars=0)
    faces = {"h2": "hei", "h3": "kai", "p": "fang"}
    for block in content["blocks"]:
        layout.paragraph(block["text"], faces[block["kind"]])
    _ofd_attachment_notes(layout, content["attachments"])
    signature_right, date_right = _closing_indents(content)
    layout.y += LINE_MM
    layout.line(content["signature"], align="right", right=signature_right * PT_MM)
    layout.line(content["date"], align="right", right=date_right * PT_MM)
    # 版记: 4号仿宋 between rules the width of the text block.
    small, small_y = 14 * PT_MM, 24 * PT_MM
    cc_lines = _wrap(content["cc"], small, BLOCK_WIDTH_MM - 2 * small, 0.0, "fang", small) if content["cc"] else []
    height = (len(cc_lines) + 1) * small_y
    layout.y += LINE_MM
    layout._room(height + 1)
    # At the foot of the last page: the last rule (0.35 mm) ends on the text block's bottom edge.
    layout.y = max(layout.y, BLOCK_TOP_MM + BLOCK_HEIGHT_MM - height - 0.35)
    layout.rule(layout.y, BLOCK_WIDTH_MM)
    if content["cc"]:
        layout.paragraph(content["cc"], indent_chars=0, size_mm=small, pitch=small, pitch_y=small_y, margin=small)
        layout.rule(layout.y, BLOCK_WIDTH_MM, thin=True)
    top = layout.y
    layout.line(content["printer"], size_mm=small, pitch=small, indent=small, pitch_y=small_y)
    layout.y = top
    layout.line(content["printed_on"], size_mm=small, pitch=small, align="right", right=small, pitch_y=small_y)
    layout.rule(layout.y, BLOCK_WIDTH_MM)
    # Page numbers: 4号, `— N —`, 7 mm below the text block, odd pages right and even pages left.
    for number, page in enumerate(layout.pages, start=1):
        value = f"— {number} —"
        width = sum(_widths(value, small, "song", small))
        x = BLOCK_LEFT_MM + BLOCK_WIDTH_MM - small - width if number % 2 else BLOCK_LEFT_MM + small
        layout.chars.setdefault("song", set()).update(value)
        page.append(
            {
                "kind": "text",
                "text": value,
                "face": "song",
                "size": small,
                "x": x,
                "top": BLOCK_TOP_MM + BLOCK_HEIGHT_MM + 7,
                "widths": _widths(value, small, "song", small),
                "red": False,
            }
        )
    return layout


def _ofd_attachment_notes(layout, names):
    """附件说明 on the OFD grid: a blank line, "附件：" two characters in, numbered names (when
    more than one) with their further lines under the name's first character."""
    if not names:
        return
    layout.y += LINE_MM
    size = 16 * PT_MM
    hang = 1.5 * PITCH_MM if len(names) > 1 else 0.0
    left = BLOCK_LEFT_MM + 5 * PITCH_MM
    for n, name in enumerate(names, start=1):
        lines = _wrap(name, PITCH_MM, BLOCK_WIDTH_MM - 5 * PITCH_MM - hang, 0.0, "fang", size)
        for k, text in enumerate(lines):
            layout._room(LINE_MM)
            top = layout.y + (LINE_MM - size) / 2
            if n == 1 and k == 0:
                layout.text("附件：", "fang", size, BLOCK_LEFT_MM + 2 * PITCH_MM, top=top, pitch=PITCH_MM)
            if k == 0 and hang:
                layout.text(f"{n}.", "fang", size, left, top=top, pitch=PITCH_MM)
            layout.text(text, "fang", size, left + hang, top=top, pitch=PITCH_MM)
            layout.y += LINE_MM


def _subset_font(path, characters) -> bytes:
    """The face with only the glyphs of `characters`, as an OpenType file to embed."""
    import io

    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"]
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(characters)))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def _fmt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def issued_ofd(document) -> bytes:
    """The issued document as an OFD package (GB/T 33190-2016), the fonts subset and embedded."""
    import io
    import uuid
    import zipfile
    from xml.sax.saxutils import escape as xml_escape
    from xml.sax.saxutils import quoteattr

    content = issued_content(document)
    layout = _ofd_layout(content)
    files = font_files()
    ids = iter(range(1, 1_000_000))
    fonts = {}  # face → (ID, member name, font name)
    font_blobs = {}
    for face, characters in layout.chars.items():
        paths = files.get(OFD_FACES[face]) or files.get("OfficeFang") or []
        if not paths:
            raise RuntimeError(f"OFD: no font file for {OFD_FACES[face]}")
        font_id = next(ids)
        name = f"font_{font_id}{paths[0].suffix.lower() or '.otf'}"
        fonts[face] = (font_id, name, paths[0].stem)
        font_blobs[name] = _subset_font(paths[0], characters)

    ns = f'xmlns:ofd="{OFD_NS}"'
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    page_xml = []
    page_ids = []
    for page in layout.pages:
        page_ids.append(next(ids))
        objects = []
        for item in page:
            if item["kind"] == "rule":
                colour = RED_RGB if item["red"] else "0 0 0"
                width = 0.5 if item["red"] else 0.25 if item.get("thin") else 0.35
                objects.append(
                    f'<ofd:PathObject ID="{next(ids)}" Boundary="{_fmt(BLOCK_LEFT_MM)} {_fmt(item["y"])} '
                    f'{_fmt(item["width"])} {_fmt(width)}" LineWidth="{_fmt(width)}">'
                    f'<ofd:StrokeColor Value="{colour}"/>'
                    f"<ofd:AbbreviatedData>M 0 {_fmt(width / 2)} L {_fmt(item['width'])} {_fmt(width / 2)}"
                    "</ofd:AbbreviatedData></ofd:PathObject>"
                )
                continue
            font_id = fonts[item["face"]][0]
            size = item["size"]
            width = sum(item["widths"])
            delta = " ".join(_fmt(w) for w in item["widths"][:-1])
            colour = f'<ofd:FillColor Value="{RED_RGB}"/>' if item["red"] else '<ofd:FillColor Value="0 0 0"/>'
            objects.append(
                f'<ofd:TextObject ID="{next(ids)}" Boundary="{_fmt(item["x"])} {_fmt(item["top"])} '
                f'{_fmt(width + size)} {_fmt(size * 1.2)}" Font="{font_id}" Size="{_fmt(size)}">{colour}'
                f'<ofd:TextCode X="0" Y="{_fmt(size * 0.88)}"'
                + (f' DeltaX="{delta}"' if delta else "")
                + f">{xml_escape(item['text'])}</ofd:TextCode></ofd:TextObject>"
            )
        layer = next(ids)
        page_xml.append(
            f'{head}<ofd:Page {ns}><ofd:Content><ofd:Layer ID="{layer}">{"".join(objects)}'
            "</ofd:Layer></ofd:Content></ofd:Page>"
        )
    max_id = next(ids) - 1
    today = timezone.localdate().isoformat()
    ofd_xml = (
        f'{head}<ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
        f"<ofd:DocID>{uuid.uuid4().hex}</ofd:DocID><ofd:Title>{xml_escape(content['title'])}</ofd:Title>"
        f"<ofd:Author>{xml_escape(content['signature'])}</ofd:Author>"
        f"<ofd:Subject>{xml_escape(content['number'])}</ofd:Subject>"
        f"<ofd:CreationDate>{today}</ofd:CreationDate><ofd:Creator>{xml_escape(content['signature'])}办公系统"
        "</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    document_xml = (
        f"{head}<ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>"
        "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>"
        + "".join(f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n, pid in enumerate(page_ids))
        + "</ofd:Pages></ofd:Document>"
    )
    res_xml = (
        f'{head}<ofd:Res {ns} BaseLoc="Res"><ofd:Fonts>'
        + "".join(
            f'<ofd:Font ID="{fid}" FontName={quoteattr(fname)} FamilyName={quoteattr(fname)}>'
            f"<ofd:FontFile>{member}</ofd:FontFile></ofd:Font>"
            for fid, member, fname in fonts.values()
        )
        + "</ofd:Fonts></ofd:Res>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", ofd_xml)
        package.writestr("Doc_0/Document.xml", document_xml)
        package.writestr("Doc_0/PublicRes.xml", res_xml)
        for n, xml in enumerate(page_xml):
            package.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", xml)
        for member, blob in font_blobs.items():
            package.writestr(f"Doc_0/Res/{member}", blob)
    return out.getvalue()


def _closing_indents(content) -> tuple[float, float]:
    """(signature, date) right indents in pt: the date ends four characters from the right and
    the signature is centred over it."""
    date_right = 4 * PITCH
    signature_right = max(0.0, date_right + (text_width(content["date"]) - text_width(content["signature"])) / 2)
    return signature_right, date_right


_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\s]+')


def filename(prefix: str, number: str, ext: str) -> str:
    name = _UNSAFE_IN_NAMES.sub("_", f"{prefix}-{number}" if number else prefix)
    return f"{name[:120]}.{ext}"
