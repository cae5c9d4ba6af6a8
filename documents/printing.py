"""The paper of documents, filled from the records: the 收文处理笺 of an incoming document, the
发文稿纸 of an outgoing one, and the issued document (套红) in the GB/T 9704-2012 layout as PDF,
DOCX and OFD. Everything prints through office.pdf (fonts embedded, text readable back).

Classified documents: the forms print like the pages show them (涉密件 for the title and no
来文字号 for a user without clearance); the callers refuse the issued document to such a user."""

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from office.pdf import render_pdf

from .choices import CLASSIFIED_TITLE, Classification, IncomingStepKind, OutgoingStepKind


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


def filename(prefix: str, number: str, ext: str) -> str:
    return f"{prefix}{('-' + number) if number else ''}.{ext}"

