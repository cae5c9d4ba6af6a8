"""The embedded setup `make run` serves: the base settings with DEBUG off, on plain HTTP at localhost.

It serves as production does (the Chinese error pages, static files collected and served by
WhiteNoise, no URL patterns shown on a 404) with only what plain http://127.0.0.1:8000 needs
loosened: no HTTPS redirect, no secure-only cookies, no HSTS. Every value can still be given in
the environment; nothing here changes `office.settings.base`, which production uses.

Without SECRET_KEY (or SECRET_KEY_FILE) a key is generated once into var/secret_key (mode 600)
and read from there afterwards, so sessions survive a restart. Without ORGANISATION_NAME the
embedded run is the demo bureau's (documents.demo.DEMO_ORGANISATION), so the demo year's summary
prints a real-looking name; a bureau running it for real sets ORGANISATION_NAME.
"""

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEMO_ORGANISATION = "滨河市水利局"


def secret_key_from(path):
    """The key stored at `path`, generated (50+ URL-safe characters, readable by the owner only)
    the first time."""
    path = Path(path)
    if path.exists():
        key = path.read_text().strip()
        if key:
            return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key


os.environ.setdefault("DEBUG", "false")
if not os.environ.get("SECRET_KEY") and not os.environ.get("SECRET_KEY_FILE"):
    os.environ["SECRET_KEY"] = secret_key_from(
        os.environ.get("EMBEDDED_SECRET_KEY_PATH", BASE_DIR / "var" / "secret_key")
    )
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
os.environ.setdefault("ORGANISATION_NAME", DEMO_ORGANISATION)
# Plain HTTP on the local machine: a redirect to HTTPS or secure-only cookies would lock the
# browser out (no session cookie over http), and HSTS would pin localhost to HTTPS.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("SECURE_HSTS_PRELOAD", "false")

from .base import *  # noqa: E402,F403
from .base import DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The SQLite default keeps the covering indexes (INCLUDE) as plain ones; PostgreSQL, which
    # production uses, has them whole. Said on every command of `make run`, it was only noise.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
