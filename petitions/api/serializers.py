from rest_framework import serializers

from office.api.fields import ActionsField, DateField, DateTimeField, MaskedField
from office.models import Department, User

from .. import permissions as perms
from ..choices import Channel, DutyLogKind, ReceptionActivity, ReceptionKind, ReviewResult, Satisfaction, Subject
from ..models import (
    DutyAssignment,
    DutyDay,
    DutyLog,
    DutySwap,
    Patrol,
    Petition,
    Petitioner,
    Reception,
    ReceptionItem,
    ReceptionVisitor,
)


def _sees(viewer, obj):
    return perms.sees_petitioner(viewer)


class PetitionerSerializer(serializers.ModelSerializer):
    name = MaskedField(kind="name", allowed=_sees)
    id_number = MaskedField(kind="id_number", allowed=_sees)
    phone = MaskedField(kind="phone", allowed=_sees)
    address = MaskedField(kind="address", allowed=_sees)

    class Meta:
        model = Petitioner
        fields = ["id", "name", "id_number", "phone", "address"]


class PetitionListSerializer(serializers.ModelSerializer):
    petitioners = PetitionerSerializer(many=True, read_only=True)
    clock_deadline = DateField(read_only=True, help_text="当前时限（运行中的督办事项）")
    handling_department = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Petition
        fields = [
            "id",
            "number",
            "channel",
            "received_on",
            "persons",
            "subject",
            "title",
            "status",
            "is_repeat",
            "route",
            "handling_department",
            "transferred_to",
            "due_on",
            "clock_deadline",
            "petitioners",
        ]


class PetitionSerializer(PetitionListSerializer):
    actions = ActionsField(perms.petition_actions)
    handler = serializers.StringRelatedField(allow_null=True)
    extension_approved_by = serializers.StringRelatedField(allow_null=True)

    class Meta(PetitionListSerializer.Meta):
        fields = PetitionListSerializer.Meta.fields + [
            "content",
            "request",
            "higher_body",
            "repeat_of",
            "same_facts_as",
            "decided_on",
            "decision_note",
            "handler",
            "accepted_on",
            "extension_days",
            "extension_reason",
            "extension_approved_by",
            "extended_on",
            "replied_on",
            "reply",
            "satisfaction",
            "review_requested_on",
            "review_decided_on",
            "review_result",
            "review_note",
            "re_review_requested_on",
            "re_review_decided_on",
            "re_review_result",
            "re_review_note",
            "closed_on",
            "voided_at",
            "void_reason",
            "actions",
        ]


class PetitionerInput(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)


class PetitionCreateSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=Channel.choices)
    received_on = DateField()
    persons = serializers.IntegerField(min_value=1, required=False)
    subject = serializers.ChoiceField(choices=Subject.choices, default=Subject.OTHER)
    title = serializers.CharField(max_length=200)
    content = serializers.CharField()
    request = serializers.CharField(required=False, allow_blank=True, default="")
    higher_body = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    same_facts_as = serializers.PrimaryKeyRelatedField(queryset=Petition.objects.all(), required=False, allow_null=True)
    petitioners = PetitionerInput(many=True)


class PetitionsOnSerializer(serializers.Serializer):
    on = DateField()


class PetitionTransferSerializer(PetitionsOnSerializer):
    transferred_to = serializers.CharField(max_length=100)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PetitionAssignSerializer(PetitionsOnSerializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.filter(is_active=True))
    handler = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PetitionNoteSerializer(PetitionsOnSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PetitionExtendSerializer(serializers.Serializer):
    days = serializers.IntegerField()
    reason = serializers.CharField(max_length=200)


class PetitionReplySerializer(PetitionsOnSerializer):
    reply = serializers.CharField()


class PetitionDecisionSerializer(PetitionsOnSerializer):
    result = serializers.ChoiceField(choices=ReviewResult.choices)
    note = serializers.CharField()


class PetitionSatisfactionSerializer(serializers.Serializer):
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)


class PetitionsReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class ReceptionVisitorSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReceptionVisitor
        fields = ["name", "post"]


class ReceptionItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReceptionItem
        fields = ["date", "activity", "description", "place", "cost"]


class ReceptionListSerializer(serializers.ModelSerializer):
    visitors_total = serializers.IntegerField(read_only=True)
    cost = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)

    class Meta:
        model = Reception
        fields = [
            "id",
            "kind",
            "event_name",
            "visiting_unit",
            "purpose",
            "start_date",
            "end_date",
            "place",
            "visitors_total",
            "meal_companions",
            "cost",
            "status",
        ]


class ReceptionSerializer(ReceptionListSerializer):
    visitors = ReceptionVisitorSerializer(many=True, read_only=True)
    items = ReceptionItemSerializer(many=True, read_only=True)
    approved_by = serializers.StringRelatedField(allow_null=True)
    actions = ActionsField(perms.reception_actions)

    class Meta(ReceptionListSerializer.Meta):
        fields = ReceptionListSerializer.Meta.fields + [
            "letter_document",
            "letter_number",
            "has_meals",
            "has_lodging",
            "has_meeting",
            "has_inspection",
            "approved_by",
            "approved_on",
            "completed_on",
            "visitors",
            "items",
            "actions",
        ]


