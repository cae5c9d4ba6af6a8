from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Meeting, MeetingType, Room


class NoDeleteMixin:
    """Types and rooms are disabled, meetings cancelled; none is deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MeetingType)
class MeetingTypeAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]

    def get_readonly_fields(self, request, obj=None):
        # The annual summary counts by code: once a type exists its code stays.
        return ["code"] if obj else []


@admin.register(Room)
class RoomAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "location", "capacity", "equipment", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name", "location"]


@admin.register(Meeting)
class MeetingAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    """Read-only here: meetings are arranged and changed through the meetings pages (services)."""

    list_display = ["title", "meeting_type", "start", "room", "is_video", "state"]
    list_filter = ["meeting_type", "state", "is_video", "room"]
    search_fields = ["title"]
    date_hierarchy = "start"
    list_select_related = ["meeting_type", "room"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
