"""Celery tasks of the documents app: each loads what it needs by id and calls a service."""

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="documents.tasks.version_extract_text", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def version_extract_text(version_id):
    """The paragraphs of an uploaded 正文 version (once; safe to retry)."""
    from .services.extraction import version_extract_text as extract

    extract(version_id=version_id)


@shared_task(
    name="documents.tasks.attachment_extract_text",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def attachment_extract_text(attachment_id):
    """The text of an uploaded attachment (once; safe to retry)."""
    from .services.extraction import attachment_extract_text as extract

    extract(attachment_id=attachment_id)
