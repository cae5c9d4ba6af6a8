"""Background exports of large registers (office/export.py)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..export import Register, write_job_file
from ..models import RegisterExport
from ..plugins import resolve
from ..queueing import queue_after_commit
from .notifications import notification_send


def register_export_request(*, actor, register_path: str, params) -> RegisterExport:
    """Queues the export of a register as `actor` sees it, filtered by `params` (a QueryDict)."""
    from ..tasks import register_export_run

    register: Register = resolve(register_path)
    with transaction.atomic():
        job = RegisterExport.objects.create(
            requested_by=actor,
            register=register_path,
            title=register.title,
            params={key: params.getlist(key) for key in params},
        )
        queue_after_commit(register_export_run, job.pk)
    return job


def register_exports_requeue_stuck(*, now=None) -> int:
    """Sends again the exports still queued or running EXPORT_STUCK_MINUTES after they were asked
    for (a worker killed mid-export, a message lost with the broker). Daily beat and on demand."""
    from datetime import timedelta

    from django.conf import settings

    from ..tasks import register_export_run

    now = now or timezone.now()
    limit = now - timedelta(minutes=settings.EXPORT_STUCK_MINUTES)
    stuck = list(
        RegisterExport.objects.filter(
            status__in=[RegisterExport.QUEUED, RegisterExport.RUNNING], created_at__lt=limit
        ).values_list("pk", flat=True)
    )
    RegisterExport.objects.filter(pk__in=stuck).update(status=RegisterExport.QUEUED)
    for pk in stuck:
        register_export_run.delay(pk)
    return len(stuck)


def register_export_run(*, job_id: int) -> RegisterExport:
    """Writes the file of a queued export and tells the requester. Safe to run twice: a job
    already finished is left as it is."""
    with transaction.atomic():
        job = RegisterExport.objects.select_for_update().select_related("requested_by").get(pk=job_id)
        if job.status == RegisterExport.DONE:
            return job
        job.status = RegisterExport.RUNNING
        job.save(update_fields=["status"])
    try:
        write_job_file(job)
    except Exception as exc:
        job.status = RegisterExport.FAILED
        job.error = str(exc)[:300]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        raise
    job.status = RegisterExport.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "file", "rows", "finished_at"])
    notification_send(
        recipient=job.requested_by,
        title=f"导出已完成：{job.title}（{job.rows}行）",
        url=reverse("exports:download", args=[job.pk]),
    )
    return job
