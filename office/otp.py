"""The second factor: TOTP (django-otp) with backup codes, required for the roles in OTP_REQUIRED_ROLES.

The login page checks the password; a user who needs the second factor is not logged in yet
but kept "pending" in the session, and is logged in only after a valid code (or after
enrolling an authenticator, for one who has none). Wrong codes are fed to django-axes
(office.lockout), so they count towards the same lockout as wrong passwords. Every entry point
that signs a person in goes through this: the login page, the admin (its login page redirects
to ours) and the API's token endpoint (field `otp`)."""

import time

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .roles import role_codes

PENDING = "office_otp_pending"
PENDING_SECONDS = 5 * 60
BACKUP_CODE_COUNT = 10
TOTP_NAME = "身份验证器"
BACKUP_NAME = "备用验证码"


def otp_required(user):
    """Whether the user's roles (OTP_REQUIRED_ROLES) make the second factor mandatory."""
    required = set(settings.OTP_REQUIRED_ROLES)
    if not required:
        return False
    if user.is_superuser and "administrator" in required:
        return True
    return bool(role_codes(user) & required)


def has_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_second_factor(user):
    """Required by role, or chosen: whoever has enrolled an authenticator is asked for it."""
    return otp_required(user) or has_totp(user)


def normalise(code):
    return "".join((code or "").split()).lower()


def match_code(user, code):
    """The device that accepts `code` (a TOTP code or an unused backup code), or None."""
    code = normalise(code)
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                return device
    return None


def verify_code(request, user, code):
    """Checks a code within the lockout: (device or None, locked)."""
    from .lockout import is_locked, record_failure

    username = user.get_username()
    if is_locked(request, username):
        return None, True
    device = match_code(user, code)
    if device is not None:
        return device, False
    return None, record_failure(request, username)


# ---- The pending login ----------------------------------------------------------------------


def start_pending(request, user, next_url):
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
        "next": next_url,
        "since": time.time(),
    }


def pending(request):
    """(user, backend, next) of the login waiting for its second factor, or None."""
    from .models import User

    data = request.session.get(PENDING)
    if not data or time.time() - data.get("since", 0) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    if user is None:
        return None
    return user, data["backend"], data["next"]


def finish_login(request, user, backend, device):
    from django.contrib.auth import login

    request.session.pop(PENDING, None)
    login(request, user, backend=backend)
    otp_login(request, device)


# ---- Enrolment and backup codes ------------------------------------------------------------


def enrolment_device(user):
    """The user's unconfirmed authenticator (a new secret), made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def qr_data_uri(device):
    """The otpauth:// URL as a QR code, an SVG data: URI (allowed by the CSP's img-src)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def base32_secret(device):
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


@transaction.atomic
def confirm_enrolment(user, device, code):
    """Confirms the new authenticator with a code from it; replaces any earlier one and issues
    fresh backup codes. Returns the backup codes, or None if the code is wrong."""
    if not device.verify_token(normalise(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    from .models import AuditEvent
    from .services.audit_log import audit

    audit(AuditEvent.OTP_ENROLLED, user=user, detail="绑定（或更换）身份验证器并生成备用验证码")
    return new_backup_codes(user)


@transaction.atomic
def new_backup_codes(user):
    """Ten new single-use backup codes; the earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
