"""Export rendering, on the `exports` queue (office/celery.py routes reports.tasks.* there).

Acknowledged late: a worker that dies mid-export leaves the message on the broker and another
worker renders the export again from its frozen content, so nothing is lost. A rendering error
is retried a few times before the export is marked failed.
"""

import hashlib
import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from office.audit import record_save

from .document import docx_bytes, pdf_bytes
from .models import Export, ExportKind, ExportStatus

logger = logging.getLogger(__name__)


def _progress(export_id, **fields):
    Export.objects.filter(pk=export_id).update(updated_at=timezone.now(), **fields)


def render_export(export: Export) -> Export:
    """Renders one export and stores the file with its size and SHA-256."""
    _progress(export.pk, status=ExportStatus.RUNNING, progress=10, attempts=export.attempts + 1)
    data = pdf_bytes(export.content) if export.kind == ExportKind.PDF else docx_bytes(export.content)
    _progress(export.pk, progress=80)
    with transaction.atomic():
        export = Export.objects.select_for_update().get(pk=export.pk)
        summary = export.summary
        export.file.save(
            f"summary-{summary.year}-v{summary.version}-{export.pk}.{export.kind}", ContentFile(data), save=False
        )
        export.size = len(data)
        export.sha256 = hashlib.sha256(data).hexdigest()
        export.status = ExportStatus.DONE
        export.progress = 100
        export.error = ""
        export.finished_at = timezone.now()
        record_save(
            export,
            actor=export.created_by,
            reason="导出完成",
            update_fields=["file", "size", "sha256", "status", "progress", "error", "finished_at", "updated_at"],
        )
    return export


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3, name="reports.tasks.export_render")
def export_render(self, export_id):
    export = Export.objects.select_related("summary", "created_by").filter(pk=export_id).first()
    if export is None or export.status == ExportStatus.DONE:
        return  # a redelivered message for an export already finished
    try:
        render_export(export)
    except Exception as exc:
        logger.exception("export %s failed", export_id)
        final = self.request.retries >= self.max_retries
        _progress(
            export_id,
            status=ExportStatus.FAILED if final else ExportStatus.QUEUED,
            progress=0,
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        if final:
            return
        if self.request.is_eager:
            # No broker to queue the retry on (exports run inline): try again here, at once.
            export_render.apply(args=[export_id], retries=self.request.retries + 1)
            return
        raise self.retry(exc=exc, countdown=5 * (self.request.retries + 1)) from exc


def exports_requeue_stuck(*, now=None) -> int:
    """Sends again the exports still queued or running EXPORT_STUCK_MINUTES after their last
    progress (a worker killed mid-export, a message lost with the broker)."""
    from datetime import timedelta

    from django.conf import settings

    now = now or timezone.now()
    limit = now - timedelta(minutes=settings.EXPORT_STUCK_MINUTES)
    stuck = list(
        Export.objects.filter(
            status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING], updated_at__lt=limit
        ).values_list("pk", flat=True)
    )
    Export.objects.filter(pk__in=stuck).update(status=ExportStatus.QUEUED, updated_at=now)
    for pk in stuck:
        export_render.delay(pk)
    return len(stuck)


@shared_task(name="reports.tasks.exports_requeue_stuck")
def exports_requeue_stuck_task():
    """Every quarter hour (reports/hooks.py): stuck summary exports are sent again."""
    return exports_requeue_stuck()
