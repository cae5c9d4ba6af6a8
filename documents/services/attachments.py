"""Attachments: size limit, a type allow-list checked on the content (not the name), SHA-256,
refused for classified documents (with the refusal recorded); downloads are logged."""

import hashlib
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from office.audit import record_save

from .. import permissions
from ..choices import OutgoingStatus
from ..models import AccessLog, Attachment, IncomingDocument
from .common import log_refusal

CLASSIFIED_MESSAGE = "涉密文件（秘密及以上）不得上传附件。涉密内容请按保密规定线下处理。"
# type: (extensions allowed for it, label)
TYPES = {
    "pdf": ({".pdf"}, "PDF"),
    "ofd": ({".ofd"}, "OFD"),
    "docx": ({".docx"}, "Word"),
    "xlsx": ({".xlsx"}, "Excel"),
    "doc": ({".doc", ".xls", ".wps", ".et"}, "Office 97-2003"),
    "jpeg": ({".jpg", ".jpeg"}, "JPEG"),
    "png": ({".png"}, "PNG"),
}


def max_bytes():
    return getattr(settings, "DOCUMENTS_ATTACHMENT_MAX_MB", 20) * 1024 * 1024


def detect_type(head: bytes, name: str) -> str | None:
    """The file's type from its first bytes; zip containers are told apart by their entries."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def _zip_kind(upload):
    import zipfile

    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return None


def _well_formed(kind, upload) -> bool:
    """The whole file is what its first bytes claim: a PDF parses and has pages, an image
    decodes, an Office package has its content types. A polyglot (`%PDF-1.4` then an
    executable) starts right and fails here."""
    import zipfile

    upload.seek(0)
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            return len(PdfReader(upload, strict=False).pages) > 0
        if kind in ("jpeg", "png"):
            from PIL import Image

            with Image.open(upload) as image:
                image.verify()
            return True
        if kind in ("docx", "xlsx"):
            with zipfile.ZipFile(upload) as archive:
                return "[Content_Types].xml" in archive.namelist() and archive.testzip() is None
        if kind == "ofd":
            with zipfile.ZipFile(upload) as archive:
                return archive.testzip() is None
        return True  # OLE (doc/xls/wps): the signature is all we check
    except Exception:  # noqa: BLE001 - any parser failure means "not a valid file of this kind"
        return False
    finally:
        upload.seek(0)


def _check(upload):
    if upload.size > max_bytes():
        raise ValidationError({"file": f"附件不能超过 {max_bytes() // (1024 * 1024)} MB。"})
    if upload.size == 0:
        raise ValidationError({"file": "附件是空文件。"})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = detect_type(head, upload.name)
    if kind == "zip":
        kind = _zip_kind(upload)
    extension = os.path.splitext(upload.name)[1].lower()
    if kind is None:
        allowed = "、".join(label for _ext, label in TYPES.values())
        raise ValidationError({"file": f"不支持的文件类型。允许：{allowed}。"})
    if extension not in TYPES[kind][0]:
        raise ValidationError({"file": f"文件内容是 {TYPES[kind][1]}，与扩展名“{extension or '无'}”不符。"})
    if not _well_formed(kind, upload):
        raise ValidationError({"file": f"文件不是完整有效的 {TYPES[kind][1]} 文件（可能已损坏或是伪装的其他文件）。"})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return kind, digest.hexdigest()


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
        )
        attachment.file.save(f"{sha256[:16]}{os.path.splitext(upload.name)[1].lower()}", upload, save=False)
        record_save(attachment, actor=actor, reason="上传附件")
    return attachment


def attachment_log_download(*, actor, attachment) -> AccessLog:
    """Every download is recorded (who, when, which file)."""
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
