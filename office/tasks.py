"""Celery tasks: each loads what it needs by id and calls a service."""

from celery import shared_task
from django.db import OperationalError

from .services import calendar as calendar_services
from .services import supervision as supervision_services


@shared_task(name="office.tasks.calendar_warn_missing_years")
def calendar_warn_missing_years():
    return calendar_services.calendar_warn_missing_years()


@shared_task(
    name="office.tasks.supervision_send_reminders", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def supervision_send_reminders():
    """Daily: reminds people of items due within the next working days and of overdue ones.

    Safe to retry: each reminder is sent at most once per item, person and day."""
    return supervision_services.supervision_send_reminders()


@shared_task(
    name="office.tasks.register_export_run",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    queue="exports",
)
def register_export_run(job_id):
    """Writes a large register's Excel file (office/export.py) and notifies the requester."""
    from .services.exports import register_export_run as run

    run(job_id=job_id)


@shared_task(name="office.tasks.register_exports_requeue_stuck")
def register_exports_requeue_stuck():
    """Every quarter hour: register exports stuck past EXPORT_STUCK_MINUTES are sent again."""
    from .services.exports import register_exports_requeue_stuck as requeue

    return requeue()


@shared_task(name="office.tasks.audit_log_prune")
def audit_log_prune():
    """Daily: removes audit events older than AUDIT_RETENTION_DAYS (never fewer than 180)."""
    from .services.audit_log import audit_prune

    return audit_prune()


@shared_task(name="office.tasks.register_import_run")
def register_import_run(job_id):
    """Checks and writes a large register import (office/services/imports.py), with its progress."""
    from .services.imports import register_import_run as run

    run(job_id=job_id)
