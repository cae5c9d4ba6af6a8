"""The printed paper of a document's page: the 收文处理笺, the 发文稿纸 and the issued document.

Same visibility as the document (the selectors give 404); classified forms print as the page
shows them, and the issued document of a classified one only for users with clearance."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from .. import printing
from ..permissions import has_clearance
from ..selectors import incoming_get, outgoing_get

PDF = "application/pdf"


def file_response(content: bytes, content_type: str, name: str, *, attachment: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def incoming_slip(request, pk):
    document = incoming_get(user=request.user, pk=pk)
    pdf = printing.incoming_slip_pdf(document, cleared=has_clearance(request.user))
    return file_response(pdf, PDF, printing.filename("收文处理笺", document.serial_number, "pdf"))


@login_required
def outgoing_sheet(request, pk):
    document = outgoing_get(user=request.user, pk=pk)
    pdf = printing.outgoing_sheet_pdf(document, cleared=has_clearance(request.user))
    return file_response(pdf, PDF, printing.filename("发文稿纸", document.document_number, "pdf"))
