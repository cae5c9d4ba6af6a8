"""The personnel API's shapes. Personal data goes through MaskedField with the app's policies."""

from rest_framework import serializers

from office.api.fields import ActionsField, DateField, MaskedField
from office.models import Department

from .. import permissions
from ..choices import ALL_SALARY_COMPONENTS, AssessmentGrade
from ..models import (
    Appointment,
    Assessment,
    AssessmentRound,
    ExpertTask,
    Person,
    Recruitment,
    SalaryChange,
    Talk,
    TitleReview,
    TransferBatch,
)
from ..selectors import person_choices


class PersonListSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", default="", read_only=True)
    citizen_id = MaskedField(kind="id_number", allowed=permissions.personal_data_policy)
    birth_date = MaskedField(kind="date", allowed=permissions.personal_data_policy)
    phone = MaskedField(kind="phone", allowed=permissions.personal_data_policy)
    staffing_display = serializers.CharField(source="get_staffing_display", read_only=True)
    rank_display = serializers.CharField(source="get_rank_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id", "name", "sex", "birth_date", "citizen_id", "phone", "staffing", "staffing_display", "department",
            "post", "rank", "rank_display", "title", "title_level", "status", "status_display",
        ]  # fmt: skip


class PersonSerializer(PersonListSerializer):
    actions = ActionsField(permissions.person_actions)

    class Meta(PersonListSerializer.Meta):
        fields = [
            *PersonListSerializer.Meta.fields, "ethnicity", "political_status", "education", "degree",
            "work_start_date", "join_date", "status_date", "user", "actions",
        ]  # fmt: skip


class PersonInputSerializer(serializers.ModelSerializer):
    """The facts HR types; the service checks the ID number and its uniqueness."""

    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Person
        fields = [
            "name", "sex", "birth_date", "citizen_id", "ethnicity", "political_status", "phone", "education",
            "degree", "work_start_date", "join_date", "staffing", "department", "post", "rank", "title",
            "title_level", "status", "status_date", "user", "resume", "rewards",
        ]  # fmt: skip
        extra_kwargs = {"citizen_id": {"validators": []}}


class AppointmentSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    actions = ActionsField(permissions.appointment_actions)

    class Meta:
        model = Appointment
        fields = [
            "id", "serial", "person", "person_name", "kind", "kind_display", "status", "rank", "post", "department",
            "effective_date", "document", "document_number", "reason", "publicity_start", "publicity_end",
            "probation_end",
            "previous_rank", "previous_post", "previous_department", "applied_at", "actions",
        ]  # fmt: skip


class AppointmentInputSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=person_choices())

    class Meta:
        model = Appointment
        fields = [
            "person", "kind", "rank", "post", "department", "effective_date", "document", "document_number",
            "reason", "publicity_start", "publicity_end",
        ]  # fmt: skip


class PersonnelReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


def _money(name, label):
    return MaskedField(kind="money", allowed=permissions.salary_policy, attribute=name, label=label)


class SalaryChangeSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    base = _money("base", "月固定工资合计")
    base_before = _money("base_before", "变动前合计")
    duty_pay = _money("duty_pay", "职务工资")
    grade_pay = _money("grade_pay", "级别工资")
    post_pay = _money("post_pay", "岗位工资")
    scale_pay = _money("scale_pay", "薪级工资")
    performance_pay = _money("performance_pay", "绩效工资")
    allowance = _money("allowance", "津贴补贴")
    actions = ActionsField(permissions.salary_change_actions)

    class Meta:
        model = SalaryChange
        fields = [
            "id", "person", "person_name", "effective_month", "reason", "scheme", "duty_pay", "grade_pay",
            "post_pay", "scale_pay", "performance_pay", "allowance", "base", "base_before", "note", "voided_at",
            "actions",
        ]  # fmt: skip


class SalaryChangeInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=person_choices(), label="人员")
    effective_month = DateField(label="起薪月份")
    reason = serializers.ChoiceField(choices=SalaryChange._meta.get_field("reason").choices, label="变动原因")
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)

    def get_fields(self):
        fields = super().get_fields()
        for name, label in ALL_SALARY_COMPONENTS:
            fields[name] = serializers.DecimalField(
                max_digits=10, decimal_places=2, min_value=0, required=False, allow_null=True, label=label
            )
        return fields


class SalaryBaseQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1980, max_value=2100, label="年度")
    month = serializers.IntegerField(min_value=1, max_value=12, label="月份")


class RecruitmentSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=person_choices())

    class Meta:
        model = Recruitment
        fields = ["id", "person", "channel", "date", "note"]


class TitleReviewSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=person_choices())

    class Meta:
        model = TitleReview
        fields = ["id", "person", "series", "title", "level", "year", "passed"]


class ExpertTaskSerializer(serializers.ModelSerializer):
    experts = serializers.PrimaryKeyRelatedField(queryset=person_choices(), many=True)

    class Meta:
        model = ExpertTask
        fields = ["id", "title", "place", "date", "experts"]


class TransferSerializer(serializers.ModelSerializer):
    persons = serializers.PrimaryKeyRelatedField(queryset=person_choices(), many=True, label="转隶人员")

    class Meta:
        model = TransferBatch
        fields = ["id", "direction", "other_body", "date", "document_number", "persons"]


class PersonnelTalkSerializer(serializers.ModelSerializer):
    talker = serializers.PrimaryKeyRelatedField(queryset=person_choices())
    talkee = serializers.PrimaryKeyRelatedField(queryset=person_choices())

    class Meta:
        model = Talk
        fields = ["id", "talker", "talkee", "kind", "date", "notes"]


class PersonnelAssessmentSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Assessment
        fields = ["person", "person_name", "grade"]


class AssessmentRoundSerializer(serializers.ModelSerializer):
    assessments = PersonnelAssessmentSerializer(many=True, read_only=True)

    class Meta:
        model = AssessmentRound
        fields = ["id", "year", "unit", "closed", "assessments"]


class AssessmentRoundInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, label="年度")
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), required=False, allow_null=True, label="单位"
    )


class GradeSerializer(serializers.Serializer):
    person = serializers.IntegerField(label="人员")
    grade = serializers.ChoiceField(choices=[("", "未评定"), *AssessmentGrade.choices], allow_blank=True, label="等次")


class GradesInputSerializer(serializers.Serializer):
    grades = GradeSerializer(many=True, label="等次")
