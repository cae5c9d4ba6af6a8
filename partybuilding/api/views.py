"""Party affairs API under /api/v1/partybuilding/: every list through the app's selectors (a
user without the Party view permission is refused the lists and sees no record: 404), every
change through one service."""

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from office.api.base import ServiceViewSet
from office.filters import parse_year

from .. import filters, permissions, selectors, services
from . import serializers as s


class PartyViewSet(ServiceViewSet):
    selector = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.list_serializer.Meta.model.objects.none()
        return type(self).selector(user=self.request.user)

    def list(self, request, *args, **kwargs):
        if not permissions.can_view(request.user):
            raise PermissionDenied("您没有查看党建工作的权限。")
        return super().list(request, *args, **kwargs)


class OrganViewSet(PartyViewSet):
    """党组织：机关党委、党总支、党支部、党小组；新增、换届。"""

    list_serializer = detail_serializer = s.PartyOrganSerializer
    create_serializer = s.PartyOrganCreateSerializer
    selector = staticmethod(selectors.organ_list)

    def create(self, request):
        return self.create_with(lambda data: services.organ_create(actor=request.user, **data))

    @extend_schema(request=s.PartyTermSerializer, responses=s.PartyOrganSerializer)
    @action(detail=True, methods=["post"])
    def term(self, request, pk=None):
        return self.run(
            s.PartyTermSerializer, lambda organ, data: services.organ_set_term(actor=request.user, organ=organ, **data)
        )

    @extend_schema(request=s.PartyCommitteeAppointSerializer, responses=s.PartyOrganSerializer)
    @action(detail=True, methods=["post"])
    def committee(self, request, pk=None):
        return self.run(
            s.PartyCommitteeAppointSerializer,
            lambda organ, data: services.committee_appoint(actor=request.user, organ=organ, **data),
        )


class MemberViewSet(PartyViewSet):
    """党员：登记（关联人事档案或单独录入）、修改、组织关系转出。"""

    list_serializer = detail_serializer = s.PartyMemberSerializer
    create_serializer = s.PartyMemberCreateSerializer
    filterset_class = filters.MemberFilter
    selector = staticmethod(selectors.member_list)

    def create(self, request):
        return self.create_with(lambda data: services.member_create(actor=request.user, **data))

    @extend_schema(request=s.PartyTransferInSerializer, responses=s.PartyMemberSerializer)
    @action(detail=False, methods=["post"], url_path="transfer-in")
    def transfer_in(self, request):
        data = self.payload(s.PartyTransferInSerializer)
        member = services.member_transfer_in(actor=request.user, **data)
        return self.detail_response(member, status.HTTP_201_CREATED)

    @extend_schema(request=s.PartyTransferOutSerializer, responses=s.PartyMemberSerializer)
    @action(detail=True, methods=["post"], url_path="transfer-out")
    def transfer_out(self, request, pk=None):
        return self.run(
            s.PartyTransferOutSerializer,
            lambda member, data: services.member_transfer_out(actor=request.user, member=member, **data),
        )


class AssessmentViewSet(PartyViewSet):
    """党费核定：按月份、党组织查询；`assess` 核定某月（或全年至本月）。"""

    list_serializer = detail_serializer = s.PartyAssessmentSerializer
    filterset_class = filters.AssessmentFilter
    selector = staticmethod(selectors.assessment_list)

    @extend_schema(request=s.PartyAssessSerializer, responses={200: dict})
    @action(detail=False, methods=["post"])
    def assess(self, request):
        data = self.payload(s.PartyAssessSerializer)
        if data.get("month"):
            result = services.dues_assess_month(
                actor=request.user, year=data["year"], month=data["month"], organ=data.get("organ")
            )
        else:
            result = services.dues_assess_year(actor=request.user, year=data["year"], organ=data.get("organ"))
        return Response(result)

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"])
    def totals(self, request):
        if not permissions.can_view(request.user):
            raise PermissionDenied("您没有查看党建工作的权限。")
        year = parse_year(request.query_params.get("year"))
        if year is None:
            raise ValidationError({"year": "请填写年度。"})
        totals = selectors.dues_totals(year=year)
        return Response({k: f"{v:.2f}" for k, v in totals.items()})

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"])
    def flagged(self, request):
        if not permissions.can_view(request.user):
            raise PermissionDenied("您没有查看党建工作的权限。")
        return Response(
            [
                {
                    "member": row["member"].pk,
                    "name": row["member"].name,
                    "organ": row["member"].organ.name,
                    "since": row["since"],
                    "months": row["months"],
                }
                for row in selectors.dues_flagged()
            ]
        )


