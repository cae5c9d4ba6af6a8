"""The login lockout (django-axes) for entry points other than the login form: the API's token
endpoint and the second-factor step. Failures are fed to axes, so one count and one lock cover
passwords and codes alike."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed


def cooloff_minutes():
    cooloff = settings.AXES_COOLOFF_TIME
    return int(cooloff.total_seconds() // 60) if cooloff else 0


def lockout_message(username=""):
    """The lockout page's text (registration/locked_out.html) in one paragraph."""
    who = f"账户“{username}”" if username else "该账户"
    text = f"{who}从当前网络地址连续 {settings.AXES_FAILURE_LIMIT} 次登录失败，为保护账户安全，已被暂时锁定。"
    minutes = cooloff_minutes()
    if minutes:
        return text + f"请在 {minutes} 分钟后再试，锁定期间即使输入正确的密码也无法登录。"
    return text + "该账户须由系统管理员解锁后才能登录。"


def is_locked(request, username):
    return AxesProxyHandler.is_locked(request, {"username": username})


def record_failure(request, username):
    """Counts a failed attempt (e.g. a wrong second-factor code) as axes counts a wrong password.

    Returns True when this failure locked the account."""
    from .models import AuditEvent
    from .services.audit_log import audit

    audit(AuditEvent.OTP_FAILED, request=request, username=username, detail="动态验证码或备用验证码错误")
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Chinese lockout page, or for the API the same text as JSON (429)."""
    from axes.helpers import get_client_username, get_cool_off
    from django.http import JsonResponse
    from django.shortcuts import render

    username = get_client_username(request, credentials) or ""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message(username)}, status=429)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "username": username}
    cool_off = get_cool_off(request)
    if cool_off:
        context["cooloff_timedelta"] = cool_off
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
