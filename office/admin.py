from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarDay, CalendarYear, Department, Notification, SupervisedItem, SupervisionEvent, User


class NoDeleteMixin:
    """Official records are disabled or voided, never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Department)
class DepartmentAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "parent", "sort_order", "is_active"]
    list_filter = ["kind", "is_active"]
    list_editable = ["sort_order"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]


@admin.register(User)
class UserAdmin(NoDeleteMixin, SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ["username", "name", "department", "position", "is_active", "last_login"]
    list_filter = ["is_active", "groups", "department"]
    search_fields = ["username", "name", "phone"]
    list_select_related = ["department"]
    ordering = ["department__sort_order", "username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("个人信息", {"fields": ["name", "department", "position", "phone", "email"]}),
        ("角色与权限", {"fields": ["is_active", "groups", "is_staff", "is_superuser", "user_permissions"]}),
        ("时间", {"fields": ["last_login", "date_joined", "password_changed_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "name", "department", "position", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined", "password_changed_at"]


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 3
    fields = ["date", "is_workday", "name"]


@admin.register(CalendarYear)
class CalendarYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "source", "note", "updated_at"]
    inlines = [CalendarDayInline]


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "is_workday", "name", "calendar_year"]
    list_filter = ["calendar_year", "is_workday"]
    date_hierarchy = "date"


class SupervisionEventInline(admin.TabularInline):
    model = SupervisionEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "actor", "text"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SupervisedItem)
class SupervisedItemAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    """Read-only here: items change through the supervision pages, which run the services."""

    list_display = ["title", "category", "owner_department", "responsible", "deadline", "status"]
    list_filter = ["status", "category", "owner_department"]
    search_fields = ["title"]
    list_select_related = ["owner_department", "responsible"]
    date_hierarchy = "deadline"
    inlines = [SupervisionEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "created_at", "read_at"]
    list_select_related = ["recipient"]
    search_fields = ["title", "recipient__name"]
