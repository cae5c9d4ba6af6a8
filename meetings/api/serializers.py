from rest_framework import serializers

from office.api.fields import ActionsField, DateField, DateTimeField
from office.models import Department, User
from office.selectors import PHASE_LABELS

from .. import permissions
from ..models import AgendaItem, Attendance, Decision, Meeting, MeetingType, Room
from ..permissions import can_manage_meeting
from ..selectors import ATTENDANCE_STATUS_LABELS, attendance_status


class MeetingTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingType
        fields = ["id", "name", "code", "sort_order", "is_active"]


class RoomSerializer(serializers.ModelSerializer):
    class Meta:
        model = Room
        fields = ["id", "name", "location", "capacity", "equipment", "sort_order", "is_active"]


class RoomWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60, label="名称")
    location = serializers.CharField(max_length=100, required=False, allow_blank=True, default="", label="位置")
    capacity = serializers.IntegerField(min_value=1, max_value=2000, label="容纳人数")
    equipment = serializers.CharField(max_length=200, required=False, allow_blank=True, default="", label="设备")
    sort_order = serializers.IntegerField(min_value=0, max_value=32767, required=False, default=100, label="排序")
    is_active = serializers.BooleanField(required=False, default=True, label="启用")


class MeetingSerializer(serializers.ModelSerializer):
    meeting_type_name = serializers.CharField(source="meeting_type.name", read_only=True)
    meeting_type_code = serializers.CharField(source="meeting_type.code", read_only=True)
    host_name = serializers.CharField(source="host.name", read_only=True)
    room_name = serializers.CharField(source="room.name", read_only=True, default="")
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    attendee_count = serializers.IntegerField(read_only=True)
    leave_count = serializers.IntegerField(read_only=True)
    signed_count = serializers.IntegerField(read_only=True)
    late_count = serializers.IntegerField(read_only=True)
    my_response = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "meeting_type",
            "meeting_type_name",
            "meeting_type_code",
            "host",
            "host_name",
            "start",
            "end",
            "room",
            "room_name",
            "is_video",
            "state",
            "state_display",
            "attendee_count",
            "leave_count",
            "signed_count",
            "late_count",
            "my_response",
        ]


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["order", "title", "presenter"]


class AttendanceSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    department_name = serializers.CharField(source="person.department.name", read_only=True, default="")
    status = serializers.SerializerMethodField()
    status_display = serializers.SerializerMethodField()
    leave_reason = serializers.SerializerMethodField()

    class Meta:
        model = Attendance
        fields = [
            "id",
            "person",
            "person_name",
            "department_name",
            "role",
            "seat_order",
            "response",
            "leave_reason",
            "responded_at",
            "signed_in_at",
            "late",
            "status",
            "status_display",
        ]

    def get_status(self, attendance) -> str:
        return attendance_status(attendance, self.context["meeting"])

    def get_status_display(self, attendance) -> str:
        return ATTENDANCE_STATUS_LABELS[self.get_status(attendance)]

    def get_leave_reason(self, attendance) -> str:
        # A leave reason may be personal: the person and the organisers read it, others see the leave only.
        viewer = self.context["request"].user
        if viewer.pk == attendance.person_id or self.context["can_manage"]:
            return attendance.leave_reason
        return ""


class DecisionSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)
    responsible_name = serializers.CharField(source="responsible.name", read_only=True)
    supervised_item_phase = serializers.CharField(source="phase", read_only=True, default="")
    supervised_item_phase_display = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "order",
            "text",
            "department",
            "department_name",
            "responsible",
            "responsible_name",
            "deadline",
            "supervised_item",
            "supervised_item_phase",
            "supervised_item_phase_display",
        ]

    def get_supervised_item_phase_display(self, decision) -> str:
        return PHASE_LABELS.get(getattr(decision, "phase", ""), "")


