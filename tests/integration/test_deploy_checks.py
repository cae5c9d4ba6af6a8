"""The production configuration passes Django's deployment checks, and the models match the migrations.

Both run manage.py in a fresh process: the test settings loosen exactly what `check --deploy`
looks at (no SSL redirect, insecure cookies), so an in-process check would prove nothing.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _clean_env(tmp_path, **overrides):
    # Only what a process needs to start: nothing the test settings put into os.environ
    # (SECURE_SSL_REDIRECT=false and friends) may leak into the production process.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "office.settings.base",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'office.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env.update(overrides)
    return env


def test_production_settings_pass_check_deploy(tmp_path):
    env = _clean_env(
        tmp_path,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="office.example.gov.cn",
        ORGANISATION_NAME="滨河市水利局",
    )
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_production_install_without_its_organisation_name_is_warned(tmp_path):
    # The summary's title and 落款 print the name: the placeholder must not reach a real bureau.
    env = _clean_env(
        tmp_path, DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="office.example.gov.cn"
    )
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "reports.W001" in result.stdout + result.stderr


def test_check_deploy_fails_without_a_secret_key(tmp_path):
    # The other half of the contract: production refuses to start on a missing secret.
    result = _manage("check", "--deploy", env=_clean_env(tmp_path, DEBUG="false"))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_models_match_migrations(tmp_path):
    result = _manage("makemigrations", "--check", "--dry-run", env=_clean_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
