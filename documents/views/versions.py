"""The versions of an outgoing document's 正文: the list, uploading a new one at the draft's
step, downloading one, and the differences between any two."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import permissions
from ..models import BodyVersion
from ..selectors import outgoing_get
from ..services import versions as services


class VersionUploadForm(forms.Form):
    file = forms.FileField(label="正文（Word 文档 .docx）")
    note = forms.CharField(label="修改说明", max_length=300, required=False)


def version_get(*, user, pk) -> BodyVersion:
    """A version of a document the user may read (404 otherwise)."""
    version = BodyVersion.objects.select_related("document", "created_by").filter(pk=pk).first()
    if version is None:
        raise Http404("未找到该正文版本。")
    outgoing_get(user=user, pk=version.document_id)  # the document's visibility
    return version


def _page(request, document, form=None, status=200):
    versions = list(document.versions.select_related("created_by").order_by("-number"))
    context = {
        "doc": document,
        "cleared": permissions.has_clearance(request.user),
        "versions": versions,
        "may_upload": permissions.may_add_version(request.user, document),
        "step": permissions.version_step(document),
        "form": form or VersionUploadForm(),
        "diff": None,
        "diff_error": "",
    }
    a, b = request.GET.get("a"), request.GET.get("b")
    if a or b:
        try:
            old, new = services.version_pair(document, a, b)
        except ValidationError as error:
            context["diff_error"] = "；".join(error.messages)
        else:
            problem = services.version_not_ready(old) or services.version_not_ready(new)
            if problem:
                context["diff_error"] = problem
            else:
                context["diff"] = services.version_diff(old, new)
        context["a"], context["b"] = a, b
    elif len(versions) >= 2:
        context["a"], context["b"] = str(versions[1].number), str(versions[0].number)
    if context["diff_error"]:
        status = 400
    return render(request, "documents/outgoing_versions.html", context, status=status)


@login_required
def outgoing_versions(request, pk):
    return _page(request, outgoing_get(user=request.user, pk=pk))


@login_required
@require_POST
def outgoing_version_upload(request, pk):
    document = outgoing_get(user=request.user, pk=pk)
    if not document.is_classified and permissions.version_step(document) is not None:
        services.version_check_may_upload(request.user, document)  # a 403 before the file is read
    form = VersionUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, document, form, status=400)
    try:
        version = services.version_upload(
            actor=request.user, document=document, upload=form.cleaned_data["file"], note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
        return _page(request, document, form, status=400)
    messages.success(request, f"已上传正文第{version.number}版（{version.get_step_display()}）。")
    return redirect("documents:outgoing_versions", pk=document.pk)


@login_required
def version_download(request, pk):
    version = version_get(user=request.user, pk=pk)
    if not version.file:
        raise Http404("这一版是网页录入的正文，没有 Word 文件。")
    services.version_log_download(actor=request.user, version=version)
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=services.version_filename(version))