class MeetingDetailSerializer(MeetingSerializer):
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)
    agenda = serializers.SerializerMethodField()
    attendances = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()
    invited_departments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    actions = ActionsField(permissions.meeting_actions)

    class Meta(MeetingSerializer.Meta):
        fields = [
            *MeetingSerializer.Meta.fields,
            "actions",
            "organiser",
            "organiser_name",
            "video_link",
            "required_arrival_minutes",
            "invited_departments",
            "external_guests",
            "cancel_reason",
            "record",
            "minutes_title",
            "minutes",
            "agenda",
            "attendances",
            "decisions",
        ]

    def get_agenda(self, meeting) -> list[dict]:
        return AgendaItemSerializer(meeting.agenda_items.all(), many=True).data

    def get_attendances(self, meeting) -> list[dict]:
        context = {
            **self.context,
            "meeting": meeting,
            "can_manage": can_manage_meeting(self.context["request"].user, meeting),
        }
        rows = meeting.attendances.select_related("person__department").order_by("seat_order", "id")
        return AttendanceSerializer(rows, many=True, context=context).data

    def get_decisions(self, meeting) -> list[dict]:
        from ..selectors import meeting_decisions

        return DecisionSerializer(meeting_decisions(meeting), many=True).data


class MeetingCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, label="会议名称")
    meeting_type = serializers.PrimaryKeyRelatedField(queryset=MeetingType.objects.all(), label="会议类型")
    host = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), label="主持人")
    start = DateTimeField(label="开始时间")
    end = DateTimeField(label="结束时间")
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.all(), required=False, allow_null=True, label="会议室"
    )
    is_video = serializers.BooleanField(required=False, default=False, label="视频会议")
    video_link = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default="", label="视频会议链接"
    )
    required_arrival_minutes = serializers.IntegerField(required=False, default=15, label="提前入场（分钟）")
    attendees = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False, default=list, label="参会人员"
    )
    departments = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), many=True, required=False, default=list, label="参会科室"
    )
    observers = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False, default=list, label="列席人员"
    )
    external_guests = serializers.CharField(required=False, allow_blank=True, default="", label="外单位参会人员")
    agenda = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list, label="议题"
    )


class MeetingRescheduleSerializer(serializers.Serializer):
    start = DateTimeField(label="开始时间")
    end = DateTimeField(label="结束时间")
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.all(), required=False, allow_null=True, label="会议室"
    )
    is_video = serializers.BooleanField(required=False, default=False, label="视频会议")
    video_link = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default="", label="视频会议链接"
    )


class MeetingReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(label="原因")


class MeetingEmptySerializer(serializers.Serializer):
    pass


class MeetingSignInSerializer(serializers.Serializer):
    token = serializers.CharField(label="签到码")


class MeetingHandSignInSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), label="参会人员")
    at = DateTimeField(required=False, allow_null=True, default=None, label="签到时间")


class MeetingSeatingSerializer(serializers.Serializer):
    attendance_ids = serializers.ListField(child=serializers.IntegerField(), allow_empty=False, label="座次")


class MeetingMinutesSerializer(serializers.Serializer):
    record = serializers.CharField(required=False, allow_blank=True, label="会议记录")
    minutes_title = serializers.CharField(max_length=200, required=False, allow_blank=True, label="纪要标题")
    minutes = serializers.CharField(required=False, allow_blank=True, label="会议纪要")


class DecisionCreateSerializer(serializers.Serializer):
    text = serializers.CharField(label="议定事项")
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), label="牵头科室"
    )
    responsible = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), label="责任人")
    deadline = DateField(label="完成时限")


class MeetingAddAttendeesSerializer(serializers.Serializer):
    attendees = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False, default=list, label="参会人员"
    )
    departments = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), many=True, required=False, default=list, label="参会科室"
    )
    observers = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False, default=list, label="列席人员"
    )


class MeetingAgendaSerializer(serializers.Serializer):
    agenda = serializers.ListField(child=serializers.CharField(max_length=300), label="议题")
