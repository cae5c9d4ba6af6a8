from django.contrib.auth import get_user_model
from rest_framework import serializers

from office.api.fields import ActionsField, DateField, DateTimeField, DisplayField, NextActionField
from office.models import Department

from .. import permissions
from ..choices import (
    CLASSIFIED_TITLE,
    Classification,
    Disclosure,
    DocumentKind,
    HandlingType,
    ProposalKind,
    ProposalResult,
    PublicityChannel,
    Retention,
    Satisfaction,
    SecrecyPeriod,
    Urgency,
)
from ..models import (
    CirculationReader,
    Countersign,
    IncomingDocument,
    IncomingStep,
    IssuingCode,
    OutgoingDocument,
    OutgoingStep,
)
from ..permissions import has_clearance

User = get_user_model()


class _Masked(serializers.ModelSerializer):
    """Classified metadata (title, numbers) and content (the free text: remarks, opinions, reasons;
    documents.permissions.sees_content) only for users with clearance; for anyone else the title
    is 涉密件 and the other fields are empty strings."""

    MASKED = ("title",)
    # Free text of the record itself, and of its nested rows (field: the text fields of each row).
    CONTENT = ("remarks", "sign_opinion", "void_reason")
    NESTED_CONTENT = {"steps": ("opinion",), "readers": ("opinion",), "countersigns": ("opinion",)}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.is_classified and not has_clearance(self.context["request"].user):
            for name in self.MASKED:
                if name in data:
                    data[name] = CLASSIFIED_TITLE if name == "title" else ""
            for name in self.CONTENT:
                if name in data:
                    data[name] = ""
            for name, fields in self.NESTED_CONTENT.items():
                for row in data.get(name) or []:
                    for field in fields:
                        if field in row:
                            row[field] = ""
        return data


class IncomingStepSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)
    kind_display = DisplayField(source="get_kind_display")
    actor_name = serializers.CharField(source="actor.name", read_only=True)

    class Meta:
        model = IncomingStep
        fields = ["id", "kind", "kind_display", "actor", "actor_name", "opinion", "created_at"]


class ReaderSerializer(serializers.ModelSerializer):
    reader_name = serializers.CharField(source="reader.name", read_only=True)

    class Meta:
        model = CirculationReader
        fields = ["reader", "reader_name", "sent_at", "read_at", "opinion"]


class IncomingSerializer(_Masked):
    MASKED = ("title", "sender_number")
    status = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    status_display = DisplayField(source="get_status_display")
    kind_display = DisplayField(source="get_kind_display")
    lead_department_name = serializers.CharField(source="lead_department.name", read_only=True, default="")
    is_overdue = serializers.BooleanField(read_only=True, default=False)

    class Meta:
        model = IncomingDocument
        fields = [
            "id",
            "serial_number",
            "year",
            "serial",
            "sender",
            "sender_number",
            "title",
            "kind",
            "kind_display",
            "classification",
            "secrecy_period",
            "copy_number",
            "custodian",
            "urgency",
            "copies",
            "pages",
            "received_at",
            "deadline",
            "handling_type",
            "status",
            "status_display",
            "lead_department",
            "lead_department_name",
            "responsible",
            "instructing_leader",
            "is_overdue",
            "void_reason",
            "remarks",
        ]


class IncomingDetailSerializer(IncomingSerializer):
    steps = IncomingStepSerializer(many=True, read_only=True)
    readers = ReaderSerializer(many=True, read_only=True)
    co_departments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    actions = ActionsField(permissions.incoming_actions)
    next_action = NextActionField(permissions.incoming_actions, permissions.INCOMING_STEPS)

    class Meta(IncomingSerializer.Meta):
        fields = [*IncomingSerializer.Meta.fields, "co_departments", "steps", "readers", "actions", "next_action"]


class IncomingReceiveSerializer(serializers.Serializer):
    sender = serializers.CharField(max_length=100, label="来文单位")
    sender_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    title = serializers.CharField(max_length=200, label="标题")
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.NOTICE, label="文种")
    classification = serializers.ChoiceField(choices=Classification.choices, default=Classification.NONE)
    secrecy_period = serializers.ChoiceField(choices=SecrecyPeriod.choices, required=False, default="")
    copy_number = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    custodian = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    copies = serializers.IntegerField(min_value=1, default=1, label="份数")
    pages = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None, label="页数")
    received_at = DateTimeField(required=False, allow_null=True, default=None, label="收文时间")
    deadline = DateField(required=False, allow_null=True, default=None, label="办理时限")
    remarks = serializers.CharField(required=False, allow_blank=True, default="")
    hide_title = serializers.BooleanField(required=False, default=False)
    register = serializers.BooleanField(required=False, default=True)


