from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import selectors, services
from ..filters import SummaryFilter
from ..models import ExportStatus, Summary
from . import serializers


class SummaryViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """年度工作总结：列表、按年度新建、更新数据、修改段落、重新生成、定稿、新建版本、导出与下载。"""

    filterset_class = SummaryFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Summary.objects.none()
        return selectors.summary_list(user=self.request.user)

    def get_object(self):
        return selectors.summary_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.SummaryDetailSerializer
        if self.action == "create":
            return serializers.CreateSerializer
        return serializers.SummarySerializer

    def _detail(self, summary, status_code=status.HTTP_200_OK):
        summary = selectors.summary_get(user=self.request.user, pk=summary.pk)
        return Response(serializers.SummaryDetailSerializer(summary).data, status=status_code)

    def _payload(self, serializer_class):
        payload = serializer_class(data=self.request.data)
        payload.is_valid(raise_exception=True)
        return payload.validated_data

    @extend_schema(request=serializers.CreateSerializer, responses=serializers.SummaryDetailSerializer)
    def create(self, request, *args, **kwargs):
        data = self._payload(serializers.CreateSerializer)
        summary = services.summary_create(actor=request.user, year=data["year"])
        return self._detail(summary, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=serializers.SummaryDetailSerializer)
    @action(detail=True, methods=["post"])
    def refresh(self, request, pk=None):
        summary = services.summary_refresh(actor=request.user, summary=self.get_object())
        return self._detail(summary)

    @extend_schema(request=serializers.SectionEditSerializer, responses=serializers.SummaryDetailSerializer)
    @action(detail=True, methods=["post"], url_path="edit-section")
    def edit_section(self, request, pk=None):
        summary = self.get_object()
        data = self._payload(serializers.SectionEditSerializer)
        section = get_object_or_404(summary.sections, code=data["code"])
        services.section_edit(actor=request.user, section=section, text_value=data["text"], heading=data.get("heading"))
        return self._detail(summary)

    @extend_schema(request=serializers.SectionCodeSerializer, responses=serializers.SummaryDetailSerializer)
    @action(detail=True, methods=["post"], url_path="regenerate-section")
    def regenerate_section(self, request, pk=None):
        summary = self.get_object()
        data = self._payload(serializers.SectionCodeSerializer)
        section = get_object_or_404(summary.sections, code=data["code"])
        services.section_regenerate(actor=request.user, section=section)
        return self._detail(summary)

    @extend_schema(request=serializers.TypedFigureSerializer, responses=serializers.SummaryDetailSerializer)
    @action(detail=True, methods=["post"], url_path="typed-figure")
    def typed_figure(self, request, pk=None):
        """手工录入一项数据（本年缺少的数据，或上年数据用于比较）；系统统计值优先。"""
        data = self._payload(serializers.TypedFigureSerializer)
        summary = self.get_object()
        services.typed_figure_save(actor=request.user, summary=summary, **data)
        return self._detail(summary)

    @extend_schema(request=serializers.FinaliseSerializer, responses=serializers.SummaryDetailSerializer)
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        data = self._payload(serializers.FinaliseSerializer)
        summary = services.summary_finalise(actor=request.user, summary=self.get_object(), omitted=data["omitted"])
        return self._detail(summary)

    @extend_schema(request=None, responses=serializers.SummaryDetailSerializer)
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        draft = services.summary_new_version(actor=request.user, summary=self.get_object())
        return self._detail(draft, status.HTTP_201_CREATED)

    @extend_schema(request=serializers.ExportRequestSerializer, responses={202: serializers.ExportSerializer})
    @action(detail=True, methods=["post"])
    def export(self, request, pk=None):
        data = self._payload(serializers.ExportRequestSerializer)
        export = services.export_request(actor=request.user, summary=self.get_object(), kind=data["kind"])
        export.refresh_from_db()
        return Response(serializers.ExportSerializer(export).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=serializers.ExportSerializer(many=True))
    @action(detail=True, methods=["get"])
    def exports(self, request, pk=None):
        exports = selectors.summary_exports(user=request.user, summary=self.get_object())
        return Response(serializers.ExportSerializer(exports, many=True).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(description="导出的文件")})
    @action(detail=True, methods=["get"], url_path=r"exports/(?P<export_id>\d+)/download")
    def download(self, request, pk=None, export_id=None):
        export = selectors.export_get(user=request.user, pk=export_id)
        if str(export.summary_id) != str(pk) or export.status != ExportStatus.DONE or not export.file:
            raise Http404
        return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename)
