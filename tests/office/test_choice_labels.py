"""get_<field>_display() from a table made once per field (office.models.base.ChoiceLabelsMixin)
must answer what Django's own method answers, for every field with choices of every model."""

import pytest
from django.apps import apps
from django.db import models

from documents.choices import IncomingStatus
from documents.models import IncomingDocument, OutgoingDocument
from office.models.base import ChoiceLabelsMixin


def _fields_with_choices():
    for model in apps.get_models():
        if issubclass(model, ChoiceLabelsMixin):
            for field in model._meta.concrete_fields:
                if field.choices:
                    yield model, field


def _django(instance, field):
    return models.Model._get_FIELD_display(instance, field)


def test_the_documents_registers_use_the_table():
    assert issubclass(IncomingDocument, ChoiceLabelsMixin)
    assert issubclass(OutgoingDocument, ChoiceLabelsMixin)


@pytest.mark.parametrize(("model", "field"), list(_fields_with_choices()), ids=lambda v: getattr(v, "name", ""))
def test_every_label_is_djangos(model, field):
    instance = model()
    display = getattr(instance, f"get_{field.name}_display")
    values = [value for value, _label in field.flatchoices] + ["not-a-choice", None]
    for value in values:
        setattr(instance, field.attname, value)
        shown = display()
        assert shown == _django(instance, field), (field, value)
        assert type(shown) is type(_django(instance, field))


def test_a_field_given_new_choices_shows_the_new_labels(monkeypatch):
    field = IncomingDocument._meta.get_field("status")
    document = IncomingDocument(status=IncomingStatus.HANDLING)
    assert document.get_status_display() == IncomingStatus.HANDLING.label
    monkeypatch.setattr(field, "choices", [(IncomingStatus.HANDLING.value, "办理中（新）")])
    assert document.get_status_display() == "办理中（新）"


def test_choices_from_a_callable_are_asked_each_time(monkeypatch):
    field = IncomingDocument._meta.get_field("status")
    labels = iter(["第一次", "第二次"])
    monkeypatch.setattr(field, "choices", lambda: [(IncomingStatus.HANDLING.value, next(labels))])
    document = IncomingDocument(status=IncomingStatus.HANDLING)
    assert [document.get_status_display(), document.get_status_display()] == ["第一次", "第二次"]
