from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from office.reversing import pk_url, url_key
from office.templatetags.office_tags import badge, name_of, ymd, ymd_hm

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


# The registers' rows, written out here rather than by a template loop of twenty rows of nine
# cells and five tags on every page (issue 17: 1.1 → 0.6 ms a page), as the sidebar is
# (office.navigation): the markup of the loops they replaced, to the whitespace
# (tests/documents/test_register_rows.py keeps the loops and compares).
_INCOMING_ROW = """
      <tr{}>
        <td class="text-nowrap">{}</td>
        <td class="text-nowrap">{}</td>
        <td>{}</td>
        <td class="text-nowrap">{}</td>
        <td><a href="{}">{}</a> {} {}</td>
        <td>{}</td>
        <td>{}</td>
        <td class="text-nowrap">{}{}</td>
        <td>{}</td>
      </tr>
    """
_OUTGOING_ROW = """
      <tr>
        <td class="text-nowrap">{}</td>
        <td><a href="{}">{}</a> {} {}</td>
        <td>{}</td>
        <td>{}</td>
        <td>{}</td>
        <td>{}</td>
        <td class="text-nowrap">{}</td>
        <td class="text-nowrap">{}</td>
        <td>{}</td>
      </tr>
    """
_OVERDUE_ROW = mark_safe(' class="row-overdue"')
_OVERDUE_BADGE = mark_safe(' <span class="badge badge-overdue">逾期</span>')


@register.simple_tag
def incoming_rows(page, cleared):
    """收文登记簿's rows (documents/incoming_list.html)."""
    key = url_key()
    return format_html_join(
        "",
        _INCOMING_ROW,
        (
            (
                _OVERDUE_ROW if doc.is_overdue else "",
                doc.serial_number or "未登记",
                ymd_hm(template_localtime(doc.received_at)),
                doc.sender,
                doc.sender_number if cleared or not doc.is_classified else "—",
                pk_url("documents:incoming_detail", doc.pk, key),
                doc_title(doc, cleared),
                classification_badge(doc),
                urgency_badge(doc),
                doc.get_kind_display(),
                name_of(doc.lead_department) or "—",
                ymd(doc.deadline) or "—",
                _OVERDUE_BADGE if doc.is_overdue else "",
                status_badge(doc),
            )
            for doc in page
        ),
    )


@register.simple_tag
def outgoing_rows(page, cleared):
    """发文登记簿's rows (documents/outgoing_list.html)."""
    key = url_key()
    return format_html_join(
        "",
        _OUTGOING_ROW,
        (
            (
                doc.document_number or "—",
                pk_url("documents:outgoing_detail", doc.pk, key),
                doc_title(doc, cleared),
                classification_badge(doc),
                urgency_badge(doc),
                doc.get_kind_display(),
                name_of(doc.department),
                name_of(doc.drafter),
                name_of(doc.signer) or "—",
                ymd(doc.signed_on) or "—",
                ymd(doc.dispatched_on) or "—",
                status_badge(doc),
            )
            for doc in page
        ),
    )
