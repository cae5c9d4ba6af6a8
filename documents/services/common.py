"""Helpers every documents service uses: state checks, required text, locked counters."""

from django.core.exceptions import PermissionDenied, ValidationError

from ..models import AccessLog, Counter


def require(condition, message):
    if not condition:
        raise PermissionDenied(message)


def require_state(document, allowed, action, noun):
    # A step not allowed from the current state is a 400 with the reason, not a 403.
    if document.status not in allowed:
        raise ValidationError({"status": f"{noun}当前状态为“{document.get_status_display()}”，不能{action}。"})


def required_text(value, field, label):
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"请填写{label}。"})
    return value


def lock(model, instance):
    """Re-reads the row under a lock, so two people taking a step at once cannot both succeed."""
    return model.objects.select_for_update().get(pk=instance.pk)


def next_serial(key: str, year: int) -> int:
    """The next number of a per-year counter, taken under a row lock (never max()+1).

    The row is created without a race (INSERT … ON CONFLICT DO NOTHING), then locked until the
    caller's transaction ends; a rollback gives the number back, so numbers stay gap-free."""
    Counter.objects.bulk_create([Counter(key=key, year=year)], ignore_conflicts=True)
    counter = Counter.objects.select_for_update().get(key=key, year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


def log_refusal(*, actor, detail, incoming=None, outgoing=None):
    """Records that classified content was refused. Callers log before their own
    transaction.atomic block and raise afterwards, so the record survives the refusal."""
    return AccessLog.objects.create(
        actor=actor, action=AccessLog.REFUSED, incoming=incoming, outgoing=outgoing, detail=detail[:300]
    )