class OpinionSerializer(serializers.Serializer):
    opinion = serializers.CharField(required=False, allow_blank=True, default="", label="意见")


class RequiredOpinionSerializer(serializers.Serializer):
    opinion = serializers.CharField(label="意见")


class ReviewSerializer(serializers.Serializer):
    accept = serializers.BooleanField(label="初审通过")
    opinion = serializers.CharField(required=False, allow_blank=True, default="", label="意见/退回理由")


class ProposeSerializer(serializers.Serializer):
    opinion = serializers.CharField(label="拟办意见")
    handling_type = serializers.ChoiceField(choices=HandlingType.choices, default=HandlingType.ACTION)
    instructing_leader = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )


class AssignSerializer(serializers.Serializer):
    lead_department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.filter(is_active=True))
    co_departments = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), many=True, required=False, default=list
    )
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    deadline = DateField(required=False, allow_null=True, default=None)
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class CirculateSerializer(serializers.Serializer):
    readers = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), many=True)


class DocumentUrgeSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="", label="催办意见")


class DocumentReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(label="原因")


class OutgoingStepSerializer(IncomingStepSerializer):
    class Meta(IncomingStepSerializer.Meta):
        model = OutgoingStep


class CountersignSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = Countersign
        fields = ["department", "department_name", "signed_by", "signed_at", "opinion"]


class OutgoingSerializer(_Masked):
    MASKED = ("title", "body")
    status = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    status_display = DisplayField(source="get_status_display")
    department_name = serializers.CharField(source="department.name", read_only=True)
    drafter_name = serializers.CharField(source="drafter.name", read_only=True)
    reviewer_name = serializers.CharField(source="reviewer.name", read_only=True, default=None, allow_null=True)
    signing_leader_name = serializers.CharField(
        source="signing_leader.name", read_only=True, default=None, allow_null=True
    )
    disclosure_display = DisplayField(source="get_disclosure_display")

    class Meta:
        model = OutgoingDocument
        fields = [
            "id",
            "document_number",
            "issuing_code",
            "number_year",
            "number_serial",
            "title",
            "kind",
            "department",
            "department_name",
            "drafter",
            "drafter_name",
            "main_recipients",
            "cc_recipients",
            "classification",
            "secrecy_period",
            "urgency",
            "disclosure",
            "disclosure_display",
            "status",
            "status_display",
            "reviewer",
            "reviewer_name",
            "signing_leader",
            "signing_leader_name",
            "signer",
            "signed_on",
            "sign_opinion",
            "dispatched_on",
            "printed_copies",
            "void_reason",
            "created_at",
        ]


class OutgoingDetailSerializer(OutgoingSerializer):
    steps = OutgoingStepSerializer(many=True, read_only=True)
    countersigns = CountersignSerializer(many=True, read_only=True)
    actions = ActionsField(permissions.outgoing_actions)
    next_action = NextActionField(permissions.outgoing_actions, permissions.OUTGOING_STEPS)

    class Meta(OutgoingSerializer.Meta):
        fields = [
            *OutgoingSerializer.Meta.fields,
            "body",
            "attachment_names",
            "steps",
            "countersigns",
            "actions",
            "next_action",
        ]


class OutgoingDraftSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, label="标题")
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.NOTICE)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    main_recipients = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    cc_recipients = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    classification = serializers.ChoiceField(choices=Classification.choices, default=Classification.NONE)
    secrecy_period = serializers.ChoiceField(choices=SecrecyPeriod.choices, required=False, default="")
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    disclosure = serializers.ChoiceField(
        choices=Disclosure.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="公开属性：active 主动公开、on_request 依申请公开、not_public 不予公开；涉密文件只能不予公开",
    )
    body = serializers.CharField(required=False, allow_blank=True, default="")
    attachment_names = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="附件说明：每行一个附件名称；不填则按上传的附件文件名列出",
    )
    issuing_code = serializers.PrimaryKeyRelatedField(
        queryset=IssuingCode.objects.all(), required=False, allow_null=True, default=None
    )
    countersign_departments = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), many=True, required=False, default=list
    )
    reviewer = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
        help_text="核稿人：有核稿权限、且不是拟稿人本人",
    )
    signing_leader = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
        help_text="签发领导：可以签发的局领导",
    )


