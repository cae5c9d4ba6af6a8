from django.urls import path

from .views import accounts

urlpatterns = [
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", accounts.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("tokens/", accounts.TokenListView.as_view(), name="api_tokens"),
    path("otp/", accounts.OtpVerifyView.as_view(), name="otp_verify"),
    path("otp/enrol/", accounts.OtpEnrolView.as_view(), name="otp_enrol"),
    path("otp/settings/", accounts.OtpSettingsView.as_view(), name="otp_settings"),
]
