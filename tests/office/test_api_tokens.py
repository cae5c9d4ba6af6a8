"""API tokens: lifetime and idle timeout, revocation on logout, password change and disabling,
the user's own list, and the lockout answered 429 at the token endpoint."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from office.models import ApiToken
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
ME = "/api/v1/users/me/"


def obtain(username="handler", password=DEFAULT_PASSWORD, **extra):
    return APIClient().post(TOKEN, {"username": username, "password": password, **extra}, REMOTE_ADDR="127.0.0.1")


def with_token(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_works_and_says_when_it_expires(handler):
    response = obtain()
    assert response.status_code == 200
    assert response.data["expires_at"] is not None
    assert with_token(response.data["token"]).get(ME).status_code == 200
    # Only a hash is stored.
    assert not ApiToken.objects.filter(key_hash=response.data["token"]).exists()


def test_a_token_lapses_after_its_lifetime_however_used(handler, settings):
    key = obtain().data["token"]
    ApiToken.objects.update(
        created_at=timezone.now() - timedelta(hours=settings.API_TOKEN_LIFETIME_HOURS, minutes=1),
        last_used_at=timezone.now(),
    )
    response = with_token(key).get(ME)
    assert response.status_code == 401
    assert response.json()["detail"] == "令牌已过期，请重新获取。"
    assert not ApiToken.objects.exists()


def test_a_token_lapses_when_idle(handler, settings):
    assert settings.API_TOKEN_IDLE_MINUTES == settings.SESSION_IDLE_TIMEOUT // 60
    assert settings.API_TOKEN_LIFETIME_HOURS == settings.SESSION_ABSOLUTE_TIMEOUT // 3600
    key = obtain().data["token"]
    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=settings.API_TOKEN_IDLE_MINUTES - 1))
    assert with_token(key).get(ME).status_code == 200  # use renews it
    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=settings.API_TOKEN_IDLE_MINUTES + 1))
    assert with_token(key).get(ME).status_code == 401


def test_logout_in_the_browser_revokes_the_tokens(client, handler):
    key = obtain().data["token"]
    client.force_login(handler)
    client.post(reverse("logout"))
    assert with_token(key).get(ME).status_code == 401


def test_api_logout_revokes_the_token_it_was_sent_with(handler):
    key = obtain().data["token"]
    other = obtain().data["token"]
    assert with_token(key).post("/api/v1/auth/logout/").status_code == 200
    assert with_token(key).get(ME).status_code == 401
    assert with_token(other).get(ME).status_code == 200


def test_a_password_change_revokes_the_tokens(handler):
    key = obtain().data["token"]
    handler.set_password("Hetao#2027x")
    handler.save()
    assert with_token(key).get(ME).status_code == 401


def test_a_password_change_on_the_page_revokes_the_tokens(client, handler):
    key = obtain().data["token"]
    client.force_login(handler)
    client.post(
        reverse("password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "Hetao#2027x", "new_password2": "Hetao#2027x"},
    )
    assert with_token(key).get(ME).status_code == 401


def test_disabling_the_user_revokes_the_tokens(handler):
    key = obtain().data["token"]
    handler.is_active = False
    handler.save(update_fields=["is_active"])
    assert not ApiToken.objects.exists()
    assert with_token(key).get(ME).status_code == 401


def test_a_user_lists_and_revokes_only_their_own_tokens(handler, other_handler):
    mine = obtain(name="档案系统").data
    theirs = obtain("otherhandler").data
    client = with_token(mine["token"])
    listed = client.get("/api/v1/auth/tokens/").json()
    assert [(t["id"], t["name"]) for t in listed] == [(mine["id"], "档案系统")]
    assert "token" not in listed[0] and "key_hash" not in listed[0]
    assert client.delete(f"/api/v1/auth/tokens/{theirs['id']}/").status_code == 403
    assert with_token(theirs["token"]).get(ME).status_code == 200
    assert client.delete(f"/api/v1/auth/tokens/{mine['id']}/").status_code == 204
    assert client.get(ME).status_code == 401


def test_the_token_page_lists_issues_and_revokes(client, handler):
    key = obtain(name="档案系统").data["token"]
    client.force_login(handler)
    page = client.get(reverse("api_tokens"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "档案系统" in body and key[:8] in body and key not in body
    assert "接口令牌" in client.get(reverse("home")).content.decode()

    issued = client.post(reverse("api_tokens"), {"action": "issue", "name": "测试"})
    assert "仅显示一次" in issued.content.decode()
    assert ApiToken.objects.filter(user=handler).count() == 2

    token = ApiToken.objects.get(name="档案系统")
    client.post(reverse("api_tokens"), {"action": "revoke", "token": token.pk})
    assert with_token(key).get(ME).status_code == 401
    client.post(reverse("api_tokens"), {"action": "revoke_all"})
    assert not ApiToken.objects.filter(user=handler).exists()


def test_the_token_endpoint_under_lockout_answers_429_in_chinese(handler):
    responses = [obtain(password="Wrong#2026pw") for _ in range(5)]
    assert [r.status_code for r in responses] == [400, 400, 400, 400, 429]
    assert "已被暂时锁定" in responses[-1].json()["detail"]
    assert "30 分钟" in responses[-1].json()["detail"]
    locked = obtain()
    assert locked.status_code == 429
    assert "已被暂时锁定" in locked.json()["detail"]
    assert not ApiToken.objects.exists()


def test_the_page_showing_a_new_key_is_not_cached(client, handler):
    client.force_login(handler)
    response = client.post(reverse("api_tokens"), {"action": "issue"})
    assert "no-store" in response["Cache-Control"]