class SignSerializer(serializers.Serializer):
    opinion = serializers.CharField(label="签发意见")
    signed_on = DateField(required=False, allow_null=True, default=None)


class NumberSerializer(serializers.Serializer):
    issuing_code = serializers.PrimaryKeyRelatedField(
        queryset=IssuingCode.objects.all(), required=False, allow_null=True, default=None
    )


class DispatchSerializer(serializers.Serializer):
    dispatched_on = DateField(required=False, allow_null=True, default=None)
    printed_copies = serializers.IntegerField(min_value=1, label="印发份数")


class ArchiveSerializer(serializers.Serializer):
    retention = serializers.ChoiceField(choices=Retention.choices, label="保管期限")
    pages = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class ProposalSerializer(serializers.ModelSerializer):
    actions = ActionsField(permissions.proposal_actions)
    status = serializers.CharField(read_only=True)
    status_display = DisplayField(source="get_status_display")
    lead_department_name = serializers.CharField(source="lead_department.name", read_only=True)

    class Meta:
        from ..models import Proposal

        model = Proposal
        fields = [
            "id",
            "kind",
            "year",
            "number",
            "proposer",
            "title",
            "lead_department",
            "lead_department_name",
            "co_departments",
            "responsible",
            "assigned_on",
            "deadline",
            "reply",
            "replied_on",
            "result",
            "satisfaction",
            "status",
            "status_display",
            "void_reason",
            "actions",
        ]
        extra_kwargs = {"kind": {"read_only": True}, "result": {"read_only": True}, "satisfaction": {"read_only": True}}


class ProposalRegisterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ProposalKind.choices, label="类型")
    number = serializers.CharField(max_length=30, label="编号")
    proposer = serializers.CharField(max_length=100, label="代表/委员")
    title = serializers.CharField(max_length=200, label="标题")
    lead_department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.filter(is_active=True))
    co_departments = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), many=True, required=False, default=list
    )
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    year = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=2000, max_value=2100)
    assigned_on = DateField(required=False, allow_null=True, default=None)
    deadline = DateField(required=False, allow_null=True, default=None)


class ReplySerializer(serializers.Serializer):
    reply = serializers.CharField(label="答复内容")
    result = serializers.ChoiceField(choices=ProposalResult.choices, label="办理结果")
    replied_on = DateField(required=False, allow_null=True, default=None)


class RateSerializer(serializers.Serializer):
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices, label="满意度")


class InstructionSerializer(_Masked):
    """An instruction on a classified document: its texts are content (documents.permissions.sees_content)."""

    MASKED = ()
    CONTENT = ("text", "completion_note", "void_reason")

    actions = ActionsField(permissions.instruction_actions)
    status = serializers.CharField(read_only=True)
    status_display = DisplayField(source="get_status_display")
    leader_name = serializers.CharField(source="leader.name", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        from ..models import Instruction

        model = Instruction
        fields = [
            "id",
            "leader",
            "leader_name",
            "text",
            "instructed_on",
            "incoming",
            "department",
            "department_name",
            "responsible",
            "deadline",
            "status",
            "status_display",
            "completed_on",
            "completion_note",
            "void_reason",
            "actions",
        ]


class InstructionCreateSerializer(serializers.Serializer):
    text = serializers.CharField(label="批示内容")
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.filter(is_active=True))
    deadline = DateField(label="办结时限")
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    leader = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    instructed_on = DateField(required=False, allow_null=True, default=None)
    incoming = serializers.PrimaryKeyRelatedField(
        queryset=IncomingDocument.objects.all(), required=False, allow_null=True, default=None
    )


class CompleteInstructionSerializer(serializers.Serializer):
    note = serializers.CharField(label="落实情况")
    completed_on = DateField(required=False, allow_null=True, default=None)


