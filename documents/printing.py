"""The paper of documents, filled from the records: the 收文处理笺 of an incoming document, the
发文稿纸 of an outgoing one, and the issued document (套红) in the GB/T 9704-2012 layout as PDF,
DOCX and OFD. Everything prints through office.pdf (fonts embedded, text readable back).

Classified documents: the forms print like the pages show them (涉密件 for the title and no
来文字号 for a user without clearance); the callers refuse the issued document to such a user."""

import re

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from office.pdf import font_files, gbt9704_css, render_pdf

from .choices import (
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


# ---- 收文处理笺 ----


def incoming_slip_context(document, *, cleared: bool) -> dict:
    """The values of the 收文处理笺 as recorded so far (any step)."""
    steps = list(document.steps.select_related("actor").order_by("created_at", "id"))

    def of(kind):
        return [_entry(s) for s in steps if s.kind == kind]

    masked = _masked(document, cleared)
    co = "、".join(d.name for d in document.co_departments.all())
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
    """The values of the 发文稿纸 as recorded so far; the 公开属性 has no field yet."""
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
    """The 发文机关标志. There is no field for it yet: the issuing code's description when it reads
    as a mark (ends with 文件), else the organisation's name followed by 文件."""
    description = (document.issuing_code.description if document.issuing_code_id else "").strip()
    if description.endswith("文件"):
        return description
    return f"{organisation()}文件"


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
        "blocks": body_blocks(document.body),
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
    date_right = 4 * PITCH
    signature_right = max(0.0, date_right + (text_width(content["date"]) - text_width(content["signature"])) / 2)
    return (
        f".gw-mark {{ font-size: {mark_pt:.2f}pt; height: {mark_pt:.2f}pt;"
        f" position: relative; top: {-_em_box_offset() * mark_pt:.2f}pt; }}\n"
        f".gw-signature {{ padding-right: {signature_right:.2f}pt; }}\n"
        f".gw-date {{ padding-right: {date_right:.2f}pt; }}\n"
    )


def issued_pdf(document) -> bytes:
    content = issued_content(document)
    html = render_to_string("documents/pdf/issued.html", {"doc": content})
    return render_pdf(html, stylesheets=[gbt9704_css(), _css("documents/pdf/issued.css"), issued_css(content)])


_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\s]+')


def filename(prefix: str, number: str, ext: str) -> str:
    name = _UNSAFE_IN_NAMES.sub("_", f"{prefix}-{number}" if number else prefix)
    return f"{name[:120]}.{ext}"

