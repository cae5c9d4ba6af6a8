"""A person's background exports (office/export.py): the list and the download."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from ..export import XLSX
from ..models import AuditEvent, RegisterExport
from ..services.audit_log import audit
from .generic import paginate


@login_required
def export_list(request):
    page, query = paginate(request, RegisterExport.objects.filter(requested_by=request.user))
    return render(request, "office/exports.html", {"page": page, "query": query})


@login_required
def export_download(request, pk):
    # Only the requester: an export holds exactly what they may see.
    job = RegisterExport.objects.filter(pk=pk, requested_by=request.user, status=RegisterExport.DONE).first()
    if job is None or not job.file:
        raise Http404("未找到该导出文件。")
    response = FileResponse(job.file.open("rb"), content_type=XLSX)
    audit(AuditEvent.EXPORT_DOWNLOAD, user=request.user, target=job.title, detail=f"{job.rows} 行（导出 #{job.pk}）")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(job.file.name.rsplit('/', 1)[-1])}"
    return response
