"""The personnel API: the same selectors and services as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from office.api.base import ServiceViewSet

from .. import selectors, services
from ..choices import SensitiveAccessVia
from ..filters import (
    AppointmentFilter,
    ExpertTaskFilter,
    PersonFilter,
    RecruitmentFilter,
    SalaryChangeFilter,
    TalkFilter,
    TitleReviewFilter,
)
from . import serializers as s


class PersonViewSet(ServiceViewSet):
    list_serializer = s.PersonListSerializer
    detail_serializer = s.PersonSerializer
    create_serializer = s.PersonInputSerializer
    filterset_class = PersonFilter

    def get_queryset(self):
        return selectors.person_list(user=self.request.user)

    def retrieve(self, request, *args, **kwargs):
        from office.services.audit_log import audit_personal_read

        from ..permissions import can_view_personal_data, is_own

        person = self.get_object()
        if can_view_personal_data(request.user, person) and not is_own(request.user, person):
            target = f"人员 {person.name}（#{person.pk}）"
            audit_personal_read(user=request.user, target=target, what="接口读取人员档案")
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(request=s.PersonInputSerializer, responses=s.PersonSerializer)
    def create(self, request):
        return self.create_with(lambda data: services.person_create(actor=request.user, **data))

    @extend_schema(request=s.PersonInputSerializer, responses=s.PersonSerializer)
    def partial_update(self, request, pk=None):
        """Changes a record's facts; post and rank change through appointments (400 if sent)."""
        person = self.get_object()
        serializer = s.PersonInputSerializer(person, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self.detail_response(
            services.person_update(actor=request.user, person=person, **serializer.validated_data)
        )

    @extend_schema(parameters=[s.SalaryBaseQuerySerializer], responses={200: dict})
    @action(detail=True, methods=["get"], url_path="salary-base")
    def salary_base(self, request, pk=None):
        """The fixed monthly base of the person in a month (HR and the person themselves)."""
        from django.core.exceptions import PermissionDenied

        from ..permissions import can_view_salary

        person = self.get_object()
        if not can_view_salary(request.user, person):
            raise PermissionDenied("您不能查看该人员的薪资。")
        query = s.SalaryBaseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        base = services.salary_base_for_month(person=person, **query.validated_data)
        services.salary_read_record(viewer=request.user, person=person, via=SensitiveAccessVia.API)
        return Response({**query.validated_data, "person": person.pk, "base": None if base is None else f"{base:f}"})


class AppointmentViewSet(ServiceViewSet):
    list_serializer = s.AppointmentSerializer
    detail_serializer = s.AppointmentSerializer
    create_serializer = s.AppointmentInputSerializer
    filterset_class = AppointmentFilter

    def get_queryset(self):
        return selectors.appointment_list(user=self.request.user)

    @extend_schema(request=s.AppointmentInputSerializer, responses=s.AppointmentSerializer)
    def create(self, request):
        return self.create_with(lambda data: services.appointment_record(actor=request.user, **data))

    @extend_schema(request=None, responses=s.AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        return self.run(None, lambda a, data: services.appointment_apply(actor=request.user, appointment=a))

    @extend_schema(request=s.PersonnelReasonSerializer, responses=s.AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self.run(
            s.PersonnelReasonSerializer,
            lambda a, data: services.appointment_void(actor=request.user, appointment=a, **data),
        )


class SalaryChangeViewSet(ServiceViewSet):
    """Salary records: HR's register, anyone else their own. Each answer that shows someone
    else's figures is recorded in the read log."""

    list_serializer = s.SalaryChangeSerializer
    detail_serializer = s.SalaryChangeSerializer
    create_serializer = s.SalaryChangeInputSerializer
    filterset_class = SalaryChangeFilter

    def get_queryset(self):
        return selectors.salary_list(user=self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page", None)
        rows = page.object_list if page is not None else []
        services.salary_reads_record(viewer=request.user, persons={c.person for c in rows}, via=SensitiveAccessVia.API)
        return response

    def retrieve(self, request, *args, **kwargs):
        change = self.get_object()
        services.salary_read_record(viewer=request.user, person=change.person, via=SensitiveAccessVia.API,
                                    change=change)  # fmt: skip
        return Response(self.detail_serializer(change, context=self.get_serializer_context()).data)

    @extend_schema(request=s.SalaryChangeInputSerializer, responses=s.SalaryChangeSerializer)
    def create(self, request):
        def call(data):
            components = {n: data.pop(n) for n in list(data) if n not in ("person", "effective_month", "reason",
                                                                          "note") and data[n] is not None}  # fmt: skip
            data = {k: v for k, v in data.items() if k in ("person", "effective_month", "reason", "note")}
            return services.salary_change_record(actor=request.user, components=components, **data)

        return self.create_with(call)

    @extend_schema(request=s.PersonnelReasonSerializer, responses=s.SalaryChangeSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self.run(
            s.PersonnelReasonSerializer,
            lambda c, data: services.salary_change_void(actor=request.user, change=c, **data),
        )


def _simple(serializer, filterset, selector, service, name):
    """A register whose API lists its rows and records new ones through its service."""

    class ViewSet(ServiceViewSet):
        list_serializer = serializer
        detail_serializer = serializer
        create_serializer = serializer
        filterset_class = filterset

        def get_queryset(self):
            return selector(user=self.request.user)

        @extend_schema(request=serializer, responses=serializer)
        def create(self, request):
            return self.create_with(lambda data: service(actor=request.user, **data))

    ViewSet.__name__ = ViewSet.__qualname__ = name
    return ViewSet


RecruitmentViewSet = _simple(s.RecruitmentSerializer, RecruitmentFilter, selectors.recruitment_list,
                             services.recruitment_record, "RecruitmentViewSet")  # fmt: skip
TitleReviewViewSet = _simple(s.TitleReviewSerializer, TitleReviewFilter, selectors.title_list,
                             services.title_review_record, "TitleReviewViewSet")  # fmt: skip
ExpertTaskViewSet = _simple(s.ExpertTaskSerializer, ExpertTaskFilter, selectors.expert_list,
                            services.expert_task_record, "ExpertTaskViewSet")  # fmt: skip
TalkViewSet = _simple(s.PersonnelTalkSerializer, TalkFilter, selectors.talk_list, services.talk_record, "TalkViewSet")
TransferViewSet = _simple(s.TransferSerializer, None, selectors.transfer_list, services.transfer_record,
                          "TransferViewSet")  # fmt: skip


class AssessmentRoundViewSet(ServiceViewSet):
    list_serializer = s.AssessmentRoundSerializer
    detail_serializer = s.AssessmentRoundSerializer

    def get_queryset(self):
        return selectors.round_list(user=self.request.user).prefetch_related("assessments__person")

    @extend_schema(request=s.AssessmentRoundInputSerializer, responses=s.AssessmentRoundSerializer)
    def create(self, request):
        """Opens a year's round for a unit (or the whole bureau), enrolling its serving staff."""
        data = self.payload(s.AssessmentRoundInputSerializer)
        return self.detail_response(
            services.assessment_round_open(actor=request.user, year=data["year"], unit=data.get("unit")),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=s.AssessmentRoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self.run(None, lambda r, data: services.assessment_round_close(actor=request.user, assessment_round=r))

    @extend_schema(request=s.GradesInputSerializer, responses=s.AssessmentRoundSerializer)
    @action(detail=True, methods=["post"])
    def grades(self, request, pk=None):
        assessment_round = self.get_object()
        data = self.payload(s.GradesInputSerializer)
        quota = services.assessment_grades_record(
            actor=request.user,
            assessment_round=assessment_round,
            grades={row["person"]: row["grade"] for row in data["grades"]},
        )
        body = s.AssessmentRoundSerializer(self.get_queryset().get(pk=assessment_round.pk)).data
        return Response({**body, "quota_warning": quota.message if quota.near else ""}, status=status.HTTP_200_OK)
