import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from office.api.base import ServiceViewSet

from .. import permissions as perms
from .. import selectors, services
from ..filters import PatrolFilter, PetitionFilter, ReceptionFilter
from ..models import DutyDay, DutyLog, DutySwap, Patrol, Petition, Reception
from . import serializers as s


class PetitionViewSet(ServiceViewSet):
    """信访事项：登记、转送、交办、受理、不予受理、延期、答复、复查、复核、办结。"""

    list_serializer = s.PetitionListSerializer
    detail_serializer = s.PetitionSerializer
    create_serializer = s.PetitionCreateSerializer
    filterset_class = PetitionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Petition.objects.none()
        return selectors.petition_list(user=self.request.user)

    def create(self, request):
        return self.create_with(lambda d: services.petition_register(actor=request.user, **d))

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        _audit_petitioner_read(request.user, response.data, "接口读取信访事项")
        return response

    def _step(self, serializer, call):
        return self.run(serializer, lambda petition, d: call(petition, d))

    @extend_schema(request=s.PetitionTransferSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        return self._step(
            s.PetitionTransferSerializer, lambda p, d: services.petition_transfer(actor=request.user, petition=p, **d)
        )

    @extend_schema(request=s.PetitionAssignSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        return self._step(
            s.PetitionAssignSerializer, lambda p, d: services.petition_assign(actor=request.user, petition=p, **d)
        )

    @extend_schema(request=s.PetitionNoteSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._step(
            s.PetitionNoteSerializer, lambda p, d: services.petition_accept(actor=request.user, petition=p, **d)
        )

    @extend_schema(request=s.PetitionNoteSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return self._step(
            s.PetitionNoteSerializer, lambda p, d: services.petition_refuse(actor=request.user, petition=p, **d)
        )

    @extend_schema(request=s.PetitionExtendSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        return self._step(
            s.PetitionExtendSerializer, lambda p, d: services.petition_extend(actor=request.user, petition=p, **d)
        )

    @extend_schema(request=s.PetitionReplySerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        return self._step(
            s.PetitionReplySerializer, lambda p, d: services.petition_reply(actor=request.user, petition=p, **d)
        )

    @extend_schema(request=s.PetitionsOnSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"], url_path="review-request")
    def review_request(self, request, pk=None):
        return self._step(
            s.PetitionsOnSerializer, lambda p, d: services.petition_review_request(actor=request.user, petition=p, **d)
        )

    @extend_schema(request=s.PetitionDecisionSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"], url_path="review-decide")
    def review_decide(self, request, pk=None):
        return self._step(
            s.PetitionDecisionSerializer,
            lambda p, d: services.petition_review_decide(actor=request.user, petition=p, **d),
        )

    @extend_schema(request=s.PetitionsOnSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"], url_path="re-review-request")
    def re_review_request(self, request, pk=None):
        return self._step(
            s.PetitionsOnSerializer,
            lambda p, d: services.petition_re_review_request(actor=request.user, petition=p, **d),
        )

    @extend_schema(request=s.PetitionDecisionSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"], url_path="re-review-decide")
    def re_review_decide(self, request, pk=None):
        return self._step(
            s.PetitionDecisionSerializer,
            lambda p, d: services.petition_re_review_decide(actor=request.user, petition=p, **d),
        )

    @extend_schema(request=s.PetitionSatisfactionSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"])
    def satisfaction(self, request, pk=None):
        return self._step(
            s.PetitionSatisfactionSerializer,
            lambda p, d: services.petition_record_satisfaction(actor=request.user, petition=p, **d),
        )

    @extend_schema(request=s.PetitionsOnSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(
            s.PetitionsOnSerializer, lambda p, d: services.petition_close(actor=request.user, petition=p, **d)
        )

    @extend_schema(request=s.PetitionsReasonSerializer, responses=s.PetitionSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self._step(
            s.PetitionsReasonSerializer, lambda p, d: services.petition_void(actor=request.user, petition=p, **d)
        )


class ReceptionViewSet(ServiceViewSet):
    """公务接待：登记（须有公函）、审批（接待前，办公室主任或局领导）、登记完成、作废。"""

    list_serializer = s.ReceptionListSerializer
    detail_serializer = s.ReceptionSerializer
    create_serializer = s.ReceptionCreateSerializer
    filterset_class = ReceptionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Reception.objects.none()
        return selectors.reception_list(user=self.request.user)

    def create(self, request):
        return self.create_with(lambda d: services.reception_create(actor=request.user, **d))

    @extend_schema(request=s.PetitionsOnSerializer, responses=s.ReceptionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self.run(
            s.PetitionsOnSerializer, lambda r, d: services.reception_approve(actor=request.user, reception=r, **d)
        )

    @extend_schema(request=s.ReceptionCompleteSerializer, responses=s.ReceptionSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self.run(
            s.ReceptionCompleteSerializer,
            lambda r, d: services.reception_complete(actor=request.user, reception=r, **d),
        )

    @extend_schema(request=s.PetitionsReasonSerializer, responses=s.ReceptionSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self.run(
            s.PetitionsReasonSerializer, lambda r, d: services.reception_void(actor=request.user, reception=r, **d)
        )


class PatrolViewSet(ServiceViewSet):
    """安全巡查：登记（发现隐患即开立整改督办事项）、整改完成、作废。"""

    list_serializer = s.PatrolSerializer
    detail_serializer = s.PatrolSerializer
    create_serializer = s.PatrolCreateSerializer
    filterset_class = PatrolFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Patrol.objects.none()
        return selectors.patrol_list(user=self.request.user)

    def create(self, request):
        return self.create_with(lambda d: services.patrol_record(actor=request.user, **d))

    @extend_schema(request=s.PatrolRectifySerializer, responses=s.PatrolSerializer)
    @action(detail=True, methods=["post"])
    def rectify(self, request, pk=None):
        return self.run(
            s.PatrolRectifySerializer, lambda p, d: services.patrol_rectify(actor=request.user, patrol=p, **d)
        )


class DutyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """值班表：按日期范围查询（first、last，默认本月）；办公室可按轮值名单编排。"""

    serializer_class = s.DutyDaySerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DutyDay.objects.none()
        today = timezone.localdate()
        try:
            first = datetime.date.fromisoformat(self.request.query_params.get("first") or f"{today:%Y-%m}-01")
            last = datetime.date.fromisoformat(
                self.request.query_params.get("last") or (first + datetime.timedelta(days=31)).isoformat()
            )
        except ValueError as error:
            raise ValidationError({"first": "日期格式应为YYYY-MM-DD。"}) from error
        if (last - first).days > 366:
            raise ValidationError({"last": "一次最多查询一年的值班表。"})
        return selectors.duty_days(first, last)

    @extend_schema(request=s.DutyGenerateSerializer, responses=s.DutyDaySerializer(many=True))
    @action(detail=False, methods=["post"])
    def generate(self, request):
        if not perms.can_manage_duty(request.user):
            raise PermissionDenied("您没有编排值班表的权限。")
        serializer = s.DutyGenerateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        days = services.duty_generate(actor=request.user, **serializer.validated_data)
        queryset = selectors.duty_days(days[0].date, days[-1].date) if days else DutyDay.objects.none()
        return Response(s.DutyDaySerializer(queryset, many=True).data, status=201)


class DutySwapViewSet(ServiceViewSet):
    """换班申请：本人申请（可与替班人对调），办公室同意或不同意。"""

    list_serializer = s.DutySwapSerializer
    detail_serializer = s.DutySwapSerializer
    create_serializer = s.DutySwapCreateSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DutySwap.objects.none()
        return selectors.duty_swaps(self.request.user)

    def create(self, request):
        return self.create_with(lambda d: services.duty_swap_request(actor=request.user, **d))

    @extend_schema(request=None, responses=s.DutySwapSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self.run(None, lambda swap, d: services.duty_swap_decide(actor=request.user, swap=swap, approve=True))

    @extend_schema(request=None, responses=s.DutySwapSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self.run(None, lambda swap, d: services.duty_swap_decide(actor=request.user, swap=swap, approve=False))


class DutyLogViewSet(ServiceViewSet):
    """值班记录：当天值班人员填写；办公室、局领导和信访专干查看全部，其他人查看本人值班日的记录。"""

    list_serializer = s.DutyLogSerializer
    detail_serializer = s.DutyLogSerializer
    create_serializer = s.DutyLogCreateSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DutyLog.objects.none()
        return selectors.duty_log_list(user=self.request.user)

    def create(self, request):
        def call(d):
            day = DutyDay.objects.filter(date=d.pop("date")).first()
            if day is None:
                raise ValidationError({"date": "该日没有值班安排。"})
            return services.duty_log_add(actor=request.user, day=day, **d)

        return self.create_with(call)


def _audit_petitioner_read(user, data, what):
    """A petition read with its petitioners' personal data unmasked (the petitions officer, leaders)."""
    from office.services.audit_log import audit_personal_read

    from ..permissions import sees_petitioner

    if sees_petitioner(user):
        audit_personal_read(user=user, target=f"信访事项 {data.get('number', '')}（#{data.get('id')}）", what=what)
