"""Serializer fields shared by every app's API."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..masking import shown


@extend_schema_field({"type": "string"})
class MaskedField(serializers.Field):
    """A personal-data field: the value for a viewer the policy allows, masked for anyone else.

    `allowed(viewer, obj)` is the owning app's policy; the field is read-only."""

    def __init__(self, *, kind, allowed, **kwargs):
        kwargs["read_only"] = True
        kwargs.setdefault("source", "*")
        self.kind = kind
        self.allowed = allowed
        self.attribute = kwargs.pop("attribute", None)
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.attribute = self.attribute or field_name

    def to_representation(self, obj):
        viewer = self.context["request"].user
        value = getattr(obj, self.attribute)
        result = shown(value, self.kind, self.allowed(viewer, obj))
        return result if isinstance(result, str) or result is None else str(result)


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class ActionsField(serializers.Field):
    """The actions the requesting user may take on the record now, from the entity's one
    `<entity>_actions(user, record)` decision, so a client shows the same buttons as the page."""

    def __init__(self, actions, **kwargs):
        self.actions_function = actions
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        kwargs.setdefault("help_text", "当前用户此刻可执行的操作")
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return sorted(self.actions_function(self.context["request"].user, obj))


@extend_schema_field({"type": "string", "nullable": True})
class NextActionField(serializers.Field):
    """The one step a client should offer first (the page's 下一步): the first of the entity's
    step table, in its order, that the user may take and that is not set aside (作废, 退回 …);
    null when there is none. `StepTable.arrange` decides it for the page and here alike."""

    def __init__(self, actions, steps, **kwargs):
        self.actions_function = actions
        self.steps = steps
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        kwargs.setdefault("help_text", "建议当前用户下一步执行的操作（无则为 null）")
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return self.steps.arrange(self.actions_function(self.context["request"].user, obj))[0]


class DateField(serializers.DateField):
    """A date in the API: a day that does not exist (2021-02-30) is told as such (office.dates).
    Every ModelSerializer's date fields are this one (office.apps)."""

    def to_internal_value(self, value):
        from rest_framework.exceptions import ValidationError

        from ..dates import impossible_date_message

        try:
            return super().to_internal_value(value)
        except ValidationError:
            message = impossible_date_message(value)
            if message:
                raise ValidationError(message, code="impossible") from None
            raise


# Times people type are within the republic's years: a time in year 654 is a typing error, and
# zone rules before 1901 give offsets such as +08:05:43 that no client parses.
YEAR_RANGE = (1949, 2100)


class DateTimeField(serializers.DateTimeField):
    """A time in the API, within YEAR_RANGE (a Chinese message naming the field otherwise).
    Every ModelSerializer's time fields are this one (office.apps)."""

    def to_internal_value(self, value):
        from rest_framework.exceptions import ValidationError

        result = super().to_internal_value(value)
        low, high = YEAR_RANGE
        if not low <= result.year <= high:
            raise ValidationError(f"时间须在{low}年到{high}年之间。", code="out_of_range")
        return result


class DisplayField(serializers.CharField):
    """A choice's label, `get_<field>_display()`, read-only: what CharField(source="get_kind_display")
    gives, without DRF's inspect.signature of the bound method on every row to see whether it
    may be called (about 0.1 ms a field a row: a fifth of a list's serialisation, issue 17)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        *path, method = self.source_attrs
        for name in path:
            instance = getattr(instance, name)
        return getattr(instance, method)()
