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


IGNORED_FIELDS = {"updated_at", "created_at", "id"}


def history_with_changes(instance, limit=20):
    """The latest history rows of a record, newest first, each with the fields it changed.

    Consecutive rows are compared in memory (simple_history's diff_against would query for
    every row's predecessor), and the related records the changes name are read with one
    query per related model. Each row gets `changes`: [(label, old, new)]."""
    rows = list(instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    fields = [f for f in instance._meta.concrete_fields if f.attname not in IGNORED_FIELDS]
    raw = []
    wanted = {}
    for newer, older in zip(rows, rows[1:] + [None], strict=False):
        changed = []
        if older is not None:
            for field in fields:
                before, after = getattr(older, field.attname), getattr(newer, field.attname)
                if before != after:
                    changed.append((field, before, after))
                    if field.is_relation:
                        wanted.setdefault(field.related_model, set()).update(v for v in (before, after) if v)
        raw.append((newer, changed))
    names = {
        model: {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=ids)} for model, ids in wanted.items()
    }
    for row, changed in raw:
        row.changes = [
            (field.verbose_name, _display(field, old, names), _display(field, new, names))
            for field, old, new in changed
        ]
    return [row for row, _changed in raw][:limit]


def _display(field, value, names):
    if value is None or value == "":
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        return names.get(field.related_model, {}).get(value, f"#{value}")
    return value
