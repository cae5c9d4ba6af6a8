"""Attachment upload and permission-checked, logged download."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ..models import Attachment
from ..selectors import incoming_get, outgoing_get
from ..services import attachments as services


class UploadForm(forms.Form):
    file = forms.FileField(label="附件")


def _upload(request, document, detail):
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件。")
        return redirect(detail, pk=document.pk)
    try:
        attachment = services.attachment_add(actor=request.user, document=document, upload=form.cleaned_data["file"])
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已上传：{attachment.original_name}")
    return redirect(detail, pk=document.pk)


@login_required
@require_POST
def incoming_upload(request, pk):
    return _upload(request, incoming_get(user=request.user, pk=pk), "documents:incoming_detail")


@login_required
@require_POST
def outgoing_upload(request, pk):
    return _upload(request, outgoing_get(user=request.user, pk=pk), "documents:outgoing_detail")


@login_required
def attachment_download(request, pk):
    try:
        attachment = Attachment.objects.get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404("未找到该附件。") from None
    # The same scope as the document: a file of a document you may not see does not exist for you.
    if attachment.incoming_id:
        incoming_get(user=request.user, pk=attachment.incoming_id)
    else:
        outgoing_get(user=request.user, pk=attachment.outgoing_id)
    services.attachment_log_download(actor=request.user, attachment=attachment)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
