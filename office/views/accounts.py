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
from django.views import View
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
