"""The one way services save official records: validated, with who and why in the history."""


def record_save(instance, *, actor, reason="", update_fields=None, validate=True, exclude=None):
    """Validates and saves `instance`, attributing the history row to `actor` with `reason`.

    Services call this instead of save() so that every change to an official record says
    who made it, whatever the entry point (page, API, task)."""
    if validate:
        instance.full_clean(exclude=exclude)
    instance._history_user = actor
    instance._change_reason = reason[:100] if reason else ""
    instance.save(update_fields=update_fields)
    return instance
