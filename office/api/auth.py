"""Token authentication with expiry: `Authorization: Token <key>`, as DRF's, on office.models.ApiToken."""

from datetime import timedelta

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from ..models import ApiToken
from ..models.tokens import hash_key

# last_used_at is written at most this often, not on every request.
TOUCH_INTERVAL = timedelta(seconds=60)


class ExpiringTokenAuthentication(TokenAuthentication):
    keyword = "Token"
    model = ApiToken

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("令牌无效或已被撤销，请重新获取。")
        now = timezone.now()
        if token.is_expired(now):
            token.delete()
            raise exceptions.AuthenticationFailed("令牌已过期，请重新获取。")
        if not token.user.is_active:
            token.delete()
            raise exceptions.AuthenticationFailed("该账户已停用。")
        if now - token.last_used_at >= TOUCH_INTERVAL:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token
