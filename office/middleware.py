"""Session limits and password expiry, checked on every request of a signed-in user."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

SESSION_LOGIN_AT = "office_login_at"


class SessionLimitMiddleware:
    """Ends a session 12 hours (SESSION_ABSOLUTE_TIMEOUT) after login, however active it is.

    The idle timeout needs no code: the cookie's age is renewed on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            if login_at is None:
                request.session[SESSION_LOGIN_AT] = time.time()
            elif time.time() - login_at > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                messages.info(request, "登录已超过最长时限，请重新登录。")
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return redirect(f"{reverse('login')}?next={request.path}")
        return self.get_response(request)


class PasswordExpiryMiddleware:
    """Sends a user whose password is older than PASSWORD_EXPIRY_DAYS to change it first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        days = settings.PASSWORD_EXPIRY_DAYS
        if days and user.is_authenticated and not request.path.startswith(("/api/", "/static/")):
            change_url = reverse("password_change")
            allowed = {change_url, reverse("password_change_done"), reverse("logout")}
            changed = user.password_changed_at or user.date_joined
            if request.path not in allowed and timezone.now() - changed > timedelta(days=days):
                messages.warning(request, f"您的密码已超过 {days} 天未修改，请先修改密码。")
                return redirect(change_url)
        return self.get_response(request)
