"""Session limits and password expiry, checked on every request of a signed-in user, and the
login redirect of an htmx request sent as HX-Redirect."""

import time
from datetime import timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.messages.storage import default_storage
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

# The session key holding the login time (seconds since the epoch), set by office.signals.
SESSION_LOGIN_AT = "office_login_at"


def client_address(request):
    """The address the lockout is keyed on (AXES_CLIENT_IP_CALLABLE).

    Behind N trusted proxies each appends the address it saw to X-Forwarded-For, so the
    N-th entry from the right is the one the outermost trusted proxy saw; anything to its
    left was written by the client and cannot be trusted."""
    count = settings.AXES_IPWARE_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def _is_api(request):
    return request.path.startswith("/api/")


def _redirect(request, url):
    # A plain redirect answering an htmx request would put the whole target page inside a
    # fragment; HX-Redirect makes htmx load it as a page. (HtmxMiddleware runs after us.)
    if request.headers.get("HX-Request") == "true":
        return HttpResponseClientRedirect(url)
    return redirect(url)


def _flash(request, response, level, text):
    """Adds a message from a middleware whether it runs inside MessageMiddleware or before it.

    Before it, the request has no message storage yet and MessageMiddleware will not see
    the response we return, so the message is stored on the response here."""
    if hasattr(request, "_messages"):
        messages.add_message(request, level, text)
        return response
    storage = default_storage(request)
    storage.add(level, text)
    storage.update(response)
    return response


def password_expired(user, days=None):
    days = settings.PASSWORD_EXPIRY_DAYS if days is None else days
    if not days:
        return False
    changed = user.password_changed_at or user.date_joined
    return timezone.now() - changed > timedelta(days=days)


class SessionLimitMiddleware:
    """Ends a session SESSION_ABSOLUTE_TIMEOUT seconds (12 hours) after login, however active it is.

    The idle timeout needs no code: SESSION_SAVE_EVERY_REQUEST renews the cookie's and the
    stored session's age (SESSION_COOKIE_AGE) on every request, so only idleness lets it lapse."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            now = time.time()
            if login_at is None:
                # A session from before this rule, or one made without login(): start the clock now.
                request.session[SESSION_LOGIN_AT] = now
            elif now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                message = "登录已超过最长时限，请重新登录。"
                if _is_api(request):
                    response = JsonResponse({"detail": message}, status=401)
                    # The same challenge as the API's own 401s (DRF's TokenAuthentication).
                    response["WWW-Authenticate"] = "Token"
                    return response
                response = _redirect(request, f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
                return _flash(request, response, messages.INFO, message)
        return self.get_response(request)


class PasswordExpiryMiddleware:
    """Sends a user whose password is older than PASSWORD_EXPIRY_DAYS to change it before anything else.

    The API is left alone: its clients are programs that cannot follow the redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        days = settings.PASSWORD_EXPIRY_DAYS
        if days and user.is_authenticated and not _is_api(request) and password_expired(user, days):
            change_url = reverse("password_change")
            allowed = {change_url, reverse("password_change_done"), reverse("logout")}
            if request.path not in allowed:
                text = f"您的密码已超过 {days} 天未修改，请先修改密码后再继续使用系统。"
                return _flash(request, _redirect(request, change_url), messages.WARNING, text)
        return self.get_response(request)


class HtmxLoginRedirectMiddleware:
    """Turns the login redirect of an htmx request (its session ended, e.g. idle) into HX-Redirect.

    A plain 302 would be followed inside the XHR and swap the login page into a fragment. The
    `next` of the login page is the page the person was on (HX-Current-URL), not the fragment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or response.status_code not in (301, 302, 303):
            return response
        location = urlsplit(response.get("Location", ""))
        login_url = reverse("login")
        if location.path != login_url:
            return response
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        if current.path and (not current.netloc or current.netloc == request.get_host()):
            target = current.path + (f"?{current.query}" if current.query else "")
            url = f"{login_url}?{urlencode({'next': target})}"
        else:
            url = urlunsplit(("", "", location.path, location.query, ""))
        redirect_response = HttpResponseClientRedirect(url)
        # Keep the cookies the response set (e.g. the deleted session, a flashed message).
        redirect_response.cookies = response.cookies
        return redirect_response


class AuditContextMiddleware:
    """Makes the request being served known to office.services.audit_log, so that services
    record the user, address and path of an event without being handed the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .services.audit_log import current_request

        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
