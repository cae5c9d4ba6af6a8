"""The printed paper of a document's page: the 收文处理笺, the 发文稿纸 and the issued document.

Same visibility as the document (the selectors give 404); classified forms print as the page
shows them, and the issued document of a classified one only for users with clearance."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from .. import printing
from ..permissions import has_clearance
from ..selectors import incoming_get, outgoing_get
from ..services.common import log_classified_read

PDF = "application/pdf"

# The issued document's formats: (content type, maker).
ISSUED_FORMATS = {
    "pdf": (PDF, printing.issued_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", printing.issued_docx),
    "ofd": ("application/ofd", printing.issued_ofd),
}


def issued_file(user, pk, fmt):
    """(content, content type, file name) of the issued document, or 404 / 403."""
    if fmt not in ISSUED_FORMATS:
        raise Http404("没有这种格式。")
    document = outgoing_get(user=user, pk=pk)
    if not printing.is_issued(document):
        raise Http404("发文编号后才能生成正式文件。")
    if document.is_classified and not has_clearance(user):
        raise PermissionDenied("涉密文件的正式文件只对有权限的人员提供。")
    content_type, maker = ISSUED_FORMATS[fmt]
    return maker(document), content_type, printing.filename(document.document_number, document.title, fmt)


def file_response(content: bytes, content_type: str, name: str, *, attachment: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def incoming_slip(request, pk):
    document = incoming_get(user=request.user, pk=pk)
    log_classified_read(actor=request.user, document=document, what="打印收文处理笺")
    pdf = printing.incoming_slip_pdf(document, cleared=has_clearance(request.user))
    return file_response(pdf, PDF, printing.filename("收文处理笺", document.serial_number, "pdf"))


@login_required
def outgoing_sheet(request, pk):
    document = outgoing_get(user=request.user, pk=pk)
    log_classified_read(actor=request.user, document=document, what="打印发文稿纸")
    pdf = printing.outgoing_sheet_pdf(document, cleared=has_clearance(request.user))
    return file_response(pdf, PDF, printing.filename("发文稿纸", document.document_number, "pdf"))


@login_required
def outgoing_issued(request, pk, fmt):
    content, content_type, name = issued_file(request.user, pk, fmt)
    return file_response(content, content_type, name, attachment=fmt != "pdf")
