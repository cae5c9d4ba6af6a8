from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count, Q
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AuditEvent,
    CalendarDay,
    CalendarYear,
    Department,
    Notification,
    SerialCounter,
    SupervisedItem,
    SupervisionEvent,
    User,
)
from .services.calendar import calendar_warnings


class NoDeleteMixin:
    """Official records are disabled or voided, never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Department)
class DepartmentAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "code", "archive_code", "kind", "parent", "sort_order", "is_active"]
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
        (
            None,
            {"classes": ["wide"], "fields": ["username", "name", "department", "position", "password1", "password2"]},
        ),
    ]
    readonly_fields = ["last_login", "date_joined", "password_changed_at"]


WEEKDAY_NAMES = "一二三四五六日"


def _weekday(day):
    return f"星期{WEEKDAY_NAMES[day.weekday()]}" if day else ""


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["calendar_year", "date", "is_workday", "name"]

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date")
        # A weekday marked as a workday changes nothing and hides a typo of the intended date.
        if day and cleaned.get("is_workday") and day.weekday() < 5:
            self.add_error("is_workday", f"{day:%Y-%m-%d}是{_weekday(day)}，本来就上班，不必登记为调休上班日。")
        return cleaned


class CalendarDayInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # On the add page the year is not saved yet, so the model's own check (which needs the
        # saved year) cannot see it; the parent form has already put the year on the instance.
        year = self.instance.year
        if not year:
            return
        for form in self.forms:
            day = getattr(form, "cleaned_data", {}).get("date")
            if day and day.year != year and "date" not in form.errors:
                form.add_error("date", f"日期不在{year}年内。")


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    form = CalendarDayForm
    formset = CalendarDayInlineFormSet
    extra = 3
    fields = ["date", "weekday", "is_workday", "name"]
    readonly_fields = ["weekday"]
    ordering = ["date"]

    @admin.display(description="星期")
    def weekday(self, obj):
        return _weekday(obj.date)


@admin.register(CalendarYear)
class CalendarYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "source", "holiday_count", "makeup_count", "note", "updated_at"]
    inlines = [CalendarDayInline]
    fieldsets = [
        (
            None,
            {
                "fields": ["year", "source", "note"],
                "description": (
                    "按国务院办公厅关于节假日安排的通知录入：法定节假日（落在周末的假日也可录入，以便显示名称）"
                    "和周末的调休上班日。普通的周一至周五、周六周日不必录入。保存后，涉及该年的期限即按正式日历计算。"
                ),
            },
        )
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                holiday_total=Count("days", filter=Q(days__is_workday=False)),
                makeup_total=Count("days", filter=Q(days__is_workday=True)),
            )
        )

    @admin.display(description="放假天数", ordering="holiday_total")
    def holiday_count(self, obj):
        return obj.holiday_total

    @admin.display(description="调休上班天数", ordering="makeup_total")
    def makeup_count(self, obj):
        return obj.makeup_total

    def changelist_view(self, request, extra_context=None):
        for warning in calendar_warnings():
            self.message_user(request, warning, level="warning")
        return super().changelist_view(request, extra_context)


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    form = CalendarDayForm
    list_display = ["date", "weekday", "is_workday", "name", "calendar_year"]
    list_filter = ["calendar_year", "is_workday"]
    list_select_related = ["calendar_year"]
    date_hierarchy = "date"

    @admin.display(description="星期")
    def weekday(self, obj):
        return _weekday(obj.date)


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


@admin.register(SerialCounter)
class SerialCounterAdmin(admin.ModelAdmin):
    """Read-only: serials are given by the services alone (office/numbering.py)."""

    list_display = ["key", "year", "last_value"]
    list_filter = ["year"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# ---- Chinese names for the third-party apps the admin shows ----
# Only the display names change: _meta.original_attrs (what migrations read) is left alone, so
# `makemigrations --check` sees no change to those apps.
THIRD_PARTY_NAMES = {
    "axes": (
        "登录防护",
        {
            "accessattempt": ("登录失败计数", "登录失败计数"),
            "accessfailurelog": ("登录失败记录", "登录失败记录"),
            "accesslog": ("登录日志", "登录日志"),
            "accessattemptexpiration": ("锁定到期时间", "锁定到期时间"),
        },
    ),
    "otp_static": (
        "两步验证 · 备用验证码",
        {"staticdevice": ("备用验证码设备", "备用验证码设备"), "statictoken": ("备用验证码", "备用验证码")},
    ),
    "otp_totp": ("两步验证 · 动态验证码", {"totpdevice": ("动态验证码设备", "动态验证码设备")}),
    "auth": ("认证和授权", {"group": ("角色组", "角色组")}),
}


def _name_third_party_apps_in_chinese():
    from django.apps import apps

    for label, (app_name, models) in THIRD_PARTY_NAMES.items():
        config = apps.app_configs.get(label)
        if config is None:
            continue
        config.verbose_name = app_name
        for model_name, (singular, plural) in models.items():
            try:
                opts = config.get_model(model_name)._meta
            except LookupError:
                continue
            opts.verbose_name, opts.verbose_name_plural = singular, plural


_name_third_party_apps_in_chinese()


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read only for everyone, the superuser too: no add, change or delete (the
    model and a database trigger refuse them as well). The office UI's 审计日志 page searches and
    exports it."""

    list_display = ["at", "kind", "username", "address", "target", "detail"]
    list_filter = ["kind"]
    date_hierarchy = "at"
    search_fields = ["username", "target", "detail", "path"]
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