class ReceptionItemInput(serializers.Serializer):
    date = DateField(required=False)
    activity = serializers.ChoiceField(choices=ReceptionActivity.choices)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    place = serializers.CharField(required=False, allow_blank=True, default="")
    cost = serializers.DecimalField(max_digits=10, decimal_places=2)


class ReceptionCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReceptionKind.choices, default=ReceptionKind.ROUTINE)
    event_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    visiting_unit = serializers.CharField(max_length=100)
    letter_document = serializers.PrimaryKeyRelatedField(
        queryset=Reception._meta.get_field("letter_document").related_model.objects.all(),
        required=False,
        allow_null=True,
    )
    letter_scan = serializers.FileField(required=False, allow_null=True)
    letter_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=200)
    start_date = DateField()
    end_date = DateField()
    place = serializers.CharField(max_length=100)
    visitors = ReceptionVisitorSerializer(many=True)
    has_meals = serializers.BooleanField(default=False)
    has_lodging = serializers.BooleanField(default=False)
    has_meeting = serializers.BooleanField(default=False)
    has_inspection = serializers.BooleanField(default=False)
    meal_companions = serializers.IntegerField(min_value=0, default=0)
    items = ReceptionItemInput(many=True, required=False, default=list)
    cost = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)


class ReceptionCompleteSerializer(PetitionsOnSerializer):
    cost = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)
    meal_companions = serializers.IntegerField(min_value=0, required=False, allow_null=True)


class DutyAssignmentSerializer(serializers.ModelSerializer):
    person = serializers.StringRelatedField()

    class Meta:
        model = DutyAssignment
        fields = ["id", "person", "person_id", "role"]


class DutyDaySerializer(serializers.ModelSerializer):
    assignments = DutyAssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = DutyDay
        fields = ["id", "date", "is_holiday", "holiday_name", "note", "assignments"]


class DutyGenerateSerializer(serializers.Serializer):
    first = DateField()
    last = DateField()
    leaders = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), many=True)
    staff = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), many=True)
    staff_per_day = serializers.IntegerField(min_value=1, default=1)
    holiday_staff_per_day = serializers.IntegerField(min_value=1, default=2)


class PatrolSerializer(serializers.ModelSerializer):
    inspector = serializers.StringRelatedField()
    rectification_owner = serializers.StringRelatedField(allow_null=True)
    actions = ActionsField(perms.patrol_actions)

    class Meta:
        model = Patrol
        fields = [
            "id",
            "date",
            "inspector",
            "companions",
            "areas",
            "findings",
            "hazard",
            "rectification_status",
            "rectification_owner",
            "rectification_deadline",
            "rectified_on",
            "rectification_note",
            "actions",
        ]


class PatrolCreateSerializer(serializers.Serializer):
    date = DateField()
    areas = serializers.CharField(max_length=200)
    companions = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    findings = serializers.CharField(required=False, allow_blank=True, default="")
    hazard = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    deadline = DateField(required=False, allow_null=True)


class PatrolRectifySerializer(PetitionsOnSerializer):
    note = serializers.CharField()


class DutySwapSerializer(serializers.ModelSerializer):
    date = DateField(source="assignment.day.date", read_only=True)
    counter_date = DateField(source="counter_assignment.day.date", read_only=True, allow_null=True)
    requester = serializers.StringRelatedField()
    substitute = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField(allow_null=True)
    actions = ActionsField(perms.swap_actions)

    class Meta:
        model = DutySwap
        fields = [
            "id",
            "assignment",
            "date",
            "counter_assignment",
            "counter_date",
            "requester",
            "substitute",
            "reason",
            "status",
            "decided_by",
            "decided_at",
            "actions",
        ]


class DutySwapCreateSerializer(serializers.Serializer):
    assignment = serializers.PrimaryKeyRelatedField(queryset=DutyAssignment.objects.select_related("day"))
    substitute = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    counter_assignment = serializers.PrimaryKeyRelatedField(
        queryset=DutyAssignment.objects.select_related("day"), required=False, allow_null=True
    )
    reason = serializers.CharField(max_length=200)


class DutyLogSerializer(serializers.ModelSerializer):
    recorded_by = serializers.StringRelatedField()
    date = DateField(source="day.date", read_only=True)

    class Meta:
        model = DutyLog
        fields = ["id", "date", "occurred_at", "kind", "caller", "content", "action_taken", "handover", "recorded_by"]


class DutyLogCreateSerializer(serializers.Serializer):
    date = DateField()
    occurred_at = DateTimeField()
    kind = serializers.ChoiceField(choices=DutyLogKind.choices, default=DutyLogKind.CALL)
    caller = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    content = serializers.CharField()
    action_taken = serializers.CharField(required=False, allow_blank=True, default="")
    handover = serializers.CharField(required=False, allow_blank=True, default="")
