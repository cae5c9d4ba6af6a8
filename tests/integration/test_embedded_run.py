"""`make run` serves like production: DEBUG off, the Chinese error pages, static files by WhiteNoise.

Each test starts manage.py in a fresh process with office.settings.embedded (the settings the
Makefile's `run` target uses) and nothing of the test settings' environment.
"""

import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _env(tmp_path, **overrides):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "office.settings.embedded",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'office.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "EMBEDDED_SECRET_KEY_PATH": str(tmp_path / "var" / "secret_key"),
    }
    env.update(overrides)
    return env


def _manage(*args, env, timeout=180):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )


def _setting(name, env):
    result = _manage(
        "shell", "--no-imports", "-c", f"from django.conf import settings; print(settings.{name})", env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local test server
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


@pytest.fixture
def embedded_server(tmp_path):
    """The server as `make run` starts it: static files collected, then runserver. The pages asked
    for here read no table, so the (slow) migration of a fresh SQLite file is left out."""
    env = _env(tmp_path)
    result = _manage("collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Up to two minutes for runserver to start: a slow machine, running other tests beside.
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(f"{base}/health/")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"runserver exited: {server.stderr.read()}")
                if time.monotonic() > deadline:
                    pytest.fail("runserver did not answer within 120 s")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_make_run_uses_the_embedded_settings_and_always_collects_static_files():
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "run: export DJANGO_SETTINGS_MODULE ?= office.settings.embedded" in makefile
    dry = subprocess.run(["make", "-n", "run"], cwd=BASE_DIR, capture_output=True, text=True, timeout=60)
    assert "manage.py collectstatic --noinput" in dry.stdout
    assert dry.stdout.index("collectstatic") < dry.stdout.index("runserver")


def test_the_embedded_settings_serve_with_debug_off_over_plain_http(tmp_path):
    env = _env(tmp_path)
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, sorted(s.ALLOWED_HOSTS), s.ORGANISATION_NAME)",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "False",
        "False",
        "False",
        "0",
        "['127.0.0.1',",
        "'[::1]',",
        "'localhost']",
        "滨河市水利局",
    ]


def test_a_secret_key_is_generated_once_into_var_and_kept(tmp_path):
    env = _env(tmp_path)
    key = _setting("SECRET_KEY", env)
    path = tmp_path / "var" / "secret_key"
    assert path.read_text().strip() == key
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _setting("SECRET_KEY", env) == key
    # A key given in the environment wins and nothing is written.
    other = tmp_path / "other"
    given = _setting("SECRET_KEY", _env(tmp_path, SECRET_KEY="given-" + "k" * 50, EMBEDDED_SECRET_KEY_PATH=str(other)))
    assert given == "given-" + "k" * 50
    assert not other.exists()


def test_the_embedded_demo_raises_no_deployment_warning_about_its_name(tmp_path):
    result = _manage("check", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "reports.W001" not in result.stdout + result.stderr


def test_make_run_on_sqlite_is_not_warned_about_the_covering_indexes_it_cannot_have(tmp_path):
    # migrate and runserver check the models against the database and printed the same two warnings.
    result = _manage("check", "--database", "default", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    # Only SQLite's warning is silenced: on PostgreSQL the check stays in force.
    on_postgres = _env(tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres")
    assert _setting("SILENCED_SYSTEM_CHECKS", on_postgres) == "[]"


def test_the_embedded_server_answers_a_missing_page_in_chinese_and_serves_static_files(embedded_server):
    status, headers, body = _get(f"{embedded_server}/no-such-page/")
    assert status == 404
    assert "页面不存在" in body
    assert "URLconf" not in body and "Page not found" not in body and "urlpatterns" not in body

    status, headers, body = _get(f"{embedded_server}/static/css/office.css")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")

    # The login page links the hashed (cacheable) names, and WhiteNoise serves them.
    status, login_headers, body = _get(f"{embedded_server}/accounts/login/")
    assert status == 200
    assert "登录" in body
    stylesheet = re.search(r'href="(/static/css/office\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, body[:2000]
    status, headers, _ = _get(embedded_server + stylesheet.group(1))
    assert status == 200
    assert "max-age=315360000" in headers.get("Cache-Control", "")
    # Plain HTTP: the CSRF cookie is not marked Secure (the browser would drop it) and no redirect.
    cookie = login_headers.get("Set-Cookie", "")
    assert "csrftoken" in cookie
    assert "Secure" not in cookie
