"""Writing the security audit log (office.models.AuditEvent).

    audit(AuditEvent.EXPORT, target="收文登记簿", detail="120 行")

The request being served (set by office.middleware.AuditContextMiddleware) supplies the user,
the address and the path, so a service deep in a call needs no request to record an event.

A write is one INSERT. It never breaks what the user is doing: if the INSERT fails (the
database refused it, a value did not fit), the event is written to the `office.audit` logger
at ERROR, with all its fields, and the request goes on. Inside a transaction the INSERT runs
in a savepoint, so its failure does not spoil the caller's transaction. The reasoning: the
events are about other actions (a login, a read, a refusal); refusing those because the log
is unwritable would turn a logging fault into an outage, and the logger's copy (shipped to
syslog in production, docs/deployment.md) keeps the trail."""

import contextvars
import logging

from django.db import DatabaseError, connection, transaction

from ..models import AuditEvent

logger = logging.getLogger("office.audit")

current_request = contextvars.ContextVar("office_audit_request", default=None)


def _limit(value, length):
    return str(value or "")[:length]


def _address(request):
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_ipv46_address

    from ..middleware import client_address

    try:
        address = client_address(request) or None
        if address:
            validate_ipv46_address(address)
        return address
    except (ValidationError, AttributeError):  # a malformed header must not stop the record
        return None


def audit(kind, *, request=None, user=None, username="", target="", detail=""):
    """Records one event; returns the row, or None if it could not be written (logged instead)."""
    request = request if request is not None else current_request.get()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if user is not None and not username:
        username = user.get_username()
    event = AuditEvent(
        kind=kind,
        user=user,
        username=_limit(username, 150),
        address=_address(request) if request is not None else None,
        method=_limit(getattr(request, "method", ""), 10),
        path=_limit(request.get_full_path() if request is not None else "", 300),
        target=_limit(target, 200),
        detail=_limit(detail, 500),
    )
    try:
        if connection.in_atomic_block:
            with transaction.atomic():
                event.save(force_insert=True)
        else:
            event.save(force_insert=True)
    except (DatabaseError, ValueError):
        logger.exception(
            "Audit event not stored: kind=%s user=%s address=%s path=%s target=%s detail=%s",
            event.kind,
            event.username,
            event.address,
            event.path,
            event.target,
            event.detail,
        )
        return None
    return event


def audit_personal_read(*, user, target, what):
    """A read of unmasked personal data of someone else (ID number, phone, address …): the page or
    API detail that showed it in full. Masked views and one's own record are not recorded."""
    return audit(AuditEvent.SENSITIVE_READ, user=user, target=target, detail=what)


def audit_prune(*, now=None) -> int:
    """Deletes the events older than AUDIT_RETENTION_DAYS (at least 180 days); the daily beat task."""
    count = AuditEvent.objects.prune(now=now)
    if count:
        logger.info("Audit log: %s events older than the retention period removed", count)
    return count
