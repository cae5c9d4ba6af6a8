"""A large register import's progress and result (office/services/imports.py), for its requester."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import RegisterImport
from ..services.imports import register_import_get


class RegisterImportSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = RegisterImport
        fields = [
            "id",
            "title",
            "status",
            "status_display",
            "rows_total",
            "rows_done",
            "percent",
            "created",
            "errors",
            "created_at",
            "finished_at",
            "url",
        ]

    def get_url(self, job) -> str:
        return reverse("api-import", args=[job.pk])


class RegisterImportView(APIView):
    """导入任务的进度与结果：status 为 done 时 created 是写入条数；failed 时 errors 列出每一行的问题。"""

    @extend_schema(responses=RegisterImportSerializer, tags=["imports"])
    def get(self, request, pk):
        return Response(RegisterImportSerializer(register_import_get(user=request.user, pk=pk)).data)
