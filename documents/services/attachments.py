"""Attachments: size limit, a type allow-list checked on the content (not the name), SHA-256,
refused for classified documents (with the refusal recorded); downloads are logged."""

import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from office.audit import record_save
from office.queueing import queue_after_commit
from office.uploads import check_upload

from .. import permissions
from ..choices import OutgoingStatus, TextStatus
from ..models import AccessLog, Attachment, IncomingDocument
from .common import log_refusal

CLASSIFIED_MESSAGE = "涉密文件（秘密及以上）不得上传附件。涉密内容请按保密规定线下处理。"


def max_bytes():
    return getattr(settings, "DOCUMENTS_ATTACHMENT_MAX_MB", 20) * 1024 * 1024


def _check(upload):
    return check_upload(upload, max_bytes=max_bytes(), noun="附件")


def may_attach(user, document):
    if isinstance(document, IncomingDocument):
        return permissions.can_manage_incoming(user)
    return permissions.can_manage_outgoing(user) or (
        document.status in (OutgoingStatus.DRAFT, OutgoingStatus.RETURNED)
        and permissions.can_edit_draft(user, document)
    )


def attachment_add(*, actor, document, upload) -> Attachment:
    """Adds a file to an incoming or outgoing document."""
    if not may_attach(actor, document):
        raise PermissionDenied("您不能为此文件上传附件。")
    if document.status in ("voided", "archived"):
        raise ValidationError({"status": f"文件当前状态为“{document.get_status_display()}”，不能上传附件。"})
    is_incoming = isinstance(document, IncomingDocument)
    if document.is_classified:
        # Logged outside any transaction, so the record of the refusal stays.
        log_refusal(
            actor=actor,
            incoming=document if is_incoming else None,
            outgoing=None if is_incoming else document,
            detail=f"拒绝上传涉密文件附件：{getattr(upload, 'name', '')[:100]}",
        )
        raise ValidationError({"file": CLASSIFIED_MESSAGE})
    if upload is None:
        raise ValidationError({"file": "请选择文件。"})
    kind, sha256 = _check(upload)
    with transaction.atomic():
        attachment = Attachment(
            incoming=document if is_incoming else None,
            outgoing=None if is_incoming else document,
            original_name=os.path.basename(upload.name)[:200],
            size=upload.size,
            sha256=sha256,
            file_type=kind,
            uploaded_by=actor,
            text_status=TextStatus.PENDING,
        )
        attachment.file.save(f"{sha256[:16]}{os.path.splitext(upload.name)[1].lower()}", upload, save=False)
        record_save(attachment, actor=actor, reason="上传附件")
        # The text is taken once, by a worker, after the commit (documents/services/extraction.py).
        from ..tasks import attachment_extract_text

        queue_after_commit(attachment_extract_text, attachment.pk)
    return attachment


def attachment_log_download(*, actor, attachment) -> AccessLog:
    """Every download is recorded (who, when, which file), here and in the audit log."""
    from office.models import AuditEvent
    from office.services.audit_log import audit

    from .common import document_label

    audit(
        AuditEvent.DOWNLOAD,
        user=actor,
        target=document_label(document_of(attachment)),
        detail=f"附件：{attachment.original_name}",
    )
    return AccessLog.objects.create(
        actor=actor,
        action=AccessLog.DOWNLOAD,
        incoming_id=attachment.incoming_id,
        outgoing_id=attachment.outgoing_id,
        attachment=attachment,
        detail=attachment.original_name,
    )


def document_of(attachment):
    return attachment.incoming if attachment.incoming_id else attachment.outgoing
