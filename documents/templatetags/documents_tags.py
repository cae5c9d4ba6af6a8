from django import template

from office.templatetags.office_tags import badge

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
    return badge(STATUS_CLASSES.get(record.status, "badge-open"), record.get_status_display())


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
    return badge(css, f"{doc.get_classification_display()}{period}")


@register.simple_tag
def urgency_badge(doc):
    if doc.urgency == "normal":
        return ""
    css = "badge-overdue" if doc.urgency == "extra_urgent" else "badge-due-soon"
    return badge(css, doc.get_urgency_display())