class PaymentViewSet(PartyViewSet):
    """党费收缴：登记（可一次缴多个月）、作废。"""

    list_serializer = detail_serializer = s.PartyPaymentSerializer
    create_serializer = s.PartyPaymentCreateSerializer
    filterset_class = filters.PaymentFilter
    selector = staticmethod(selectors.payment_list)

    def create(self, request):
        return self.create_with(lambda data: services.dues_pay(actor=request.user, **data))

    @extend_schema(request=s.PartyReasonSerializer, responses=s.PartyPaymentSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self.run(
            s.PartyReasonSerializer,
            lambda payment, data: services.dues_payment_void(actor=request.user, payment=payment, **data),
        )

    @extend_schema(request=s.PartyReductionSerializer, responses={201: dict})
    @action(detail=False, methods=["post"])
    def reductions(self, request):
        data = self.payload(s.PartyReductionSerializer)
        reduction = services.dues_reduction_record(actor=request.user, **data)
        return Response({"id": reduction.pk}, status=status.HTTP_201_CREATED)


class RateTableViewSet(ServiceViewSet):
    """党费标准：档次、比例、舍入方式及执行日期；系统管理员新增。"""

    list_serializer = detail_serializer = s.PartyRateTableSerializer
    create_serializer = s.PartyRateTableCreateSerializer

    def get_queryset(self):
        return selectors.rate_tables(user=self.request.user)

    def list(self, request, *args, **kwargs):
        if not (permissions.can_view_rates(request.user) or permissions.can_view(request.user)):
            raise PermissionDenied("您没有查看党费标准的权限。")
        return super().list(request, *args, **kwargs)

    def create(self, request):
        def call(data):
            bands = [(b["category"], b["upper"], b["rate"]) for b in data.pop("bands")]
            return services.rate_table_save(actor=request.user, bands=bands, **data)

        return self.create_with(call)


class LifeViewSet(PartyViewSet):
    """组织生活（三会一课等）：通过会议模块安排，登记召开（支委会须过半数委员到会）。"""

    list_serializer = detail_serializer = s.PartyLifeSerializer
    create_serializer = s.PartyLifeCreateSerializer
    filterset_class = filters.LifeFilter
    selector = staticmethod(selectors.life_list)

    def create(self, request):
        return self.create_with(lambda data: services.life_arrange(actor=request.user, **data))

    @extend_schema(request=s.PartyHeldSerializer, responses=s.PartyLifeSerializer)
    @action(detail=True, methods=["post"])
    def held(self, request, pk=None):
        return self.run(
            s.PartyHeldSerializer, lambda life, data: services.life_record_held(actor=request.user, life=life, **data)
        )

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"])
    def rhythm(self, request):
        if not permissions.can_view(request.user):
            raise PermissionDenied("您没有查看党建工作的权限。")
        return Response(
            [
                {
                    "organ": w["organ"].pk,
                    "organ_name": w["organ"].name,
                    "type_code": w["code"],
                    "type": w["label"],
                    "rule": w["rule"],
                    "missing": w["missing"],
                }
                for w in selectors.rhythm_warnings()
            ]
        )


class DevelopmentViewSet(PartyViewSet):
    """发展党员：申请人 → 积极分子 → 发展对象 → 预备党员 → 正式党员；每一步由服务校验间隔和材料。"""

    list_serializer = detail_serializer = s.PartyDevelopmentSerializer
    create_serializer = s.PartyDevelopmentCreateSerializer
    filterset_class = filters.DevelopmentFilter
    selector = staticmethod(selectors.development_list)

    def create(self, request):
        return self.create_with(lambda data: services.development_register(actor=request.user, **data))

    def _step(self, serializer, service):
        return self.run(serializer, lambda dev, data: service(actor=self.request.user, development=dev, **data))

    @extend_schema(request=s.PartyTalkSerializer, responses=s.PartyDevelopmentSerializer)
    @action(detail=True, methods=["post"])
    def talk(self, request, pk=None):
        return self._step(s.PartyTalkSerializer, services.development_record_talk)

    @extend_schema(request=s.PartyActivistSerializer, responses=s.PartyDevelopmentSerializer)
    @action(detail=True, methods=["post"])
    def activist(self, request, pk=None):
        return self._step(s.PartyActivistSerializer, services.development_make_activist)

    @extend_schema(request=s.PartyAssessDevSerializer, responses=s.PartyDevelopmentSerializer)
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        return self._step(s.PartyAssessDevSerializer, services.development_assess)

    @extend_schema(request=s.PartyOnSerializer, responses=s.PartyDevelopmentSerializer)
    @action(detail=True, methods=["post"])
    def candidate(self, request, pk=None):
        return self._step(s.PartyOnSerializer, services.development_make_candidate)

    @extend_schema(request=s.PartyProbationarySerializer, responses=s.PartyDevelopmentSerializer)
    @action(detail=True, methods=["post"])
    def probationary(self, request, pk=None):
        return self._step(s.PartyProbationarySerializer, services.development_make_probationary)

    @extend_schema(request=s.PartyExtendSerializer, responses=s.PartyDevelopmentSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        return self._step(s.PartyExtendSerializer, services.development_extend_probation)

    @extend_schema(request=s.PartyOnSerializer, responses=s.PartyDevelopmentSerializer)
    @action(detail=True, methods=["post"])
    def full(self, request, pk=None):
        return self._step(s.PartyOnSerializer, services.development_make_full)

    @extend_schema(request=s.PartyRemoveSerializer, responses=s.PartyDevelopmentSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        return self._step(s.PartyRemoveSerializer, services.development_remove)


class _RecordViewSet(PartyViewSet):
    create_service = None

    def create(self, request):
        return self.create_with(lambda data: type(self).create_service(actor=request.user, **data))

    @extend_schema(request=s.PartyReasonSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self.run(
            s.PartyReasonSerializer,
            lambda record, data: services.record_void_simple(actor=request.user, record=record, **data),
        )


class AwardViewSet(_RecordViewSet):
    """表彰（两优一先）。"""

    list_serializer = detail_serializer = s.PartyAwardSerializer
    create_serializer = s.PartyAwardCreateSerializer
    filterset_class = filters.AwardFilter
    selector = staticmethod(selectors.award_list)
    create_service = staticmethod(services.award_create)


class CareViewSet(_RecordViewSet):
    """走访慰问。"""

    list_serializer = detail_serializer = s.PartyCareSerializer
    create_serializer = s.PartyCareCreateSerializer
    filterset_class = filters.CareFilter
    selector = staticmethod(selectors.care_list)
    create_service = staticmethod(services.care_visit_create)


class DisclosureViewSet(_RecordViewSet):
    """党务公开。"""

    list_serializer = detail_serializer = s.PartyDisclosureSerializer
    create_serializer = s.PartyDisclosureCreateSerializer
    filterset_class = filters.DisclosureFilter
    selector = staticmethod(selectors.disclosure_list)
    create_service = staticmethod(services.disclosure_create)


class IntegrityViewSet(_RecordViewSet):
    """党风廉政：廉洁过节提醒、监督检查、警示教育、提醒谈话。"""

    list_serializer = detail_serializer = s.PartyIntegritySerializer
    create_serializer = s.PartyIntegrityCreateSerializer
    filterset_class = filters.IntegrityFilter
    selector = staticmethod(selectors.integrity_list)
    create_service = staticmethod(services.integrity_record)
