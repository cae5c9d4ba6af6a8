from django import template
from django.utils.html import format_html

from ..choices import CLASSIFIED_TITLE

register = template.Library()

STATUS_CLASSES = {
    "done": "badge-completed",
    "archived": "badge-completed",
    "dispatched": "badge-completed",
    "replied": "badge-completed",
    "completed": "badge-completed",
    "voided": "badge-voided",
    "returned": "badge-due-soon",
    "circulating": "badge-provisional",
}


@register.simple_tag
def status_badge(record):
    css = STATUS_CLASSES.get(record.status, "badge-open")
    return format_html('<span class="badge {}">{}</span>', css, record.get_status_display())


@register.simple_tag
def doc_title(doc, cleared):
    """The title, or 涉密件 for a classified document shown to someone without clearance."""
    return doc.title if cleared or not doc.is_classified else CLASSIFIED_TITLE


@register.simple_tag
def doc_text(doc, cleared, text):
    """Free text of a document (remarks, an opinion, a reason): for a classified document, only
    for a reader with clearance (documents.permissions.sees_content)."""
    from ..permissions import content_shown

    return content_shown(doc, cleared, text)


@register.simple_tag
def classification_badge(doc):
    if doc.classification in ("none", ""):
        return ""
    css = "badge-overdue" if doc.is_classified else "badge-voided"
    period = f"★{doc.get_secrecy_period_display()}" if doc.secrecy_period else ""
    return format_html('<span class="badge {}">{}{}</span>', css, doc.get_classification_display(), period)


@register.simple_tag
def urgency_badge(doc):
    if doc.urgency == "normal":
        return ""
    css = "badge-overdue" if doc.urgency == "extra_urgent" else "badge-due-soon"
    return format_html('<span class="badge {}">{}</span>', css, doc.get_urgency_display())
