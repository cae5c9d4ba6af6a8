from django.db import models
from django.utils.choices import flatten_choices
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

# {model field: (its choices, {value: label})}, made on a field's first get_<field>_display().
_CHOICE_LABELS = {}


class ChoiceLabelsMixin:
    """get_<field>_display() from a table of the field's labels made once, not Django's dict of
    every choice made again on each call (2–4 µs: twice a row of a register, and of the API's lists,
    issue 17). The same answer: a value without a choice is shown as itself.

    Only choices given as a list are kept: those of a callable may differ from call to call, and a
    field given new choices (a test's) is seen by its new list."""

    def _get_FIELD_display(self, field):
        choices = field.choices
        if not isinstance(choices, list | tuple):
            return super()._get_FIELD_display(field)
        kept = _CHOICE_LABELS.get(field)
        if kept is None or kept[0] is not choices:
            kept = _CHOICE_LABELS[field] = (choices, dict(make_hashable(list(flatten_choices(choices)))))
        value = getattr(self, field.attname)
        return force_str(kept[1].get(make_hashable(value), value), strings_only=True)


class TimeStampedModel(ChoiceLabelsMixin, models.Model):
    """Creation and last-change times for every record of the office."""

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class VoidableModel(models.Model):
    """An official record that is voided (作废), never deleted: who, when and why stay on it.

    A model whose state lives in a `status` field names its voided value in VOID_STATUS, and
    office.services.voiding.record_void sets it too. Void through that service only: it also
    voids the open supervised items the record opened, and records history."""

    VOID_STATUS = None

    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    voided_by = models.ForeignKey(
        "office.User", verbose_name="作废人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_reason = models.CharField("作废原因", max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def is_voided(self):
        return self.voided_at is not None


class FieldConstraintsMixin:
    """Puts a violated database constraint's message (its Chinese `violation_error_message`) on
    the field a person typed, so a form shows it under the field and the API answers
    `{field: [message]}`: `CONSTRAINT_FIELDS = {constraint name: field name}`. A constraint not
    listed, or whose field the form does not have (ModelForm's exclude), stays a non-field error."""

    CONSTRAINT_FIELDS: dict[str, str] = {}

    def validate_constraints(self, exclude=None):
        from django.core.exceptions import ValidationError
        from django.db import router

        using = router.db_for_write(self.__class__, instance=self)
        errors = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    field = self.CONSTRAINT_FIELDS.get(constraint.name)
                    if field is None and getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                        field = constraint.fields[0]
                    if field is not None and not (exclude and field in exclude):
                        errors.setdefault(field, []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
