from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from office.api.base import ServiceViewSet

from .. import selectors, services
from ..filters import MeetingFilter
from ..models import Meeting, MeetingType, Room
from . import serializers


class MeetingTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """会议类型（启用的）。由系统管理员在系统管理中维护。"""

    serializer_class = serializers.MeetingTypeSerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MeetingType.objects.none()
        return selectors.meeting_type_list(user=self.request.user)


class RoomViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """会议室：列表、详情；系统管理员和办公室可新增、修改（停用而不删除）。"""

    serializer_class = serializers.RoomSerializer
    filterset_fields = ["is_active"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Room.objects.none()
        return selectors.room_list(user=self.request.user, include_inactive=True)

    def get_object(self):
        return selectors.room_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=serializers.RoomWriteSerializer, responses=serializers.RoomSerializer)
    def create(self, request, *args, **kwargs):
        payload = serializers.RoomWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        room = services.room_save(actor=request.user, **payload.validated_data)
        return Response(serializers.RoomSerializer(room).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.RoomWriteSerializer, responses=serializers.RoomSerializer)
    def partial_update(self, request, *args, **kwargs):
        room = self.get_object()
        payload = serializers.RoomWriteSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        room = services.room_save(actor=request.user, room=room, **payload.validated_data)
        return Response(serializers.RoomSerializer(room).data)


class MeetingViewSet(ServiceViewSet):
    """会议：列表、详情、安排，以及确认参会、请假、签到、代签到、座次、记录纪要、议定事项、登记召开、调整、取消。"""

    filterset_class = MeetingFilter
    list_serializer = serializers.MeetingSerializer
    detail_serializer = serializers.MeetingDetailSerializer
    create_serializer = serializers.MeetingCreateSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Meeting.objects.none()
        return selectors.meeting_list(user=self.request.user)

    @extend_schema(request=serializers.MeetingCreateSerializer, responses=serializers.MeetingDetailSerializer)
    def create(self, request, *args, **kwargs):
        return self.create_with(lambda data: services.meeting_create(actor=request.user, **data))

    @extend_schema(request=None, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self.run(
            serializers.MeetingEmptySerializer,
            lambda meeting, data: services.attendance_confirm(actor=request.user, meeting=meeting),
        )

    @extend_schema(request=serializers.MeetingReasonSerializer, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        return self.run(
            serializers.MeetingReasonSerializer,
            lambda meeting, data: services.attendance_ask_leave(actor=request.user, meeting=meeting, **data),
        )

    @extend_schema(request=serializers.MeetingSignInSerializer, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="sign-in")
    def sign_in(self, request, pk=None):
        return self.run(
            serializers.MeetingSignInSerializer,
            lambda meeting, data: services.attendance_sign_in(actor=request.user, meeting=meeting, **data),
        )

    @extend_schema(request=serializers.MeetingHandSignInSerializer, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="sign-in-person")
    def sign_in_person(self, request, pk=None):
        return self.run(
            serializers.MeetingHandSignInSerializer,
            lambda meeting, data: services.attendance_sign_in_by_hand(actor=request.user, meeting=meeting, **data),
        )

    @extend_schema(request=serializers.MeetingSeatingSerializer, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def seating(self, request, pk=None):
        return self.run(
            serializers.MeetingSeatingSerializer,
            lambda meeting, data: services.meeting_set_seating(actor=request.user, meeting=meeting, **data),
        )

    @extend_schema(request=serializers.MeetingMinutesSerializer, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def minutes(self, request, pk=None):
        return self.run(
            serializers.MeetingMinutesSerializer,
            lambda meeting, data: services.meeting_record_minutes(actor=request.user, meeting=meeting, **data),
        )

    @extend_schema(request=serializers.DecisionCreateSerializer, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def decisions(self, request, pk=None):
        return self.run(
            serializers.DecisionCreateSerializer,
            lambda meeting, data: services.decision_add(actor=request.user, meeting=meeting, **data),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def held(self, request, pk=None):
        return self.run(
            serializers.MeetingEmptySerializer,
            lambda meeting, data: services.meeting_mark_held(actor=request.user, meeting=meeting),
        )

    @extend_schema(request=serializers.MeetingAddAttendeesSerializer, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def attendees(self, request, pk=None):
        return self.run(
            serializers.MeetingAddAttendeesSerializer,
            lambda meeting, data: services.meeting_add_attendees(actor=request.user, meeting=meeting, **data),
        )

    @extend_schema(request=serializers.MeetingAgendaSerializer, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def agenda(self, request, pk=None):
        return self.run(
            serializers.MeetingAgendaSerializer,
            lambda meeting, data: services.meeting_set_agenda(actor=request.user, meeting=meeting, **data),
        )

    @extend_schema(request=serializers.MeetingRescheduleSerializer, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def reschedule(self, request, pk=None):
        return self.run(
            serializers.MeetingRescheduleSerializer,
            lambda meeting, data: services.meeting_reschedule(actor=request.user, meeting=meeting, **data),
        )

    @extend_schema(request=serializers.MeetingReasonSerializer, responses=serializers.MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self.run(
            serializers.MeetingReasonSerializer,
            lambda meeting, data: services.meeting_cancel(actor=request.user, meeting=meeting, **data),
        )
