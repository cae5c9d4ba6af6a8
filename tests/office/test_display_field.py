"""DisplayField (office/api/fields.py): a choice's label as CharField(source="get_…_display") gave it."""

from rest_framework import serializers

from documents.api.serializers import IncomingSerializer
from documents.choices import DocumentKind
from documents.models import IncomingDocument
from office.api.fields import DisplayField
from office.choices import DepartmentKind
from office.models import Department


class _Both(serializers.Serializer):
    label = DisplayField(source="get_kind_display")
    before = serializers.CharField(source="get_kind_display", read_only=True)
    through = DisplayField(source="parent.get_kind_display")


def test_the_label_is_the_one_charfield_gave():
    parent = Department(name="办公室", kind=DepartmentKind.SECTION)
    for kind in [*DepartmentKind.values, "not-a-choice"]:
        data = _Both(Department(name="规划科", kind=kind, parent=parent)).data
        assert data["label"] == data["before"]
        assert data["through"] == str(DepartmentKind.SECTION.label)
    assert _Both().fields["label"].read_only


def test_the_register_api_gives_the_labels():
    fields = IncomingSerializer().fields
    assert isinstance(fields["kind_display"], DisplayField) and isinstance(fields["status_display"], DisplayField)
    document = IncomingDocument(kind=DocumentKind.NOTICE)
    assert fields["kind_display"].to_representation(fields["kind_display"].get_attribute(document)) == "通知"
