"""What every service of every app needs before it writes: permission, state, required text,
and the row re-read under a lock. Services raise; the API and the pages map the errors once
(office/errors.py)."""

from django.core.exceptions import PermissionDenied, ValidationError


def require(condition, message):
    """A refusal of who is asking (403): the message says what they may not do."""
    if not condition:
        raise PermissionDenied(message)


def require_action(actions, name, message):
    """A refusal decided by the entity's one `<entity>_actions(user, record)` table."""
    require(name in actions, message)


def require_state(record, allowed, action, noun="记录", field="status", error_field="status"):
    """A step not allowed from the record's current state: a 400 naming the state, not a 403."""
    value = getattr(record, field)
    if value not in allowed:
        display = getattr(record, f"get_{field}_display", lambda: value)()
        raise ValidationError({error_field: f"{noun}当前状态为“{display}”，不能{action}。"})


def required_text(value, field, label):
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"请填写{label}。"})
    return value


def lock(instance):
    """The row re-read under a lock (SELECT … FOR UPDATE), so two people taking a step at once
    cannot both succeed. Call inside transaction.atomic."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)
