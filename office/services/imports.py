"""Register imports: small files in the request, large ones in a Celery worker with progress.

    result = register_import(actor=user, importer="documents.services.imports.incoming_import",
                             upload=f, title="收文登记簿", done_url="/documents/incoming/")
    # an int (rows written, in the request) or a RegisterImport (queued; its page shows progress)

An importer is `fn(*, actor, upload, progress=None) -> int`: it checks every row, raises
ValidationError({"file": ["第3行，份数：…", …]}) and writes nothing when any row fails, and calls
`progress(done, total)` now and then. Up to settings.IMPORT_INLINE_ROWS rows it runs in the
request as before; beyond, the file is kept, the job queued (a broker outage is a clear message
and leaves nothing, office.queueing), and the worker runs the same importer as the requester.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..imports import count_register_rows
from ..models import RegisterImport
from ..plugins import resolve
from ..queueing import queue_after_commit, require_broker
from .notifications import notification_send

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 500  # rows between two progress writes


def register_import(*, actor, importer: str, upload, title: str, done_url: str = "", allowed: bool = True):
    """Imports `upload` with `importer` as `actor`: the row count written (small file) or the
    queued RegisterImport (large file). `allowed` is the caller's permission check, asked before
    a file is kept for a worker (the importer asks again)."""
    if not allowed:
        raise PermissionDenied("您没有导入该登记簿的权限。")
    rows = count_register_rows(upload)
    if rows <= settings.IMPORT_INLINE_ROWS:
        return resolve(importer)(actor=actor, upload=upload)
    from ..tasks import register_import_run

    require_broker(register_import_run)  # before the file is kept: an outage leaves nothing behind
    upload.seek(0)
    with transaction.atomic():
        job = RegisterImport(
            requested_by=actor, importer=importer, title=title[:100], rows_total=rows, done_url=done_url[:200]
        )
        job.file.save(getattr(upload, "name", "import.xlsx")[-80:], ContentFile(upload.read()), save=False)
        job.save()
        queue_after_commit(register_import_run, job.pk)
    return job


def register_import_run(*, job_id: int) -> RegisterImport:
    """Runs a queued import (the task). Safe to run twice: a finished job is left as it is."""
    with transaction.atomic():
        job = RegisterImport.objects.select_for_update().select_related("requested_by").get(pk=job_id)
        if job.finished:
            return job
        job.status = RegisterImport.RUNNING
        job.save(update_fields=["status"])

    def progress(done, total):
        RegisterImport.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    try:
        with job.file.open("rb") as handle:
            job.created = resolve(job.importer)(actor=job.requested_by, upload=handle, progress=progress)
    except (ValidationError, PermissionDenied) as error:
        if isinstance(error, ValidationError):
            messages = (
                error.message_dict.get("file", error.messages) if hasattr(error, "error_dict") else error.messages
            )
        else:
            messages = [str(error)]
        job.status, job.errors = RegisterImport.FAILED, [str(m) for m in messages]
    except Exception:
        logger.exception("Register import %s failed", job.pk)
        job.status = RegisterImport.FAILED
        job.errors = ["导入时发生系统错误，未导入任何记录，请稍后重试或联系系统管理员。"]
    else:
        job.status, job.errors = RegisterImport.DONE, []
        job.rows_done = job.rows_total
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "errors", "created", "rows_done", "finished_at"])
    done = job.status == RegisterImport.DONE
    outcome = f"已导入 {job.created} 条" if done else f"有 {len(job.errors)} 处问题，未导入"
    notification_send(
        recipient=job.requested_by, title=f"导入{job.title}：{outcome}", url=reverse("imports:detail", args=[job.pk])
    )
    return job


def register_import_get(*, user, pk) -> RegisterImport:
    """A job for its requester only (it holds their file and its errors)."""
    from django.http import Http404

    job = RegisterImport.objects.filter(pk=pk, requested_by=user).first()
    if job is None:
        raise Http404("未找到该导入任务。")
    return job
