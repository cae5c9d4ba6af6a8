"""The second factor: TOTP required for the administrator and leader roles, enrolment by QR code,
backup codes, and the lockout counting wrong codes as it counts wrong passwords."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from office import otp
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
WRONG_CODE = "000000"


def post_login(client, username, password=DEFAULT_PASSWORD, next_url=""):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data, REMOTE_ADDR="127.0.0.1")


def code_for(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enrol(user):
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    codes = otp.new_backup_codes(user)
    return device, codes


def signed_in(client):
    return "_auth_user_id" in client.session


def a_wrong_code(device):
    right = code_for(device)
    return WRONG_CODE if right != WRONG_CODE else "111111"


def test_the_roles_that_need_it_come_from_the_setting(leader, administrator, handler, settings):
    assert settings.OTP_REQUIRED_ROLES == ["administrator", "leader"]
    assert otp.otp_required(leader) and otp.otp_required(administrator)
    assert not otp.otp_required(handler)
    settings.OTP_REQUIRED_ROLES = ["handler"]
    assert otp.otp_required(handler) and not otp.otp_required(leader)
    settings.OTP_REQUIRED_ROLES = []
    assert not otp.otp_required(administrator)


def test_a_handler_without_a_device_logs_in_with_the_password_alone(client, handler):
    assert post_login(client, "handler")["Location"] == reverse("home")
    assert signed_in(client)


def test_a_leader_is_not_signed_in_by_the_password_alone(client, leader):
    device, _ = enrol(leader)
    response = post_login(client, "leader", next_url="/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == reverse("otp_verify")
    assert not signed_in(client)
    assert client.get(reverse("home")).status_code == 302
    page = client.get(reverse("otp_verify"))
    assert "两步验证" in page.content.decode()

    response = client.post(reverse("otp_verify"), {"code": code_for(device)}, REMOTE_ADDR="127.0.0.1")
    assert response["Location"] == "/dashboard/"
    assert signed_in(client)
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_code_is_refused_in_chinese(client, leader):
    device, _ = enrol(leader)
    post_login(client, "leader")
    response = client.post(reverse("otp_verify"), {"code": a_wrong_code(device)}, REMOTE_ADDR="127.0.0.1")
    body = response.content.decode()
    assert response.status_code == 200
    assert "动态验证码不正确" in body
    assert "再输错 4 次" in body
    assert not signed_in(client)


def test_a_backup_code_works_once(client, leader):
    _, codes = enrol(leader)
    post_login(client, "leader")
    response = client.post(reverse("otp_verify"), {"code": codes[0]}, REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 302 and signed_in(client)
    assert StaticToken.objects.filter(device__user=leader).count() == 9

    again = Client()
    post_login(again, "leader")
    response = again.post(reverse("otp_verify"), {"code": codes[0]}, REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200 and not signed_in(again)


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, leader):
    device, codes = enrol(leader)
    post_login(client, "leader", password="Wrong#2026pw")
    post_login(client, "leader", password="Wrong#2026pw")
    post_login(client, "leader")
    statuses = [
        client.post(reverse("otp_verify"), {"code": f"{n:06d}"}, REMOTE_ADDR="127.0.0.1").status_code
        for n in range(3)
        if f"{n:06d}" != code_for(device)
    ][:3]
    assert statuses[-1] == 429
    # Locked: neither a right code, a backup code nor the right password gets in.
    device.throttle_reset()
    locked = client.post(reverse("otp_verify"), {"code": codes[1]}, REMOTE_ADDR="127.0.0.1")
    assert locked.status_code == 429
    assert "已锁定" in locked.content.decode()
    assert not signed_in(client)
    assert post_login(Client(), "leader").status_code == 429


def test_a_leader_without_a_device_enrols_by_qr_code_and_gets_backup_codes(client, leader):
    response = post_login(client, "leader", next_url="/dashboard/")
    assert response["Location"] == reverse("otp_enrol")
    page = client.get(reverse("otp_enrol")).content.decode()
    assert 'src="data:image/svg+xml' in page
    secret = re.search(r'id="otp-secret"[^>]*>([A-Z2-7]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=leader, confirmed=False)
    assert otp.base32_secret(device) == secret
    assert "otpauth://totp/" in device.config_url

    wrong = client.post(reverse("otp_enrol"), {"code": a_wrong_code(device)}, REMOTE_ADDR="127.0.0.1")
    assert "动态验证码不正确" in wrong.content.decode() and not signed_in(client)
    device.refresh_from_db()
    device.throttle_reset()

    done = client.post(reverse("otp_enrol"), {"code": code_for(device)}, REMOTE_ADDR="127.0.0.1")
    body = done.content.decode()
    assert done.status_code == 200
    assert "请保存备用验证码" in body
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", body)
    assert len(codes) == 10
    assert signed_in(client)
    assert client.session.get("otp_device_id")
    device.refresh_from_db()
    assert device.confirmed
    assert 'href="/dashboard/"' in body


def test_enrolment_needs_a_password_first(client, db):
    assert client.get(reverse("otp_enrol"))["Location"] == reverse("login")
    assert client.get(reverse("otp_verify"))["Location"] == reverse("login")


def test_a_handler_may_enrol_and_is_then_asked_for_the_code(client, handler):
    client.force_login(handler)
    assert "未绑定" in client.get(reverse("otp_settings")).content.decode()
    client.get(reverse("otp_enrol"))
    device = TOTPDevice.objects.get(user=handler)
    client.post(reverse("otp_enrol"), {"code": code_for(device)})
    assert "已绑定" in client.get(reverse("otp_settings")).content.decode()
    other = Client()
    assert post_login(other, "handler")["Location"] == reverse("otp_verify")


def test_new_backup_codes_replace_the_old(client, leader):
    _, old = enrol(leader)
    client.force_login(leader)
    body = client.post(reverse("otp_settings")).content.decode()
    new = re.findall(r"<li>([a-z2-7]{8})</li>", body)
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=leader).values_list("token", flat=True)) == set(new)


def test_the_admin_login_goes_through_the_second_factor(client, administrator):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/admin/"
    assert post_login(client, "admin", next_url="/admin/")["Location"] == reverse("otp_enrol")


def test_the_token_endpoint_asks_a_leader_for_the_code(leader):
    device, _ = enrol(leader)
    api = APIClient()
    data = {"username": "leader", "password": DEFAULT_PASSWORD}
    refused = api.post("/api/v1/auth/token/", data, REMOTE_ADDR="127.0.0.1")
    assert refused.status_code == 400 and "otp" in refused.json()
    device.throttle_reset()
    ok = api.post("/api/v1/auth/token/", {**data, "otp": code_for(device)}, REMOTE_ADDR="127.0.0.1")
    assert ok.status_code == 200 and ok.json()["token"]


def test_the_setting_empty_turns_the_rule_off(client, leader, settings):
    settings.OTP_REQUIRED_ROLES = []
    assert post_login(client, "leader")["Location"] == reverse("home")


def test_the_demo_leader_and_admin_log_in_with_the_published_demo_code(db):
    from io import StringIO

    from django.core.management import call_command

    from office import demo

    demo.seed()
    out = StringIO()
    demo.print_logins(out)
    assert demo.DEMO_TOTP_SECRET in out.getvalue()
    assert "manage.py demo_otp" in out.getvalue()
    for username in ("leader", "admin"):
        client = Client()
        assert post_login(client, username, demo.DEMO_PASSWORD)["Location"] == reverse("otp_verify")
        printed = StringIO()
        call_command("demo_otp", stdout=printed)
        code = printed.getvalue()[:6]
        response = client.post(reverse("otp_verify"), {"code": code}, REMOTE_ADDR="127.0.0.1")
        assert response.status_code == 302, username
        assert signed_in(client)
    # Others are not enrolled.
    assert not TOTPDevice.objects.filter(user__username="handler").exists()
