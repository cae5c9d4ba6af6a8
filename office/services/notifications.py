"""The in-app notification list, with a copy by email where the person has an address."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Notification

logger = logging.getLogger(__name__)


def notification_send(*, recipient, title, body="", url="", dedupe_key=None, email=True):
    """Adds a notification; with a dedupe_key, a second one with the same key is not added.

    Returns the notification, or None when it was already sent. The email goes out after the
    transaction commits, so a rolled-back action sends nothing."""
    # Titles are derived from records' titles ("催办：" + a 200-character title): cut to fit the
    # column rather than fail the action that sends them.
    title = _fit(title, Notification._meta.get_field("title").max_length)
    url = url if len(url) <= Notification._meta.get_field("url").max_length else ""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, title=title, body=body, url=url, dedupe_key=dedupe_key
            )
    except IntegrityError:
        return None
    if email and recipient.email:
        transaction.on_commit(lambda: _email(recipient.email, title, body, url))
    return notification


def _fit(text, limit):
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _email(address, title, body, url):
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{url}" if url and getattr(settings, "SITE_URL", "") else ""
    try:
        send_mail(f"[办公系统] {title}", f"{body}{link}", None, [address])
    except OSError:
        logger.exception("Sending the notification email to %s failed", address)


def notification_mark_read(*, actor, notification_ids=None):
    """Marks the actor's notifications read: the given ones, or all when none are given."""
    qs = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
