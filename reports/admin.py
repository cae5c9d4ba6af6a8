from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Export, Section, Summary, TypedFigure


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["code", "order", "edited", "generated_text", "edited_text"]
    readonly_fields = fields
    can_delete = False


@admin.register(Summary)
class SummaryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "version", "state", "refreshed_at"]
    list_filter = ["state", "year"]
    readonly_fields = ["figures", "refreshed_at", "refreshed_by", "omitted", "finalised_at", "finalised_by", "based_on"]
    inlines = [SectionInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Export)
class ExportAdmin(SimpleHistoryAdmin):
    list_display = ["summary", "kind", "status", "size", "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["summary", "kind", "status", "progress", "content", "snapshot_at", "file", "size", "sha256"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TypedFigure)
class TypedFigureAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "year", "key", "value", "source", "entered_by", "entered_at"]
    list_filter = ["year"]
    readonly_fields = ["organisation", "year", "key", "value", "source", "entered_by", "entered_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
