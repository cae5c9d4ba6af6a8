"""The documents API: lists and details through the selectors, one service per action."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from office.api.base import ServiceViewSet
from office.api.imports import RegisterImportSerializer
from office.filters import parse_year
from office.models import RegisterImport
from office.services.imports import register_import

from .. import permissions
from ..filters import (
    ArchiveFilter,
    IncomingFilter,
    InstructionFilter,
    OutgoingFilter,
    ProposalFilter,
    PublicityFilter,
    RegisterFilterBackend,
)
from ..models import ArchiveItem, Attachment, IncomingDocument, Instruction, OutgoingDocument, Proposal, PublicityItem
from ..selectors import (
    archive_list,
    incoming_get,
    incoming_list,
    instruction_completion_rates,
    instruction_get,
    instruction_list,
    outgoing_get,
    outgoing_list,
    proposal_get,
    proposal_list,
    publicity_counts,
    publicity_list,
    waiting,
)
from ..services import archive as archive_services
from ..services import attachments as attachment_services
from ..services import incoming as incoming_services
from ..services import outgoing as outgoing_services
from ..services import proposals as proposal_services
from ..services import publicity as publicity_services
from ..services import versions as version_services
from ..services.common import log_classified_read
from . import serializers as s
from .pagination import RegisterPagination


class _StepViewSet(mixins.CreateModelMixin, ServiceViewSet):
    pagination_class = RegisterPagination

    def get_record(self, pk):
        return self.get_one(pk)

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        log_classified_read(actor=request.user, document=self._retrieved, what="接口读取详情")
        return response

    def get_object(self):
        self._retrieved = super().get_object()
        return self._retrieved


class _AttachmentMixin:
    @extend_schema(request={"multipart/form-data": s.AttachmentUploadSerializer}, responses=s.AttachmentSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request, pk=None):
        document = self.get_object()
        payload = s.AttachmentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        attachment = attachment_services.attachment_add(
            actor=request.user, document=document, upload=payload.validated_data["file"]
        )
        return Response(s.AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


class AttachmentDownloadView(APIView):
    """下载附件（与文件同样的可见范围；每次下载都记录）。"""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        try:
            attachment = Attachment.objects.get(pk=pk)
        except Attachment.DoesNotExist:
            raise Http404 from None
        if attachment.incoming_id:
            incoming_get(user=request.user, pk=attachment.incoming_id)
        else:
            outgoing_get(user=request.user, pk=attachment.outgoing_id)
        attachment_services.attachment_log_download(actor=request.user, attachment=attachment)
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


class _ImportMixin:
    import_service = None  # the dotted path of the import service
    import_title = ""

    def import_allowed(self, user):
        raise NotImplementedError

    @extend_schema(
        request={"multipart/form-data": s.AttachmentUploadSerializer},
        responses={201: s.ImportCreatedSerializer, 202: RegisterImportSerializer},
        description="不超过 IMPORT_INLINE_ROWS 行：当场检查并写入（201）；更多行：转入后台（202），"
        "用返回的 `url` 查询进度和结果。",
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_register(self, request):
        payload = s.AttachmentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = register_import(
            actor=request.user,
            importer=self.import_service,
            upload=payload.validated_data["file"],
            title=self.import_title,
            allowed=self.import_allowed(request.user),
        )
        if isinstance(result, RegisterImport):
            data = RegisterImportSerializer(result, context=self.get_serializer_context()).data
            return Response(data, status=status.HTTP_202_ACCEPTED)
        return Response({"created": result}, status=status.HTTP_201_CREATED)


class IncomingViewSet(_ImportMixin, _AttachmentMixin, _StepViewSet):
    """收文：登记簿（筛选、搜索）、签收登记，以及登记、初审、拟办、批办、分送承办、传阅、阅毕、办结、催办、作废、归档。"""

    filterset_class = IncomingFilter
    filter_backends = [RegisterFilterBackend]
    import_service = "documents.services.imports.incoming_import"
    import_title = "收文登记簿"

    def import_allowed(self, user):
        return permissions.can_manage_incoming(user)
    list_serializer = s.IncomingSerializer
    detail_serializer = s.IncomingDetailSerializer
    create_serializer = s.IncomingReceiveSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return IncomingDocument.objects.none()
        return incoming_list(user=self.request.user)

    def get_one(self, pk):
        return incoming_get(user=self.request.user, pk=pk)

    @extend_schema(request=s.IncomingReceiveSerializer, responses=s.IncomingDetailSerializer)
    def create(self, request, *args, **kwargs):
        payload = s.IncomingReceiveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = incoming_services.incoming_receive(actor=request.user, **payload.validated_data)
        return self.detail_response(document, status.HTTP_201_CREATED)

    @extend_schema(request=s.OpinionSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        return self.run(
            s.OpinionSerializer, lambda d, data: incoming_services.incoming_register(actor=request.user, document=d)
        )

    @extend_schema(request=s.ReviewSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self.run(
            s.ReviewSerializer,
            lambda d, data: incoming_services.incoming_review(actor=request.user, document=d, **data),
        )

    @extend_schema(request=s.ProposeSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def propose(self, request, pk=None):
        return self.run(
            s.ProposeSerializer,
            lambda d, data: incoming_services.incoming_propose(actor=request.user, document=d, **data),
        )

    @extend_schema(request=s.RequiredOpinionSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def instruct(self, request, pk=None):
        return self.run(
            s.RequiredOpinionSerializer,
            lambda d, data: incoming_services.incoming_instruct(actor=request.user, document=d, **data),
        )

    @extend_schema(request=s.AssignSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        return self.run(
            s.AssignSerializer,
            lambda d, data: incoming_services.incoming_assign(actor=request.user, document=d, **data),
        )

    @extend_schema(request=s.CirculateSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def circulate(self, request, pk=None):
        return self.run(
            s.CirculateSerializer,
            lambda d, data: incoming_services.incoming_circulate(actor=request.user, document=d, **data),
        )

    @extend_schema(request=s.OpinionSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        return self.run(
            s.OpinionSerializer,
            lambda d, data: incoming_services.incoming_mark_read(actor=request.user, document=d, **data),
        )

    @extend_schema(request=s.RequiredOpinionSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self.run(
            s.RequiredOpinionSerializer,
            lambda d, data: incoming_services.incoming_complete(actor=request.user, document=d, **data),
        )

    @extend_schema(request=s.DocumentUrgeSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def urge(self, request, pk=None):
        return self.run(
            s.DocumentUrgeSerializer,
            lambda d, data: incoming_services.incoming_urge(actor=request.user, document=d, **data),
        )

    @extend_schema(request=s.DocumentReasonSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self.run(
            s.DocumentReasonSerializer,
            lambda d, data: incoming_services.incoming_void(actor=request.user, document=d, **data),
        )

    @extend_schema(request=s.ArchiveSerializer, responses=s.IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        return self.run(
            s.ArchiveSerializer,
            lambda d, data: archive_services.incoming_archive(actor=request.user, document=d, **data),
        )


class OutgoingViewSet(_ImportMixin, _AttachmentMixin, _StepViewSet):
    """发文：登记簿、拟稿，以及送审、核稿、会签、签发、退回、编号、印发、归档、作废。"""

    filterset_class = OutgoingFilter
    filter_backends = [RegisterFilterBackend]
    import_service = "documents.services.imports.outgoing_import"
    import_title = "发文登记簿"

    def import_allowed(self, user):
        return permissions.can_manage_outgoing(user)
    list_serializer = s.OutgoingSerializer
    detail_serializer = s.OutgoingDetailSerializer
    create_serializer = s.OutgoingDraftSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return OutgoingDocument.objects.none()
        return outgoing_list(user=self.request.user)

    def get_one(self, pk):
        return outgoing_get(user=self.request.user, pk=pk)

    @extend_schema(request=s.OutgoingDraftSerializer, responses=s.OutgoingDetailSerializer)
    def create(self, request, *args, **kwargs):
        payload = s.OutgoingDraftSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = outgoing_services.outgoing_draft(actor=request.user, **payload.validated_data)
        return self.detail_response(document, status.HTTP_201_CREATED)

    def _step(self, serializer_class, service):
        return self.run(serializer_class, lambda d, data: service(actor=self.request.user, document=d, **data))

    @extend_schema(request=s.OutgoingDraftSerializer, responses=s.OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def edit(self, request, pk=None):
        """修改拟稿或退回的文稿（只传要改的字段）。"""
        document = self.get_object()
        payload = s.OutgoingDraftSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("department", None)
        countersign = data.pop("countersign_departments", None)
        outgoing_services.outgoing_update(
            actor=request.user, document=document, countersign_departments=countersign, **data
        )
        return self.detail_response(document)

    @extend_schema(request=s.OpinionSerializer, responses=s.OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(s.OpinionSerializer, outgoing_services.outgoing_submit)

    @extend_schema(request=s.OpinionSerializer, responses=s.OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._step(s.OpinionSerializer, outgoing_services.outgoing_review)

    @extend_schema(request=s.OpinionSerializer, responses=s.OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def countersign(self, request, pk=None):
        return self._step(s.OpinionSerializer, outgoing_services.outgoing_countersign)

    @extend_schema(request=s.SignSerializer, responses=s.OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        return self._step(s.SignSerializer, outgoing_services.outgoing_sign)

    @extend_schema(request=s.DocumentReasonSerializer, responses=s.OutgoingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_draft(self, request, pk=None):
        return self._step(s.DocumentReasonSerializer, outgoing_services.outgoing_return)

    @extend_schema(request=s.NumberSerializer, responses=s.OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def number(self, request, pk=None):
        return self._step(s.NumberSerializer, outgoing_services.outgoing_assign_number)

    @extend_schema(request=s.DispatchSerializer, responses=s.OutgoingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="dispatch")
    def dispatch_document(self, request, pk=None):
        return self._step(s.DispatchSerializer, outgoing_services.outgoing_dispatch)

    @extend_schema(request=s.ArchiveSerializer, responses=s.OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        return self._step(s.ArchiveSerializer, outgoing_services.outgoing_archive)

    @extend_schema(request=s.DocumentReasonSerializer, responses=s.OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self._step(s.DocumentReasonSerializer, outgoing_services.outgoing_void)

    @extend_schema(responses=s.BodyVersionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        """正文各版本（新版在前）：拟稿、核稿、会签、签发、复核各环节提交的版本都保留。"""
        document = self.get_object()
        rows = document.versions.select_related("created_by").order_by("-number")
        return Response(s.BodyVersionSerializer(rows, many=True, context=self.get_serializer_context()).data)

    @extend_schema(request={"multipart/form-data": s.BodyVersionUploadSerializer}, responses=s.BodyVersionSerializer)
    @versions.mapping.post
    def upload_version(self, request, pk=None):
        """上传正文新版本（.docx），只限当前环节的办理人；文字由后台任务提取。"""
        document = self.get_object()
        if not document.is_classified and permissions.version_step(document) is not None:
            version_services.version_check_may_upload(request.user, document)  # a 403 before the file
        payload = s.BodyVersionUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        version = version_services.version_upload(
            actor=request.user,
            document=document,
            upload=payload.validated_data["file"],
            note=payload.validated_data["note"],
        )
        data = s.BodyVersionSerializer(version, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("a", int, required=True, description="原版本号"),
            OpenApiParameter("b", int, required=True, description="新版本号"),
        ],
        responses=s.VersionDiffSerializer,
    )
    @action(detail=True, methods=["get"], url_path="versions/diff", pagination_class=None)
    def version_diff(self, request, pk=None):
        """两个正文版本逐段比较的差异（difflib）。"""
        document = self.get_object()
        old, new = version_services.version_pair(document, request.query_params.get("a"), request.query_params.get("b"))
        problem = version_services.version_not_ready(old) or version_services.version_not_ready(new)
        if problem:
            raise ValidationError({"a" if version_services.version_not_ready(old) else "b": problem})
        diff = version_services.version_diff(old, new)
        return Response(s.VersionDiffSerializer(diff, context=self.get_serializer_context()).data)


class VersionDownloadView(APIView):
    """下载正文版本的 Word 文件（与发文同样的可见范围；每次下载都记录）。"""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        from ..views.versions import version_get

        version = version_get(user=request.user, pk=pk)
        if not version.file:
            raise Http404("这一版是网页录入的正文，没有 Word 文件。")
        version_services.version_log_download(actor=request.user, version=version)
        return FileResponse(
            version.file.open("rb"), as_attachment=True, filename=version_services.version_filename(version)
        )


class _RecordViewSet(mixins.CreateModelMixin, ServiceViewSet):
    """Registers whose list and detail are one shape: the selector, one service per action."""

    pagination_class = RegisterPagination

    def get_record(self, pk):
        return self.get_one(pk)

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        log_classified_read(actor=request.user, document=self._retrieved, what="接口读取详情")
        return response

    def get_object(self):
        self._retrieved = super().get_object()
        return self._retrieved

    def create(self, request, *args, **kwargs):
        return self.create_with(self.create_record)


class ProposalViewSet(_RecordViewSet):
    """人大代表建议、政协委员提案：登记（督办立项）、答复、满意度、作废。"""

    filterset_class = ProposalFilter
    list_serializer = detail_serializer = s.ProposalSerializer
    create_serializer = s.ProposalRegisterSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Proposal.objects.none()
        return proposal_list(user=self.request.user).prefetch_related("co_departments")

    def get_one(self, pk):
        return proposal_get(user=self.request.user, pk=pk)

    def create_record(self, data):
        return proposal_services.proposal_register(actor=self.request.user, **data)

    @extend_schema(request=s.ProposalRegisterSerializer, responses=s.ProposalSerializer)
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=s.ReplySerializer, responses=s.ProposalSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        return self.run(
            s.ReplySerializer, lambda p, d: proposal_services.proposal_reply(actor=request.user, proposal=p, **d)
        )

    @extend_schema(request=s.RateSerializer, responses=s.ProposalSerializer)
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        return self.run(
            s.RateSerializer, lambda p, d: proposal_services.proposal_rate(actor=request.user, proposal=p, **d)
        )

    @extend_schema(request=s.DocumentReasonSerializer, responses=s.ProposalSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self.run(
            s.DocumentReasonSerializer,
            lambda p, d: proposal_services.proposal_void(actor=request.user, proposal=p, **d),
        )


class InstructionViewSet(_RecordViewSet):
    """领导批示：登记（督办立项）、办结、作废；`completion/` 按年度的完结率。"""

    filterset_class = InstructionFilter
    list_serializer = detail_serializer = s.InstructionSerializer
    create_serializer = s.InstructionCreateSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Instruction.objects.none()
        return instruction_list(user=self.request.user)

    def get_one(self, pk):
        return instruction_get(user=self.request.user, pk=pk)

    def create_record(self, data):
        return proposal_services.instruction_create(actor=self.request.user, **data)

    @extend_schema(request=s.InstructionCreateSerializer, responses=s.InstructionSerializer)
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=s.CompleteInstructionSerializer, responses=s.InstructionSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self.run(
            s.CompleteInstructionSerializer,
            lambda i, d: proposal_services.instruction_complete(actor=request.user, instruction=i, **d),
        )

    @extend_schema(request=s.DocumentReasonSerializer, responses=s.InstructionSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self.run(
            s.DocumentReasonSerializer,
            lambda i, d: proposal_services.instruction_void(actor=request.user, instruction=i, **d),
        )

    @extend_schema(responses={200: s.InstructionCompletionSerializer(many=True)}, filters=False)
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def completion(self, request):
        return Response(instruction_completion_rates(user=request.user))


class ArchiveViewSet(viewsets.ReadOnlyModelViewSet):
    """归档文件目录（按年度、保管期限、机构筛选）。归档本身是收文/发文的 `archive` 动作。"""

    serializer_class = s.ArchiveItemSerializer
    filterset_class = ArchiveFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ArchiveItem.objects.none()
        return archive_list(user=self.request.user)


class PublicityViewSet(_RecordViewSet):
    """信息宣传：登记、作废；`counts/?year=` 按渠道的年度篇数。"""

    filterset_class = PublicityFilter
    list_serializer = detail_serializer = s.PublicitySerializer
    create_serializer = s.PublicityCreateSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PublicityItem.objects.none()
        return publicity_list(user=self.request.user)

    def get_one(self, pk):
        try:
            return publicity_list(user=self.request.user).get(pk=pk)
        except (PublicityItem.DoesNotExist, ValueError, TypeError):
            raise Http404 from None

    def create_record(self, data):
        return publicity_services.publicity_create(actor=self.request.user, **data)

    @extend_schema(request=s.PublicityCreateSerializer, responses=s.PublicitySerializer)
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=s.DocumentReasonSerializer, responses=s.PublicitySerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        return self.run(
            s.DocumentReasonSerializer,
            lambda item, d: publicity_services.publicity_void(actor=request.user, item=item, **d),
        )

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"])
    def counts(self, request):
        year = parse_year(request.query_params.get("year"), timezone.localdate().year)
        return Response({"year": year, "channels": publicity_counts(year=year)})


class WaitingView(APIView):
    """公文待办：等待当前用户处理的收文（逾期的在前，再按办理期限，至多 50 件）和发文（至多 50 件），
    与“公文待办”页面相同：文书的登记、初审、拟办、分办，领导的批办、签发，科室的办结、会签，每个人的传阅。"""

    @extend_schema(responses=s.WaitingSerializer)
    def get(self, request):
        return Response(s.WaitingSerializer(waiting(user=request.user), context={"request": request}).data)
