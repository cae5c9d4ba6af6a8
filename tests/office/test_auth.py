"""Login, lockout, password rules and expiry, session limits, and the Chinese error pages."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from office.middleware import SESSION_LOGIN_AT
from office.models import LoginSession
from office.views.errors import server_error
from tests.factories import DEFAULT_PASSWORD

LOGIN = "/accounts/login/"
WRONG = "Wrong#2026pw"


def post_login(client, username, password, address="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, address="127.0.0.1"):
    return [post_login(client, username, WRONG, address) for _ in range(times)]


def signed_in(client):
    return "_auth_user_id" in client.session


# ---- Login and lockout -------------------------------------------------------------


def test_login_page_is_chinese_and_names_the_organisation(client, db):
    response = client.get(LOGIN)
    body = response.content.decode()
    assert response.status_code == 200
    assert settings.ORGANISATION_NAME in body
    assert "用户登录" in body
    assert "用户名" in body and "密码" in body
    assert f"连续 {settings.AXES_FAILURE_LIMIT} 次输错密码" in body


def test_login_with_the_right_password_signs_in(client, handler):
    response = post_login(client, "handler", DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in(client)


def test_a_wrong_password_is_refused_in_chinese_with_the_attempts_left(client, handler):
    response = post_login(client, "handler", WRONG)
    body = response.content.decode()
    assert response.status_code == 200
    assert "用户名或密码不正确" in body
    assert f"再输错 {settings.AXES_FAILURE_LIMIT - 1} 次" in body
    assert not signed_in(client)


def test_five_failures_lock_the_account_with_a_chinese_page(client, handler):
    responses = fail(client, "handler", 5)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    body = responses[-1].content.decode()
    assert "账户已锁定" in body
    assert "30 分钟" in body
    assert "系统管理员" in body


def test_the_right_password_is_refused_while_locked(client, handler):
    fail(client, "handler", 5)
    response = post_login(client, "handler", DEFAULT_PASSWORD)
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    assert not signed_in(client)


def test_four_failures_do_not_lock(client, handler):
    fail(client, "handler", 4)
    assert post_login(client, "handler", DEFAULT_PASSWORD).status_code == 302


def test_the_lock_is_for_one_user_name_from_one_address(client, handler, other_handler):
    fail(client, "handler", 5)
    from_elsewhere = Client()
    assert post_login(from_elsewhere, "handler", DEFAULT_PASSWORD, address="10.20.30.40").status_code == 302
    other_user = Client()
    assert post_login(other_user, "otherhandler", DEFAULT_PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, handler):
    fail(client, "handler", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
    assert post_login(client, "handler", DEFAULT_PASSWORD).status_code == 302


def test_a_success_resets_the_failure_count(client, handler):
    fail(client, "handler", 4)
    assert post_login(client, "handler", DEFAULT_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    responses = fail(client, "handler", 4)
    assert all(r.status_code == 200 for r in responses)


def test_login_logout_and_failures_are_recorded(client, handler):
    post_login(client, "handler", WRONG, address="10.0.0.7")
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address, failure.locked_out) == ("handler", "10.0.0.7", False)

    post_login(client, "handler", DEFAULT_PASSWORD, address="10.0.0.7")
    access = AccessLog.objects.get()
    assert (access.username, access.ip_address, access.logout_time) == ("handler", "10.0.0.7", None)

    client.post(reverse("logout"), REMOTE_ADDR="10.0.0.7")
    access.refresh_from_db()
    assert access.logout_time is not None


def test_the_locking_failure_is_recorded_as_such(client, handler):
    fail(client, "handler", 5)
    assert list(AccessFailureLog.objects.order_by("attempt_time").values_list("locked_out", flat=True)) == [
        False,
        False,
        False,
        False,
        True,
    ]


# ---- Sessions ------------------------------------------------------------------------


def test_login_issues_a_new_session_key(client, handler):
    session = client.session
    session["before_login"] = True
    session.save()
    before = session.session_key
    post_login(client, "handler", DEFAULT_PASSWORD)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert LoginSession.objects.filter(user=handler, session_key=after).exists()


def test_logout_is_a_post_and_ends_the_session(client, handler):
    post_login(client, "handler", DEFAULT_PASSWORD)
    key = client.session.session_key

    confirm = client.get(reverse("logout"))
    assert confirm.status_code == 200
    assert "确定要退出系统吗" in confirm.content.decode()
    assert Session.objects.filter(session_key=key).exists()

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert not Session.objects.filter(session_key=key).exists()
    assert not LoginSession.objects.filter(session_key=key).exists()
    assert client.get(reverse("home")).status_code == 302


def test_logout_page_sends_an_anonymous_visitor_to_login(client, db):
    response = client.get(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_idle_timeout_is_thirty_minutes_renewed_by_every_request(client, handler):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_TIMEOUT == 30 * 60
    client.force_login(handler)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=5))

    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)


def test_an_idle_session_has_ended(client, handler):
    client.force_login(handler)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _age_session(client, seconds):
    session = client.session
    session[SESSION_LOGIN_AT] = time.time() - seconds
    session.save()


def test_a_session_ends_twelve_hours_after_login_however_active(client, handler):
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 12 * 60 * 60
    client.force_login(handler)
    key = client.session.session_key
    _age_session(client, 12 * 60 * 60 - 60)
    assert client.get(reverse("home")).status_code == 200

    _age_session(client, 12 * 60 * 60 + 60)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=%2F"
    assert not Session.objects.filter(session_key=key).exists()
    assert "登录已超过最长时限" in client.get(response["Location"]).content.decode()


def test_an_api_request_after_the_absolute_limit_gets_401_json(client, handler):
    client.force_login(handler)
    assert client.get("/api/v1/users/me/").status_code == 200
    _age_session(client, 12 * 60 * 60 + 60)
    response = client.get("/api/v1/users/me/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "登录已超过最长时限，请重新登录。"}


def test_an_htmx_request_after_the_absolute_limit_reloads_the_page(client, handler):
    client.force_login(handler)
    _age_session(client, 12 * 60 * 60 + 60)
    response = client.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_an_htmx_request_sent_to_login_reloads_the_page(client, db):
    response = client.get(f"{LOGIN}?next=/supervision/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == f"{LOGIN}?next=/supervision/"


def test_disabling_a_user_ends_all_their_sessions(handler):
    office_pc, phone = Client(), Client()
    for browser in (office_pc, phone):
        assert post_login(browser, "handler", DEFAULT_PASSWORD).status_code == 302
    keys = list(LoginSession.objects.filter(user=handler).values_list("session_key", flat=True))
    assert len(keys) == 2

    handler.is_active = False
    handler.save(update_fields=["is_active"])

    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not LoginSession.objects.filter(user=handler).exists()
    for browser in (office_pc, phone):
        assert browser.get(reverse("home")).status_code == 302


def test_disabling_a_user_leaves_other_users_signed_in(client, handler, other_handler):
    client.force_login(other_handler)
    handler.is_active = False
    handler.save()
    assert client.get(reverse("home")).status_code == 200


def test_a_disabled_user_cannot_log_in(client, handler):
    handler.is_active = False
    handler.save()
    response = post_login(client, "handler", DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert not signed_in(client)


# ---- Password rules ------------------------------------------------------------------


def _messages(password, user=None):
    with pytest.raises(ValidationError) as caught:
        validate_password(password, user)
    return caught.value.messages


def test_a_short_password_is_refused_in_chinese(db):
    assert "密码太短，至少需要 8 个字符。" in _messages("Ab#1xyz")


def test_a_password_of_two_classes_is_refused_in_chinese(db):
    assert _messages("abcd#efgh!") == ["密码须至少包含大写字母、小写字母、数字、特殊符号中的 3 类。"]


def test_a_common_password_is_refused_in_chinese(db):
    assert "这个密码太常见了。" in _messages("Password123")


def test_a_password_like_the_user_name_is_refused(handler):
    assert any("太相似" in m for m in _messages("Handler#2026", handler))


def test_a_password_of_three_classes_and_eight_characters_is_accepted(handler):
    validate_password("Shui#li2x", handler)
    validate_password("shuili#2026", handler)


def test_password_change_shows_the_rules_from_the_settings(client, handler, settings):
    settings.PASSWORD_MIN_LENGTH = 10
    settings.PASSWORD_EXPIRY_DAYS = 60
    client.force_login(handler)
    body = client.get(reverse("password_change")).content.decode()
    assert "长度不少于 10 个字符" in body
    assert "每 60 天须修改一次" in body
    assert "有效期至" in body


def test_password_change_refuses_a_weak_password_in_chinese(client, handler):
    client.force_login(handler)
    response = client.post(
        reverse("password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "abcdefgh", "new_password2": "abcdefgh"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "这个密码太常见了" in body or "3 类" in body
    handler.refresh_from_db()
    assert handler.check_password(DEFAULT_PASSWORD)


def test_password_change_refuses_the_same_password(client, handler):
    client.force_login(handler)
    response = client.post(
        reverse("password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": DEFAULT_PASSWORD, "new_password2": DEFAULT_PASSWORD},
    )
    assert "新密码不能与原密码相同" in response.content.decode()


def test_password_change_stamps_the_time_and_keeps_the_session(client, handler):
    handler.password_changed_at = timezone.now() - timedelta(days=30)
    handler.save(update_fields=["password_changed_at"])
    client.force_login(handler)
    response = client.post(
        reverse("password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "Hetao#2027x", "new_password2": "Hetao#2027x"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    handler.refresh_from_db()
    assert handler.check_password("Hetao#2027x")
    assert timezone.now() - handler.password_changed_at < timedelta(minutes=1)
    assert "密码修改成功" in client.get(reverse("password_change_done")).content.decode()


def test_set_password_with_update_fields_still_stamps_the_time(handler):
    handler.password_changed_at = timezone.now() - timedelta(days=30)
    handler.save(update_fields=["password_changed_at"])
    handler.set_password("Another#2027")
    handler.save(update_fields=["password"])
    handler.refresh_from_db()
    assert timezone.now() - handler.password_changed_at < timedelta(minutes=1)


def test_saving_a_user_without_a_new_password_keeps_the_stamp(handler):
    old = timezone.now() - timedelta(days=30)
    handler.password_changed_at = old
    handler.save(update_fields=["password_changed_at"])
    handler.position = "一级主任科员"
    handler.save()
    handler.refresh_from_db()
    assert handler.password_changed_at == old


# ---- Password expiry -------------------------------------------------------------------


def _expire_password(user, days=91):
    user.password_changed_at = timezone.now() - timedelta(days=days)
    user.save(update_fields=["password_changed_at"])


def test_an_expired_password_sends_the_user_to_change_it(client, handler):
    _expire_password(handler)
    client.force_login(handler)
    response = client.get(reverse("supervision:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "已超过 90 天未修改" in page.content.decode()


def test_a_password_younger_than_the_expiry_is_not_redirected(client, handler):
    _expire_password(handler, days=89)
    client.force_login(handler)
    assert client.get(reverse("home")).status_code == 200


def test_changing_the_expired_password_lets_the_user_in(client, handler):
    _expire_password(handler)
    client.force_login(handler)
    client.post(
        reverse("password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "Hetao#2027x", "new_password2": "Hetao#2027x"},
    )
    assert client.get(reverse("home")).status_code == 200


def test_an_expired_password_may_still_log_out(client, handler):
    _expire_password(handler)
    client.force_login(handler)
    assert client.post(reverse("logout"))["Location"] == reverse("login")


def test_expiry_zero_turns_expiry_off(client, handler, settings):
    settings.PASSWORD_EXPIRY_DAYS = 0
    _expire_password(handler, days=3650)
    client.force_login(handler)
    assert client.get(reverse("home")).status_code == 200


def test_the_api_is_not_redirected_for_an_expired_password(client, handler):
    _expire_password(handler)
    client.force_login(handler)
    assert client.get("/api/v1/users/me/").status_code == 200


# ---- Error pages and anonymous access ------------------------------------------------------


def test_a_page_for_an_anonymous_visitor_redirects_to_login(client, db):
    for url in (reverse("home"), reverse("supervision:list"), reverse("password_change")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{reverse('login')}?next=")


def test_403_is_a_chinese_page_in_the_frame(client, handler):
    client.force_login(handler)
    response = client.get(reverse("dashboard"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in body
    assert "督办看板仅向局领导、办公室主任和文书开放" in body
    assert 'class="app-sidebar' in body


def test_404_is_a_chinese_page_in_the_frame_for_a_signed_in_user(client, handler):
    client.force_login(handler)
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in body
    assert 'class="app-sidebar' in body


def test_404_is_a_plain_chinese_page_for_an_anonymous_visitor(client, db):
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in body
    assert 'class="app-sidebar' not in body


def test_500_page_renders_without_the_database(rf):
    # No db fixture: a query would raise, and the view would fall back to its bare page.
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "错误已记录" in response.content.decode()


def test_behind_a_trusted_proxy_the_lock_follows_the_forwarded_address(client, handler, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "handler", "password": WRONG},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="1.2.3.4, 192.168.5.20",
        )
    assert AccessFailureLog.objects.filter(ip_address="192.168.5.20").count() == 5
    # Another person behind the same proxy is not locked out, whatever they claim to be.
    response = Client().post(
        LOGIN,
        {"username": "handler", "password": DEFAULT_PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="192.168.5.20, 192.168.5.21",
    )
    assert response.status_code == 302


def test_without_a_proxy_a_forwarded_header_is_ignored(client, handler):
    fail(client, "handler", 5)
    response = Client().post(
        LOGIN, {"username": "handler", "password": DEFAULT_PASSWORD}, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert response.status_code == 429


def test_a_failed_csrf_check_gets_the_chinese_403(client, handler):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(handler)
    response = strict.post("/notifications/read-all/")
    assert response.status_code == 403
    assert "页面已过期" in response.text
