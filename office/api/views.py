from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import permissions
from ..filters import SupervisedItemFilter, parse_year
from ..models import SupervisedItem
from ..selectors import dashboard_figures, dashboard_years, department_list, supervised_item_list
from ..services import supervision as services
from . import serializers
from .base import ServiceViewSet


class DepartmentViewSet(viewsets.ReadOnlyModelViewSet):
    """科室和二级单位（启用的）。"""

    serializer_class = serializers.DepartmentSerializer
    filterset_fields = ["kind", "parent"]

    def get_queryset(self):
        return department_list(user=self.request.user)


class MeView(APIView):
    """当前登录用户的信息、角色和权限。"""

    @extend_schema(responses=serializers.MeSerializer)
    def get(self, request):
        return Response(serializers.MeSerializer(request.user, context={"request": request}).data)


class SupervisedItemViewSet(ServiceViewSet):
    """督办事项：列表、详情、立项，以及反馈、催办、办结、重新办理、撤销。"""

    filterset_class = SupervisedItemFilter
    list_serializer = serializers.SupervisedItemSerializer
    detail_serializer = serializers.SupervisedItemDetailSerializer
    create_serializer = serializers.SupervisedItemOpenSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return SupervisedItem.objects.none()
        return supervised_item_list(user=self.request.user)

    @extend_schema(
        request=serializers.SupervisedItemOpenSerializer, responses=serializers.SupervisedItemDetailSerializer
    )
    def create(self, request, *args, **kwargs):
        return self.create_with(lambda data: services.supervised_item_open(actor=request.user, **data))

    @extend_schema(request=serializers.ProgressSerializer, responses=serializers.SupervisedItemDetailSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        return self.run(
            serializers.ProgressSerializer,
            lambda item, data: services.supervised_item_report_progress(actor=request.user, item=item, **data),
        )

    @extend_schema(request=serializers.UrgeSerializer, responses=serializers.SupervisedItemDetailSerializer)
    @action(detail=True, methods=["post"])
    def urge(self, request, pk=None):
        return self.run(
            serializers.UrgeSerializer,
            lambda item, data: services.supervised_item_urge(actor=request.user, item=item, **data),
        )

    @extend_schema(request=serializers.CompleteSerializer, responses=serializers.SupervisedItemDetailSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self.run(
            serializers.CompleteSerializer,
            lambda item, data: services.supervised_item_complete(actor=request.user, item=item, **data),
        )

    @extend_schema(request=serializers.ReasonSerializer, responses=serializers.SupervisedItemDetailSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self.run(
            serializers.ReasonSerializer,
            lambda item, data: services.supervised_item_reopen(actor=request.user, item=item, **data),
        )

    @extend_schema(request=serializers.ReasonSerializer, responses=serializers.SupervisedItemDetailSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self.run(
            serializers.ReasonSerializer,
            lambda item, data: services.supervised_item_void(actor=request.user, item=item, **data),
        )


class DashboardView(APIView):
    """督办看板：某年到期的督办事项（今年的还含往年结转、仍未办结的）的各项数字，合计、按科室、按类别，
    以及逾期事项（时限最早的 50 项），与看板页面相同。仅局领导、办公室主任和文书可看。"""

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="年度，默认今年")],
        responses=serializers.DashboardSerializer,
    )
    def get(self, request):
        if not permissions.can_view_dashboard(request.user):
            raise PermissionDenied("督办看板仅向局领导、办公室主任和文书开放。")
        today = timezone.localdate()
        year = parse_year(request.query_params.get("year"), today.year)
        figures = dashboard_figures(year=year, today=today)
        data = {**figures, "years": dashboard_years(today)}
        return Response(serializers.DashboardSerializer(data, context={"request": request}).data)