class ArchiveItemSerializer(serializers.ModelSerializer):
    class Meta:
        from ..models import ArchiveItem

        model = ArchiveItem
        fields = [
            "id",
            "archive_number",
            "fonds_code",
            "category_code",
            "year",
            "retention",
            "org_code",
            "piece_number",
            "title",
            "responsible_body",
            "document_number",
            "document_date",
            "pages",
            "department",
            "incoming",
            "outgoing",
            "archived_on",
        ]


class PublicitySerializer(serializers.ModelSerializer):
    is_voided = serializers.BooleanField(read_only=True)

    class Meta:
        from ..models import PublicityItem

        model = PublicityItem
        fields = ["id", "channel", "published_on", "title", "link", "outlet", "department", "is_voided", "void_reason"]
        read_only_fields = fields


class PublicityCreateSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=PublicityChannel.choices, label="渠道")
    title = serializers.CharField(max_length=200, label="标题")
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.filter(is_active=True))
    published_on = DateField(required=False, allow_null=True, default=None)
    link = serializers.URLField(required=False, allow_blank=True, default="", max_length=300)
    outlet = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)


class AttachmentSerializer(serializers.ModelSerializer):
    text_status_display = DisplayField(source="get_text_status_display")

    class Meta:
        from ..models import Attachment

        model = Attachment
        fields = [
            "id",
            "incoming",
            "outgoing",
            "original_name",
            "size",
            "sha256",
            "file_type",
            "uploaded_by",
            "uploaded_at",
            "text_status",
            "text_status_display",
        ]


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(label="附件")


class BodyVersionSerializer(serializers.ModelSerializer):
    """一个正文版本（不含全文；比较差异用 versions/diff/）。"""

    step_display = DisplayField(source="get_step_display")
    source_display = DisplayField(source="get_source_display")
    created_by_name = serializers.CharField(source="created_by.name", read_only=True)
    text_status_display = DisplayField(source="get_text_status_display")
    download_url = serializers.SerializerMethodField()

    class Meta:
        from ..models import BodyVersion

        model = BodyVersion
        fields = [
            "id",
            "number",
            "step",
            "step_display",
            "source",
            "source_display",
            "original_name",
            "size",
            "sha256",
            "note",
            "created_by",
            "created_by_name",
            "created_at",
            "text_status",
            "text_status_display",
            "text_error",
            "download_url",
        ]

    def get_download_url(self, version) -> str | None:
        from django.urls import reverse

        return reverse("documents-version-download", args=[version.pk]) if version.file else None


class BodyVersionUploadSerializer(serializers.Serializer):
    file = serializers.FileField(label="正文（Word 文档 .docx）")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="", label="修改说明")


class VersionDiffRowSerializer(serializers.Serializer):
    tag = serializers.ChoiceField(choices=["equal", "replace", "delete", "insert"])
    left_no = serializers.IntegerField(allow_null=True)
    right_no = serializers.IntegerField(allow_null=True)
    left = serializers.ListField(child=serializers.ListField(), allow_null=True, help_text="[[文字, 是否改动], …]")
    right = serializers.ListField(child=serializers.ListField(), allow_null=True, help_text="[[文字, 是否改动], …]")


class VersionDiffSerializer(serializers.Serializer):
    old = BodyVersionSerializer()
    new = BodyVersionSerializer()
    counts = serializers.DictField(child=serializers.IntegerField())
    rows = VersionDiffRowSerializer(many=True)


class ImportCreatedSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text="写入的条数")


class InstructionCompletionSerializer(serializers.Serializer):
    """One year's completion of instructions (by the year they fell due)."""

    due_year = serializers.IntegerField(allow_null=True)
    total = serializers.IntegerField()
    completed = serializers.IntegerField()
    on_time = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text="办结率（%）")
    on_time_rate = serializers.FloatField(allow_null=True, help_text="按时办结率（%）")


class WaitingIncomingSerializer(IncomingSerializer):
    waiting_as = serializers.CharField(
        read_only=True, help_text="待登记、待初审、待拟办、待批办、待分办、待办结或传阅中"
    )

    class Meta(IncomingSerializer.Meta):
        fields = [*IncomingSerializer.Meta.fields, "waiting_as"]


class WaitingSerializer(serializers.Serializer):
    """公文待办：与“公文待办”页面相同的两张表。"""

    incoming = WaitingIncomingSerializer(many=True, read_only=True)
    outgoing = OutgoingSerializer(many=True, read_only=True)
