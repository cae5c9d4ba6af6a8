from rest_framework import serializers

from office.api.fields import ActionsField, DateField, DateTimeField, MaskedField
from office.models import User

from .. import permissions
from ..choices import (
    PARTY_CODES,
    AwardKind,
    CareKind,
    CommitteePost,
    DisclosureScope,
    DuesCategory,
    IntegrityKind,
    MemberKind,
    OrganKind,
    PaymentMethod,
    ReductionKind,
    Rounding,
)
from ..models import (
    Award,
    CareVisit,
    Development,
    DevelopmentAssessment,
    Disclosure,
    DuesAssessment,
    DuesBand,
    DuesPayment,
    DuesRateTable,
    IntegrityActivity,
    Member,
    Organ,
    OrganisationalLife,
)

MONEY = {"max_digits": 12, "decimal_places": 2, "coerce_to_string": True}


def _base_allowed(viewer, record):
    return permissions.sees_base(viewer, record)


class PartyOrganSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    parent_name = serializers.CharField(source="parent.name", read_only=True, default="")
    term_end = DateField(read_only=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organ
        fields = [
            "id",
            "name",
            "kind",
            "kind_display",
            "parent",
            "parent_name",
            "established_on",
            "term_start",
            "term_years",
            "term_end",
            "member_count",
            "is_active",
        ]


class PartyOrganCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=80, label="名称")
    kind = serializers.ChoiceField(choices=OrganKind.choices, label="类型")
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Organ.objects.all(), required=False, allow_null=True, label="上级党组织"
    )
    established_on = DateField(label="成立日期")
    term_start = DateField(required=False, allow_null=True, label="本届任期开始")
    term_years = serializers.IntegerField(required=False, default=3, min_value=1, max_value=5, label="任期（年）")


class PartyTermSerializer(serializers.Serializer):
    term_start = DateField(label="本届任期开始")
    term_years = serializers.IntegerField(required=False, default=3, min_value=1, max_value=5, label="任期（年）")


class PartyMemberSerializer(serializers.ModelSerializer):
    organ_name = serializers.CharField(source="organ.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    dues_category_display = serializers.CharField(source="get_dues_category_display", read_only=True)
    entered_base = MaskedField(kind="money", allowed=_base_allowed)
    actions = ActionsField(permissions.member_actions)

    class Meta:
        model = Member
        fields = [
            "id",
            "name",
            "organ",
            "organ_name",
            "kind",
            "kind_display",
            "status",
            "status_display",
            "joined_on",
            "full_on",
            "dues_category",
            "dues_category_display",
            "entered_base",
            "person",
            "user",
            "left_on",
            "note",
            "actions",
        ]


class PartyMemberCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=40, required=False, allow_blank=True, default="", label="姓名")
    organ = serializers.PrimaryKeyRelatedField(queryset=Organ.objects.all(), label="所在党组织")
    kind = serializers.ChoiceField(choices=MemberKind.choices, default=MemberKind.FULL, label="党员类别")
    joined_on = DateField(label="入党日期")
    full_on = DateField(required=False, allow_null=True, label="转正日期")
    dues_category = serializers.ChoiceField(choices=DuesCategory.choices, default=DuesCategory.STAFF, label="党费类别")
    entered_base = serializers.DecimalField(
        required=False, allow_null=True, max_digits=12, decimal_places=2, min_value=0, label="录入月基数"
    )
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True, label="系统账号"
    )
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="", label="备注")

    def get_fields(self):
        fields = super().get_fields()
        from personnel.models import Person

        fields["person"] = serializers.PrimaryKeyRelatedField(
            queryset=Person.objects.all(), required=False, allow_null=True, label="人员档案"
        )
        return fields


class PartyTransferInSerializer(PartyMemberCreateSerializer):
    on = DateField(label="转入日期")
    other_organisation = serializers.CharField(max_length=120, label="转出单位党组织")
    letter_number = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default="", label="介绍信编号"
    )


class PartyTransferOutSerializer(serializers.Serializer):
    on = DateField(label="转出日期")
    other_organisation = serializers.CharField(max_length=120, label="转入单位党组织")
    letter_number = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default="", label="介绍信编号"
    )


class PartyAssessmentSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    organ_name = serializers.CharField(source="organ.name", read_only=True)
    base = MaskedField(kind="money", allowed=_base_allowed)
    base_source_display = serializers.CharField(source="get_base_source_display", read_only=True)
    amount = serializers.DecimalField(**MONEY, read_only=True)
    computed = serializers.DecimalField(**MONEY, read_only=True)
    is_paid = serializers.BooleanField(read_only=True)

    class Meta:
        model = DuesAssessment
        fields = [
            "id",
            "member",
            "member_name",
            "organ",
            "organ_name",
            "month",
            "category",
            "base",
            "base_source",
            "base_source_display",
            "rate",
            "computed",
            "amount",
            "reduction",
            "is_paid",
        ]


class PartyAssessSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1950, max_value=2199, label="年度")
    month = serializers.IntegerField(min_value=1, max_value=12, required=False, allow_null=True, label="月份")
    organ = serializers.PrimaryKeyRelatedField(
        queryset=Organ.objects.all(), required=False, allow_null=True, label="党组织"
    )


class PartyPaymentSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    method_display = serializers.CharField(source="get_method_display", read_only=True)
    amount = serializers.DecimalField(**MONEY, read_only=True)
    months = serializers.SerializerMethodField()
    is_voided = serializers.BooleanField(read_only=True)
    actions = ActionsField(permissions.payment_actions)

    class Meta:
        model = DuesPayment
        fields = [
            "id",
            "member",
            "member_name",
            "paid_on",
            "method",
            "method_display",
            "amount",
            "receipt_number",
            "months",
            "is_voided",
            "void_reason",
            "actions",
        ]

    def get_months(self, obj) -> list[str]:
        return [f"{line.assessment.month:%Y-%m}" for line in obj.lines.all()]


class PartyPaymentCreateSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all(), label="党员")
    months = serializers.ListField(child=DateField(), allow_empty=False, label="缴纳月份")
    paid_on = DateField(label="缴纳日期")
    method = serializers.ChoiceField(choices=PaymentMethod.choices, label="缴纳方式")
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, label="缴纳金额"
    )
    receipt_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="", label="收据号")


class PartyReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, label="原因")


class PartyReductionSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all(), label="党员")
    kind = serializers.ChoiceField(choices=ReductionKind.choices, label="类型")
    monthly_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, label="减交后月交"
    )
    first_month = DateField(label="起始月份")
    last_month = DateField(label="截止月份")
    reason = serializers.CharField(max_length=200, label="原因")
    branch_agreed_on = DateField(allow_null=True, label="支部同意日期")
    approved_on = DateField(allow_null=True, label="上级党委批准日期")
    approved_by = serializers.CharField(max_length=80, label="批准机关")


class PartyBandSerializer(serializers.ModelSerializer):
    class Meta:
        model = DuesBand
        fields = ["category", "upper", "rate"]


class PartyRateTableSerializer(serializers.ModelSerializer):
    bands = PartyBandSerializer(many=True, read_only=True)

    class Meta:
        model = DuesRateTable
        fields = ["id", "effective_from", "rounding", "quantum", "flat_amount", "note", "bands"]


class PartyBandInputSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=[DuesCategory.STAFF, DuesCategory.RETIRED], label="类别")
    upper = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, allow_null=True, label="上限")
    rate = serializers.DecimalField(max_digits=5, decimal_places=3, min_value=0, max_value=100, label="比例")


class PartyRateTableCreateSerializer(serializers.Serializer):
    effective_from = DateField(label="执行日期")
    rounding = serializers.ChoiceField(choices=Rounding.choices, default=Rounding.HALF_UP, label="舍入方式")
    quantum = serializers.DecimalField(max_digits=6, decimal_places=2, default="0.01", label="舍入单位")
    flat_amount = serializers.DecimalField(max_digits=12, decimal_places=2, default="0.20", label="定额")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="", label="依据")
    bands = PartyBandInputSerializer(many=True, label="档次")


