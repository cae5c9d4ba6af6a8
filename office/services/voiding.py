"""Voiding (作废) of any official record: the one service every app's `<entity>_void` calls."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..audit import record_save
from .common import lock, required_text
from .supervision import supervised_items_void_for_source


def record_void(*, actor, record, reason: str, noun: str = "记录", check=None, after=None, public_reason=None):
    """Voids `record` (a VoidableModel) with a reason, keeping it on record, and voids the open
    supervised items it opened. Returns the record re-read under its lock.

    `check(record)` runs on the locked row before anything is written and raises to refuse
    (who may void, which states may be voided: the entity's own rules); `after(record)` runs
    after the save, in the same transaction (a step record of the app's own). `public_reason`
    replaces the reason where people who may not read it see it (the supervised items), e.g.
    for a classified document."""
    reason = required_text(reason, "reason", "作废原因")
    with transaction.atomic():
        record = lock(record)
        if record.is_voided:
            raise ValidationError({"status": f"该{noun}已作废，不能再次作废。"})
        if check is not None:
            check(record)
        record.voided_at = timezone.now()
        record.voided_by = actor
        record.void_reason = reason[:200]
        fields = ["voided_at", "voided_by", "void_reason"]
        if record.VOID_STATUS is not None:
            record.status = record.VOID_STATUS
            fields.append("status")
        if hasattr(record, "updated_at"):
            fields.append("updated_at")
        record_save(record, actor=actor, reason="作废", update_fields=fields, validate=False)
        shown = reason if public_reason is None else public_reason
        supervised_items_void_for_source(actor=actor, source=record, reason=f"{noun}作废：{shown}")
        if after is not None:
            after(record)
    return record
