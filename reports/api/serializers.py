from django.urls import reverse
from rest_framework import serializers

from .. import text
from ..models import Export, ExportKind, Summary
from ..outline import ROWS_BY_KEY


class SummarySerializer(serializers.ModelSerializer):
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    refreshed_by = serializers.CharField(source="refreshed_by.name", default=None, read_only=True)
    finalised_by = serializers.CharField(source="finalised_by.name", default=None, read_only=True)

    class Meta:
        model = Summary
        fields = [
            "id",
            "organisation",
            "year",
            "version",
            "title",
            "state",
            "state_display",
            "refreshed_at",
            "refreshed_by",
            "finalised_at",
            "finalised_by",
            "based_on",
        ]


class ExportSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Export
        fields = [
            "id",
            "kind",
            "status",
            "progress",
            "size",
            "sha256",
            "snapshot_at",
            "finished_at",
            "error",
            "download_url",
        ]

    def get_download_url(self, export) -> str | None:
        if export.status != "done":
            return None
        return reverse("reports-api-summary-download", args=[export.summary_id, export.pk])


class SectionSerializer(serializers.Serializer):
    code = serializers.CharField()
    heading = serializers.SerializerMethodField()
    heading_text = serializers.CharField()
    text = serializers.CharField()
    generated_text = serializers.CharField()
    edited = serializers.BooleanField()
    missing = serializers.SerializerMethodField()

    def get_heading(self, section) -> str:
        return text.section_heading(section, self.context["summary"].year)

    def get_missing(self, section) -> list[str]:
        return text.section_missing(section.code, self.context["figures"])


def _outline(figure, attribute):
    row = ROWS_BY_KEY.get(figure["key"])
    return getattr(row, attribute) if row else None


class FigureSerializer(serializers.Serializer):
    """A figure of the snapshot, with its label, unit and section from the outline (their one source)."""

    key = serializers.CharField()
    label = serializers.SerializerMethodField()
    value = serializers.JSONField(allow_null=True)
    unit = serializers.SerializerMethodField()
    section = serializers.SerializerMethodField()
    last_year = serializers.JSONField(allow_null=True)
    url = serializers.CharField()
    names = serializers.ListField(child=serializers.CharField())
    computed_value = serializers.JSONField(allow_null=True, default=None)
    computed_last_year = serializers.JSONField(allow_null=True, default=None)
    typed = serializers.JSONField(allow_null=True, default=None, help_text="本年手工录入：value、source、by、at")
    typed_last_year = serializers.JSONField(allow_null=True, default=None, help_text="上年手工录入")

    def get_label(self, figure) -> str:
        return _outline(figure, "label") or figure["key"]

    def get_unit(self, figure) -> str:
        return _outline(figure, "unit") or ""

    def get_section(self, figure) -> int | None:
        return _outline(figure, "section")


class SummaryDetailSerializer(SummarySerializer):
    figures = FigureSerializer(many=True, read_only=True)
    missing = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    approximate = serializers.ListField(child=serializers.CharField(), read_only=True)
    omitted = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(SummarySerializer.Meta):
        fields = [*SummarySerializer.Meta.fields, "figures", "missing", "approximate", "omitted", "sections"]

    def get_missing(self, summary) -> list[dict]:
        figures = text.snapshot_figures(summary.figures)
        return (
            [{"key": k, "label": text.row_label(k)} for k in text.missing_keys(figures)] if summary.refreshed_at else []
        )

    def get_sections(self, summary) -> list[dict]:
        context = {"summary": summary, "figures": text.snapshot_figures(summary.figures)}
        return SectionSerializer(summary.sections.all(), many=True, context=context).data


class CreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(label="年度")


class SectionEditSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=text.SECTION_CODES, label="部分")
    text = serializers.CharField(label="段落内容", allow_blank=True, trim_whitespace=False)
    heading = serializers.CharField(
        label="标题", required=False, allow_blank=True, max_length=60, help_text="不含序号；留空用默认标题"
    )


class SectionCodeSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=text.SECTION_CODES, label="部分")


class FinaliseSerializer(serializers.Serializer):
    omitted = serializers.ListField(child=serializers.CharField(), required=False, default=list, label="确认省略的数据")


class ExportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ExportKind.choices, label="格式")


class TypedFigureSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=list(ROWS_BY_KEY), label="数据项")
    year = serializers.IntegerField(label="年度")
    value = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, label="数值")
    source = serializers.CharField(max_length=200, label="来源")
