"""What only the documents' services need: the record of refused classified content. The rest
(permission, state, required text, locks, serials) is office.services.common and office.numbering."""

from office.models import AuditEvent
from office.services.audit_log import audit

from ..models import AccessLog


def log_refusal(*, actor, detail, incoming=None, outgoing=None):
    """Records that classified content was refused. Callers log before their own
    transaction.atomic block and raise afterwards, so the record survives the refusal."""
    document = incoming or outgoing
    audit(AuditEvent.CLASSIFIED_REFUSED, user=actor, target=document_label(document), detail=detail)
    return AccessLog.objects.create(
        actor=actor, action=AccessLog.REFUSED, incoming=incoming, outgoing=outgoing, detail=detail[:300]
    )


def content_for(document, recipient, text):
    """Free text about `document` (an opinion, a reason) for a place only `recipient` reads, a
    notification: the text itself, or for a classified document and a recipient without
    clearance a note to read it in the system (documents.permissions.sees_content)."""
    from ..choices import CLASSIFIED_CONTENT
    from ..permissions import sees_content

    if not text or sees_content(recipient, document):
        return text
    return CLASSIFIED_CONTENT


def public_content(document, text, replacement):
    """Free text about `document` for places anyone who sees the record reads (a supervised
    item's note): `replacement` for a classified document."""
    return replacement if document.is_classified else text


def document_label(document):
    """How the audit log names a document: its kind, number and id, never a classified title."""
    if document is None:
        return ""
    if document._meta.model_name == "instruction":
        return f"领导批示 #{document.pk}（所批：{document_label(document.incoming) if document.incoming_id else '无'}）"
    kind = "收文" if document._meta.model_name == "incomingdocument" else "发文"
    number = getattr(document, "serial_number", "") or getattr(document, "document_number", "") or "未编号"
    return f"{kind} {number}（#{document.pk}，{document.get_classification_display()}）"


def log_classified_read(*, actor, document, what):
    """Records that a person read a classified (秘密 and above) document: its page, its record in
    the API, its printed slip. Other documents are not sensitive reads and leave no row."""
    if getattr(document, "is_classified", False):
        from ..permissions import has_clearance

        cleared = "有涉密权限" if has_clearance(actor) else "无涉密权限，仅见登记信息"
        audit(AuditEvent.SENSITIVE_READ, user=actor, target=document_label(document), detail=f"{what}（{cleared}）")
