"""Archive (归档) by item (件), numbered in the DA/T 22-2015 pattern."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from office.audit import record_save
from office.numbering import next_serial
from office.services.common import lock

from ..choices import OutgoingStatus, OutgoingStepKind, Retention
from ..models import ArchiveItem, IncomingDocument, OutgoingDocument, OutgoingStep
from ..models.common import archive_sequence
from ..permissions import INCOMING_STEPS, OUTGOING_STEPS

CATEGORY_CODE = "WS"  # 文书


def fonds_code():
    return getattr(settings, "DOCUMENTS_FONDS_CODE", "X001")


def archive_number_text(fonds, category, year, retention, org, piece):
    # 全宗号-门类代码·年度-保管期限-机构代码-件号; the piece number has four digits.
    return f"{fonds}-{category}·{year}-{retention}-{org}-{piece:04d}"


def _create(
    *,
    actor,
    year,
    retention,
    department,
    title,
    responsible_body,
    document_number,
    document_date,
    pages,
    incoming=None,
    outgoing=None,
    archived_on=None,
):
    if retention not in Retention.values:
        raise ValidationError({"retention": "请选择保管期限：永久、30年或10年。"})
    if pages is not None and pages < 1:
        raise ValidationError({"pages": "页数至少为 1。"})
    fonds = fonds_code()
    org = department.archive_org_code  # configured per department, default the pinyin initials
    piece = next_serial(archive_sequence(f"{fonds}:{CATEGORY_CODE}:{retention}:{org}"), year)
    item = ArchiveItem(
        fonds_code=fonds,
        category_code=CATEGORY_CODE,
        year=year,
        retention=retention,
        org_code=org,
        piece_number=piece,
        archive_number=archive_number_text(fonds, CATEGORY_CODE, year, retention, org, piece),
        title=title[:200],
        responsible_body=responsible_body[:100],
        document_number=document_number[:60],
        document_date=document_date,
        pages=pages,
        department=department,
        incoming=incoming,
        outgoing=outgoing,
        archived_on=archived_on or timezone.localdate(),
        archived_by=actor,
    )
    record_save(item, actor=actor, reason="归档")
    return item


def outgoing_archive(*, actor, document: OutgoingDocument, retention: str, pages: int | None = None) -> ArchiveItem:
    """归档 of a dispatched outgoing document as one item."""
    with transaction.atomic():
        document = lock(document)
        OUTGOING_STEPS.check(actor, document, "archive")
        item = _create(
            actor=actor,
            year=document.number_year,
            retention=retention,
            department=document.department,
            title=document.title,
            responsible_body=getattr(settings, "DOCUMENTS_ISSUING_BODY", "本局"),
            document_number=document.document_number,
            document_date=document.signed_on,
            pages=pages,
            outgoing=document,
        )
        document.status = OutgoingStatus.ARCHIVED
        record_save(document, actor=actor, reason="归档", update_fields=["status", "updated_at"])
        OutgoingStep.objects.create(
            document=document, kind=OutgoingStepKind.ARCHIVE, actor=actor, opinion=item.archive_number
        )
    return item


def incoming_archive(*, actor, document: IncomingDocument, retention: str, pages: int | None = None) -> ArchiveItem:
    """归档 of a finished incoming document, filed under its lead department (or the office)."""
    with transaction.atomic():
        document = lock(document)
        INCOMING_STEPS.check(actor, document, "archive")
        department = document.lead_department or actor.department
        return _create(
            actor=actor,
            year=document.year,
            retention=retention,
            department=department,
            title=document.title,
            responsible_body=document.sender,
            document_number=document.sender_number,
            document_date=timezone.localtime(document.received_at).date(),
            pages=pages or document.pages,
            incoming=document,
        )
