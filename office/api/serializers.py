from rest_framework import serializers

from ..models import Department, SupervisedItem, SupervisionEvent, User
from ..permissions import can_see_personal_data, supervised_item_actions
from ..selectors import PHASE_LABELS
from .fields import ActionsField, DateField


class DepartmentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Department
        fields = ["id", "name", "code", "kind", "kind_display", "parent", "sort_order"]


class UserBriefSerializer(serializers.ModelSerializer):
    phone = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "name", "department", "position", "phone"]

    def get_phone(self, person) -> str:
        viewer = self.context["request"].user
        return person.phone if can_see_personal_data(viewer, person) else person.masked_phone


class MeSerializer(serializers.ModelSerializer):
    department = DepartmentSerializer(read_only=True)
    roles = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "name", "email", "phone", "position", "department", "roles", "permissions"]

    def get_roles(self, user) -> list[str]:
        return sorted(user.groups.values_list("name", flat=True))

    def get_permissions(self, user) -> list[str]:
        return sorted(user.get_all_permissions())


class SupervisionEventSerializer(serializers.ModelSerializer):
    actor_name = serializers.CharField(source="actor.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = SupervisionEvent
        fields = ["id", "kind", "kind_display", "actor", "actor_name", "text", "created_at"]


class SupervisedItemSerializer(serializers.ModelSerializer):
    category_display = serializers.CharField(source="category_label", read_only=True)
    owner_department_name = serializers.CharField(source="owner_department.name", read_only=True)
    responsible_name = serializers.CharField(source="responsible.name", read_only=True)
    phase = serializers.CharField(read_only=True)
    phase_display = serializers.SerializerMethodField()

    class Meta:
        model = SupervisedItem
        fields = [
            "id",
            "title",
            "description",
            "category",
            "category_display",
            "owner_department",
            "owner_department_name",
            "responsible",
            "responsible_name",
            "start_date",
            "deadline",
            "deadline_working_days",
            "deadline_provisional",
            "status",
            "phase",
            "phase_display",
            "completed_on",
            "completion_note",
            "void_reason",
            "last_urged_at",
            "created_at",
        ]

    def get_phase_display(self, item) -> str:
        return PHASE_LABELS.get(getattr(item, "phase", item.status), "")


class SupervisedItemDetailSerializer(SupervisedItemSerializer):
    events = SupervisionEventSerializer(many=True, read_only=True)
    actions = ActionsField(supervised_item_actions)

    class Meta(SupervisedItemSerializer.Meta):
        fields = [*SupervisedItemSerializer.Meta.fields, "events", "actions"]


class SupervisedItemOpenSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, label="督办事项")
    # The categories are registered by the apps (office.plugins); the service checks the code.
    category = serializers.CharField(label="类别", help_text="督办类别代码，例如 special（专题任务）")
    owner_department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), label="承办科室"
    )
    responsible = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), label="责任人")
    start_date = DateField(required=False, label="交办日期")
    deadline = DateField(required=False, label="办结日期")
    working_days = serializers.IntegerField(required=False, min_value=1, max_value=365, label="工作日天数")
    description = serializers.CharField(required=False, allow_blank=True, label="内容与要求")


class ProgressSerializer(serializers.Serializer):
    text = serializers.CharField(label="反馈内容")


class UrgeSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="", label="催办意见")


class CompleteSerializer(serializers.Serializer):
    note = serializers.CharField(label="办结情况")
    completed_on = DateField(required=False, allow_null=True, default=None, label="办结日期")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(label="原因")


class DashboardFiguresSerializer(serializers.Serializer):
    """The figures of one row of the dashboard (the whole year, a department or a category):
    total = in_progress + overdue + on_time + late."""

    total = serializers.IntegerField(help_text="督办事项（本年到期，当年含往年结转）")
    carried_over = serializers.IntegerField(help_text="往年结转、仍未办结")
    open = serializers.IntegerField(help_text="未办结")
    in_progress = serializers.IntegerField(help_text="办理中（未逾期）")
    due_soon = serializers.IntegerField(help_text="即将到期")
    overdue = serializers.IntegerField(help_text="已逾期（未办结）")
    completed = serializers.IntegerField(help_text="已办结")
    on_time = serializers.IntegerField(help_text="按时办结")
    late = serializers.IntegerField(help_text="逾期办结")
    completion_rate = serializers.FloatField(allow_null=True, help_text="办结率（%），没有事项时为空")
    on_time_rate = serializers.FloatField(allow_null=True, help_text="按时办结率（%），没有事项时为空")


class DashboardDepartmentSerializer(DashboardFiguresSerializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class DashboardCategorySerializer(DashboardFiguresSerializer):
    category = serializers.CharField()
    label = serializers.CharField()


class DashboardOverdueSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    category = serializers.CharField()
    category_display = serializers.CharField(source="category_label")
    owner_department_name = serializers.CharField(source="owner_department.name")
    responsible_name = serializers.CharField(source="responsible.name")
    deadline = DateField()
    days_overdue = serializers.IntegerField()
    last_urged_at = serializers.DateTimeField(allow_null=True)


class DashboardSerializer(serializers.Serializer):
    """督办看板：与页面相同的数字。"""

    year = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField(), help_text="可查看的年度，新的在前")
    today = DateField()
    due_soon_limit = DateField(help_text="“即将到期”的界限（含）")
    totals = DashboardFiguresSerializer()
    departments = DashboardDepartmentSerializer(many=True)
    categories = DashboardCategorySerializer(many=True)
    overdue = DashboardOverdueSerializer(many=True, help_text="逾期事项，时限最早的在前，至多 50 项")
