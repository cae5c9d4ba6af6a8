"""Issuing and revoking API tokens (office.models.ApiToken)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ..models import ApiToken, AuditEvent
from ..models.tokens import hash_key, new_key
from .audit_log import audit


def token_issue(*, user, name="", address=None):
    """Issues a token and returns (token, key); the key is shown once and never stored."""
    token_purge_expired(user)
    key = new_key()
    token = ApiToken.objects.create(
        user=user, key_hash=hash_key(key), prefix=key[:8], name=(name or "")[:100], created_from=address or None
    )
    audit(AuditEvent.TOKEN_ISSUED, user=user, target=f"令牌 {token.prefix}…", detail=token.name)
    return token, key


def token_revoke(*, user, token_id):
    """Revokes one of the user's own tokens; another user's token is not found."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise PermissionDenied("未找到该令牌，或它不属于您。")
    token_revoke_one(token, user=user, detail="用户撤销")


def token_revoke_one(token, *, user, detail):
    """Revokes one token (the owner's choice, or API logout), recorded in the audit log."""
    token.delete()
    audit(AuditEvent.TOKEN_REVOKED, user=user, target=f"令牌 {token.prefix}…", detail=detail)


def token_revoke_all(user):
    count = ApiToken.objects.filter(user=user).delete()[0]
    if count:
        audit(AuditEvent.TOKEN_REVOKED, user=user, target="全部令牌", detail=f"用户撤销全部 {count} 个令牌")
    return count


def token_purge_expired(user):
    now = timezone.now()
    expired = [t.pk for t in ApiToken.objects.filter(user=user) if t.is_expired(now)]
    if expired:
        ApiToken.objects.filter(pk__in=expired).delete()


def user_tokens(user):
    """The user's live tokens, newest first (a read, for the page and the API)."""
    now = timezone.now()
    return [t for t in ApiToken.objects.filter(user=user).order_by("-created_at") if not t.is_expired(now)]
