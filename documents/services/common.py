"""What only the documents' services need: the record of refused classified content. The rest
(permission, state, required text, locks, serials) is office.services.common and office.numbering."""

from ..models import AccessLog


def log_refusal(*, actor, detail, incoming=None, outgoing=None):
    """Records that classified content was refused. Callers log before their own
    transaction.atomic block and raise afterwards, so the record survives the refusal."""
    return AccessLog.objects.create(
        actor=actor, action=AccessLog.REFUSED, incoming=incoming, outgoing=outgoing, detail=detail[:300]
    )
