from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AccessLog, IssuingCode


@admin.register(IssuingCode)
class IssuingCodeAdmin(SimpleHistoryAdmin):
    """机关代字: the administrator adds and disables codes and sets each one's 发文机关标志 (the red
    mark of the issued document); codes in use are never deleted."""

    list_display = ["code", "description", "mark", "is_active", "sort_order"]
    fields = ["code", "description", "mark", "is_active", "sort_order"]
    list_editable = ["is_active", "sort_order"]
    search_fields = ["code", "description"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Downloads and refusals, for inspection; never changed."""

    list_display = ["created_at", "actor", "action", "detail"]
    list_filter = ["action"]
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
