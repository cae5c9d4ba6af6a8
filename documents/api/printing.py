"""The documents' printed paper through the API: the same files as the pages' print links."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from .. import printing
from ..permissions import has_clearance
from ..selectors import incoming_get, outgoing_get
from ..views.printing import PDF, file_response, issued_file


class IncomingSlipView(APIView):
    """收文处理笺（PDF，一页 A4；按已记录的办理环节填写）。"""

    @extend_schema(responses={(200, PDF): OpenApiTypes.BINARY})
    def get(self, request, pk):
        document = incoming_get(user=request.user, pk=pk)
        pdf = printing.incoming_slip_pdf(document, cleared=has_clearance(request.user))
        return file_response(pdf, PDF, printing.filename("收文处理笺", document.serial_number, "pdf"))


class OutgoingSheetView(APIView):
    """发文稿纸（PDF，一页 A4；签发、会签、核稿、拟稿等按已记录的环节填写）。"""

    @extend_schema(responses={(200, PDF): OpenApiTypes.BINARY})
    def get(self, request, pk):
        document = outgoing_get(user=request.user, pk=pk)
        pdf = printing.outgoing_sheet_pdf(document, cleared=has_clearance(request.user))
        return file_response(pdf, PDF, printing.filename("发文稿纸", document.document_number, "pdf"))


class OutgoingIssuedView(APIView):
    """正式文件（套红，GB/T 9704-2012 版式）：编号后可生成；涉密文件只对有权限的人员提供。"""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk, fmt):
        content, content_type, name = issued_file(request.user, pk, fmt)
        return file_response(content, content_type, name, attachment=fmt != "pdf")