class PartyLifeSerializer(serializers.ModelSerializer):
    organ_name = serializers.CharField(source="organ.name", read_only=True)
    title = serializers.CharField(source="meeting.title", read_only=True)
    type_code = serializers.CharField(source="meeting.meeting_type.code", read_only=True)
    type_name = serializers.CharField(source="meeting.meeting_type.name", read_only=True)
    start = DateTimeField(source="meeting.start", read_only=True)
    end = DateTimeField(source="meeting.end", read_only=True)
    state = serializers.CharField(source="meeting.state", read_only=True)
    actions = ActionsField(permissions.life_actions)

    class Meta:
        model = OrganisationalLife
        fields = [
            "id",
            "meeting",
            "organ",
            "organ_name",
            "title",
            "type_code",
            "type_name",
            "start",
            "end",
            "state",
            "committee_size",
            "committee_present",
            "actions",
        ]


class PartyLifeCreateSerializer(serializers.Serializer):
    organ = serializers.PrimaryKeyRelatedField(queryset=Organ.objects.all(), label="党组织")
    type_code = serializers.ChoiceField(choices=PARTY_CODES, label="类型")
    title = serializers.CharField(max_length=200, label="会议名称")
    start = DateTimeField(label="开始时间")
    end = DateTimeField(label="结束时间")
    attendees = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, label="参会人员"
    )
    is_video = serializers.BooleanField(default=False, label="视频会议")

    def get_fields(self):
        fields = super().get_fields()
        from meetings.models import Room

        fields["room"] = serializers.PrimaryKeyRelatedField(
            queryset=Room.objects.filter(is_active=True), required=False, allow_null=True, label="会议室"
        )
        return fields


class PartyHeldSerializer(serializers.Serializer):
    present = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), many=True, label="到会人员")
    minutes = serializers.CharField(required=False, allow_blank=True, default="", label="会议纪要")


class PartyDevelopmentAssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = DevelopmentAssessment
        fields = ["assessed_on", "text"]


class PartyDevelopmentSerializer(serializers.ModelSerializer):
    organ_name = serializers.CharField(source="organ.name", read_only=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    birth_date = MaskedField(kind="date", allowed=lambda viewer, obj: permissions.can_manage(viewer))
    probation_end = DateField(read_only=True)
    actions = ActionsField(permissions.development_actions)

    class Meta:
        model = Development
        fields = [
            "id",
            "name",
            "organ",
            "organ_name",
            "birth_date",
            "stage",
            "stage_display",
            "applied_on",
            "talk_on",
            "activist_on",
            "contacts",
            "candidate_on",
            "political_review_on",
            "vote_on",
            "votes_entitled",
            "votes_yes",
            "extension_months",
            "probation_end",
            "full_on",
            "member",
            "actions",
        ]


class PartyDevelopmentCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=40, label="姓名")
    organ = serializers.PrimaryKeyRelatedField(queryset=Organ.objects.all(), label="党支部")
    birth_date = DateField(label="出生日期")
    applied_on = DateField(label="递交申请日期")


class PartyTalkSerializer(serializers.Serializer):
    talk_on = DateField(label="谈话日期")
    talk_by = serializers.CharField(max_length=40, label="谈话人")


class PartyActivistSerializer(serializers.Serializer):
    on = DateField(label="确定日期")
    contacts = serializers.CharField(max_length=80, label="培养联系人")


class PartyAssessDevSerializer(serializers.Serializer):
    assessed_on = DateField(label="考察日期")
    text = serializers.CharField(label="考察意见")


class PartyOnSerializer(serializers.Serializer):
    on = DateField(label="日期")


class PartyProbationarySerializer(serializers.Serializer):
    vote_on = DateField(label="支部大会讨论日期")
    political_review_on = DateField(allow_null=True, label="政治审查日期")
    sponsors = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all(), many=True, label="入党介绍人")
    votes_entitled = serializers.IntegerField(min_value=0, label="有表决权人数")
    votes_yes = serializers.IntegerField(min_value=0, label="赞成票")
    training_days = serializers.IntegerField(min_value=0, required=False, allow_null=True, label="培训天数")
    training_hours = serializers.IntegerField(min_value=0, required=False, allow_null=True, label="培训学时")


