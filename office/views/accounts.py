"""Login, logout and password change, in Chinese, on Django's auth views.

Lockout, session limits and password expiry are not here: django-axes, the session
settings and office.middleware enforce them for every request, not only for these pages.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django_htmx.http import HttpResponseClientRedirect


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确，请重新输入（区分大小写）。",
        "inactive": "该账户已停用，如有疑问请联系系统管理员。",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["username"].widget.attrs.update(
            {"class": "form-control", "placeholder": "请输入用户名", "autocomplete": "username"}
        )
        self.fields["username"].error_messages["required"] = "请输入用户名。"
        self.fields["password"].label = "密码"
        self.fields["password"].widget.attrs.update(
            {"class": "form-control", "placeholder": "请输入密码", "autocomplete": "current-password"}
        )
        self.fields["password"].error_messages["required"] = "请输入密码。"


class OfficePasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "原密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
        "password_unchanged": "新密码不能与原密码相同。",
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        labels = {"old_password": "原密码", "new_password1": "新密码", "new_password2": "确认新密码"}
        autocomplete = {"old_password": "current-password"}
        for name, label in labels.items():
            field = self.fields[name]
            field.label = label
            # The rules are listed once beside the form, from the settings, not under each field.
            field.help_text = ""
            field.error_messages["required"] = f"请输入{label}。"
            field.widget.attrs.update({"class": "form-control", "autocomplete": autocomplete.get(name, "new-password")})

    def clean(self):
        # As SetPasswordForm.clean, but the rule errors go under 新密码, where they were typed.
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        password = self.cleaned_data.get("new_password1")
        # The validators cannot see the old password; an unchanged one would restart the expiry clock.
        if password and not self.has_error("new_password2") and self.user.check_password(password):
            self.add_error("new_password1", self.error_messages["password_unchanged"])
        return self.cleaned_data


def password_rules():
    """The password policy in words, from the settings, for the pages that ask for a new password."""
    rules = [
        f"长度不少于 {settings.PASSWORD_MIN_LENGTH} 个字符",
        f"至少包含大写字母、小写字母、数字、特殊符号中的 {settings.PASSWORD_MIN_CLASSES} 类",
        "不能使用常见密码或纯数字，不能与用户名、姓名等个人信息相似",
        "不能与原密码相同",
    ]
    if settings.PASSWORD_EXPIRY_DAYS:
        rules.append(f"每 {settings.PASSWORD_EXPIRY_DAYS} 天须修改一次，到期后须先修改密码才能继续使用系统")
    return rules


def _login_hints():
    return {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
    }


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        # An htmx request whose session has ended is redirected here by login_required; the
        # browser follows that redirect inside the XHR, so the login page would be swapped
        # into a fragment. Tell htmx to load the whole page instead.
        if request.headers.get("HX-Request") and request.method == "GET":
            return HttpResponseClientRedirect(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        # The password is right; a user who needs the second factor is logged in only after it.
        from .. import otp

        user = form.get_user()
        if otp.needs_second_factor(user):
            otp.start_pending(self.request, user, self.get_success_url())
            return redirect("otp_verify" if otp.has_totp(user) else "otp_enrol")
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), **_login_hints()}
        # Set by django-axes when it recorded this request's failure.
        failures = getattr(self.request, "axes_failures_since_start", None)
        if failures:
            context["attempts_left"] = max(settings.AXES_FAILURE_LIMIT - failures, 0)
        return context


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST (a link could be followed by a crawler or a prefetch); a GET asks first."""

    http_method_names = ["get", "post", "options"]
    template_name = "registration/logout_confirm.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(settings.LOGIN_URL)
        return render(request, self.template_name)

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.success(request, "您已安全退出系统。")
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    form_class = OfficePasswordChangeForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        changed_at = user.password_changed_at or user.date_joined
        context["password_rules"] = password_rules()
        context["password_changed_at"] = changed_at
        if settings.PASSWORD_EXPIRY_DAYS:
            context["password_expires_at"] = changed_at + timedelta(days=settings.PASSWORD_EXPIRY_DAYS)
        return context


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.PASSWORD_EXPIRY_DAYS:
            changed_at = self.request.user.password_changed_at
            if changed_at:
                context["password_expires_at"] = changed_at + timedelta(days=settings.PASSWORD_EXPIRY_DAYS)
        return context


@method_decorator(never_cache, name="dispatch")
class TokenListView(LoginRequiredMixin, View):
    """我的接口令牌: the user's API tokens, each revocable; a new one is issued here too (shown once)."""

    template_name = "registration/tokens.html"

    def get(self, request):
        return render(request, self.template_name, self._context(request))

    def post(self, request):
        from ..middleware import client_address
        from ..services.tokens import token_issue, token_revoke, token_revoke_all

        action = request.POST.get("action")
        if action == "issue":
            token, key = token_issue(
                user=request.user, name=request.POST.get("name", "").strip(), address=client_address(request)
            )
            messages.success(request, "已签发新令牌，请立即复制保存，离开本页后将无法再次查看。")
            return render(request, self.template_name, {**self._context(request), "new_key": key, "new_token": token})
        if action == "revoke_all":
            count = token_revoke_all(request.user)
            messages.success(request, f"已撤销全部 {count} 个令牌。")
        else:
            try:
                token_revoke(user=request.user, token_id=int(request.POST.get("token", "")))
            except (ValueError, PermissionDenied):
                messages.error(request, "未找到该令牌，或它已被撤销。")
            else:
                messages.success(request, "令牌已撤销。")
        return redirect("api_tokens")

    def _context(self, request):
        from ..services.tokens import user_tokens

        return {
            "tokens": user_tokens(request.user),
            "lifetime_hours": settings.API_TOKEN_LIFETIME_HOURS,
            "idle_minutes": settings.API_TOKEN_IDLE_MINUTES,
        }


