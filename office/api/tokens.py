"""The token endpoint, the caller's tokens, and logout for API clients."""

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import otp
from ..lockout import is_locked, lockout_message
from ..middleware import client_address
from ..models import ApiToken
from ..services.tokens import token_issue, token_revoke, token_revoke_one, user_tokens

INVALID = "无法使用提供的认证信息登录。"
OTP_WRONG = "请在 otp 中填写身份验证器上当前的 6 位动态验证码（或一个备用验证码）。"


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(
        label="用户名", error_messages={"required": "请输入用户名。", "blank": "请输入用户名。"}
    )
    password = serializers.CharField(
        label="密码",
        style={"input_type": "password"},
        trim_whitespace=False,
        error_messages={"required": "请输入密码。", "blank": "请输入密码。"},
    )
    otp = serializers.CharField(
        label="动态验证码", required=False, allow_blank=True, help_text="须双因素认证的角色必填"
    )
    name = serializers.CharField(label="用途", required=False, allow_blank=True, max_length=100)


class TokenSerializer(serializers.ModelSerializer):
    expires_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = ApiToken
        fields = ["id", "prefix", "name", "created_at", "last_used_at", "expires_at", "created_from"]


class IssuedTokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    id = serializers.IntegerField()
    expires_at = serializers.DateTimeField()


def _locked(username):
    return Response({"detail": lockout_message(username)}, status=status.HTTP_429_TOO_MANY_REQUESTS)


class ObtainTokenView(APIView):
    """POST username and password (and `otp` for a role that needs the second factor): a new token."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses={200: IssuedTokenSerializer}, tags=["auth"])
    def post(self, request):
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        username, password = form.validated_data["username"], form.validated_data["password"]
        django_request = request._request
        if is_locked(django_request, username):
            return _locked(username)
        user = authenticate(django_request, username=username, password=password)
        if user is None:
            if getattr(django_request, "axes_locked_out", False):
                return _locked(username)
            return Response({"non_field_errors": [INVALID]}, status=status.HTTP_400_BAD_REQUEST)
        if otp.needs_second_factor(user):
            if not otp.has_totp(user):
                message = "您的账户须使用两步验证，请先在网页登录并绑定身份验证器。"
                return Response({"otp": [message]}, status=status.HTTP_400_BAD_REQUEST)
            device, locked = otp.verify_code(django_request, user, form.validated_data.get("otp", ""))
            if locked:
                return _locked(username)
            if device is None:
                return Response({"otp": [OTP_WRONG]}, status=status.HTTP_400_BAD_REQUEST)
        token, key = token_issue(user=user, name=form.validated_data.get("name", ""), address=client_address(request))
        return Response({"token": key, "id": token.pk, "expires_at": token.expires_at})


class TokenListView(APIView):
    """The caller's live tokens (GET); DELETE revokes them all."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: TokenSerializer(many=True)}, tags=["auth"])
    def get(self, request):
        return Response(TokenSerializer(user_tokens(request.user), many=True).data)


class TokenDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None}, tags=["auth"])
    def delete(self, request, pk):
        token_revoke(user=request.user, token_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutView(APIView):
    """Revokes the token the request was made with."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: inline_serializer("LogoutResult", {"detail": serializers.CharField()})},
        tags=["auth"],
    )
    def post(self, request):
        if isinstance(request.auth, ApiToken):
            token_revoke_one(request.auth, user=request.user, detail="接口退出")
        return Response({"detail": "令牌已撤销。"})