class PartyExtendSerializer(serializers.Serializer):
    months = serializers.IntegerField(label="延长月数")
    reason = serializers.CharField(max_length=200, label="原因")


class PartyRemoveSerializer(serializers.Serializer):
    on = DateField(label="日期")
    reason = serializers.CharField(max_length=200, label="原因")


class PartyAwardSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    is_voided = serializers.BooleanField(read_only=True)
    actions = ActionsField(permissions.record_actions)

    class Meta:
        model = Award
        fields = [
            "id",
            "year",
            "kind",
            "kind_display",
            "recipient",
            "member",
            "organ",
            "awarding_body",
            "awarded_on",
            "is_voided",
            "actions",
        ]


class PartyAwardCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(label="年度")
    kind = serializers.ChoiceField(choices=AwardKind.choices, label="类别")
    recipient = serializers.CharField(max_length=80, required=False, allow_blank=True, default="", label="受表彰对象")
    member = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), required=False, allow_null=True, label="党员"
    )
    organ = serializers.PrimaryKeyRelatedField(
        queryset=Organ.objects.all(), required=False, allow_null=True, label="党组织"
    )
    awarding_body = serializers.CharField(max_length=80, label="表彰机关")
    awarded_on = DateField(label="表彰日期")


class PartyCareSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    amount = serializers.DecimalField(**MONEY, read_only=True)
    is_voided = serializers.BooleanField(read_only=True)
    actions = ActionsField(permissions.record_actions)

    class Meta:
        model = CareVisit
        fields = [
            "id",
            "visited_on",
            "kind",
            "kind_display",
            "recipients",
            "households",
            "amount",
            "organ",
            "note",
            "is_voided",
            "actions",
        ]


class PartyCareCreateSerializer(serializers.Serializer):
    visited_on = DateField(label="走访日期")
    kind = serializers.ChoiceField(choices=CareKind.choices, label="对象类别")
    recipients = serializers.CharField(max_length=200, label="走访对象")
    households = serializers.IntegerField(min_value=1, default=1, label="户数")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, default="0.00", label="慰问金额")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="", label="备注")


class PartyDisclosureSerializer(serializers.ModelSerializer):
    scope_display = serializers.CharField(source="get_scope_display", read_only=True)
    is_voided = serializers.BooleanField(read_only=True)
    actions = ActionsField(permissions.record_actions)

    class Meta:
        model = Disclosure
        fields = ["id", "title", "content", "scope", "scope_display", "published_on", "organ", "is_voided", "actions"]


class PartyDisclosureCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, label="标题")
    content = serializers.CharField(label="公开内容")
    scope = serializers.ChoiceField(choices=DisclosureScope.choices, label="公开范围")
    published_on = DateField(label="公开日期")


class PartyIntegritySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    is_voided = serializers.BooleanField(read_only=True)
    actions = ActionsField(permissions.record_actions)

    class Meta:
        model = IntegrityActivity
        fields = [
            "id",
            "kind",
            "kind_display",
            "held_on",
            "title",
            "copies",
            "recipients",
            "outgoing_document",
            "findings",
            "participants",
            "is_voided",
            "actions",
        ]


class PartyIntegrityCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IntegrityKind.choices, label="类别")
    held_on = DateField(label="日期")
    title = serializers.CharField(max_length=200, label="名称")
    copies = serializers.IntegerField(min_value=0, required=False, allow_null=True, label="份数")
    recipients = serializers.CharField(max_length=200, required=False, allow_blank=True, default="", label="发送对象")
    findings = serializers.CharField(required=False, allow_blank=True, default="", label="发现问题")
    participants = serializers.IntegerField(min_value=0, required=False, allow_null=True, label="参加人数")

    def get_fields(self):
        fields = super().get_fields()
        from documents.models import OutgoingDocument

        fields["outgoing_document"] = serializers.PrimaryKeyRelatedField(
            queryset=OutgoingDocument.objects.all(), required=False, allow_null=True, label="对应发文"
        )
        return fields


class PartyCommitteeAppointSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all(), label="党员")
    post = serializers.ChoiceField(choices=CommitteePost.choices, label="职务")
    start = DateField(label="任职日期")