# ---- Second factor (office.otp) -----------------------------------------------------------------

WRONG_CODE = "动态验证码不正确或已过期，请输入身份验证器上当前显示的 6 位数字，或一个未用过的备用验证码。"


def _code_failed(request, user, locked):
    """The lockout page once the failures reach the limit, else the attempts left (None)."""
    from ..lockout import lockout_response

    if locked:
        return lockout_response(request, None, {"username": user.get_username()})
    return None


def _attempts_left(request):
    failures = getattr(request, "axes_failures_since_start", None)
    return max(settings.AXES_FAILURE_LIMIT - failures, 0) if failures else None


@method_decorator(never_cache, name="dispatch")
class OtpVerifyView(View):
    """Second step of the login: a code from the authenticator, or a backup code."""

    template_name = "registration/otp_verify.html"

    def dispatch(self, request, *args, **kwargs):
        from .. import otp

        self.pending = otp.pending(request)
        if self.pending is None:
            messages.info(request, "请先输入用户名和密码。")
            return redirect("login")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"pending_user": self.pending[0], **_login_hints()})

    def post(self, request):
        from .. import otp

        user, backend, next_url = self.pending
        device, locked = otp.verify_code(request, user, request.POST.get("code", ""))
        if device is not None:
            otp.finish_login(request, user, backend, device)
            return redirect(next_url)
        refused = _code_failed(request, user, locked)
        if refused is not None:
            return refused
        context = {"pending_user": user, "error": WRONG_CODE, "attempts_left": _attempts_left(request)}
        return render(request, self.template_name, {**context, **_login_hints()})


@method_decorator(never_cache, name="dispatch")
class OtpEnrolView(View):
    """Binds an authenticator by QR code: at the first login of a user who must use one (pending),
    or from the account menu (signed in), which replaces the earlier authenticator."""

    template_name = "registration/otp_enrol.html"

    def dispatch(self, request, *args, **kwargs):
        from .. import otp

        self.pending = otp.pending(request)
        if self.pending is not None:
            self.user = self.pending[0]
        elif request.user.is_authenticated:
            self.user = request.user
        else:
            return redirect("login")
        return super().dispatch(request, *args, **kwargs)

    def _context(self, device, **extra):
        from .. import otp

        return {
            "enrol_user": self.user,
            "qr": otp.qr_data_uri(device),
            "secret": otp.base32_secret(device),
            "issuer": settings.OTP_TOTP_ISSUER,
            "signing_in": self.pending is not None,
            **_login_hints(),
            **extra,
        }

    def get(self, request):
        from .. import otp

        return render(request, self.template_name, self._context(otp.enrolment_device(self.user)))

    def post(self, request):
        from .. import otp
        from ..lockout import is_locked, record_failure

        device = otp.enrolment_device(self.user)
        username = self.user.get_username()
        if is_locked(request, username):
            return _code_failed(request, self.user, True)
        codes = otp.confirm_enrolment(self.user, device, request.POST.get("code", ""))
        if codes is None:
            refused = _code_failed(request, self.user, record_failure(request, username))
            if refused is not None:
                return refused
            extra = {"error": WRONG_CODE, "attempts_left": _attempts_left(request)}
            return render(request, self.template_name, self._context(device, **extra))
        next_url = None
        if self.pending is not None:
            user, backend, next_url = self.pending
            otp.finish_login(request, user, backend, device)
        else:
            otp_login_device(request, device)
        return render(request, "registration/otp_backup_codes.html", {"codes": codes, "next_url": next_url or "/"})


def otp_login_device(request, device):
    from django_otp import login as otp_login

    otp_login(request, device)


@method_decorator(never_cache, name="dispatch")
class OtpSettingsView(LoginRequiredMixin, View):
    """两步验证 under the account menu: the state, new backup codes, a new authenticator."""

    template_name = "registration/otp_settings.html"

    def get(self, request):
        from .. import otp

        return render(
            request,
            self.template_name,
            {
                "required": otp.otp_required(request.user),
                "enrolled": otp.has_totp(request.user),
                "backup_left": otp.backup_codes_left(request.user),
            },
        )

    def post(self, request):
        from .. import otp

        if not otp.has_totp(request.user):
            messages.error(request, "请先绑定身份验证器。")
            return redirect("otp_settings")
        codes = otp.new_backup_codes(request.user)
        return render(request, "registration/otp_backup_codes.html", {"codes": codes, "next_url": None})
