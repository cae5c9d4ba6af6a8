"""GET /health/ for the load balancer and the monitor: database, Redis, Celery workers, free disk.

Answered by a middleware placed first, before the host check, the HTTPS redirect and the
session: a load balancer probes the process by its address over plain HTTP, and a probe every
few seconds must not create sessions. No login; the answer names the checks and their state
only (no personal data, no error text beyond the exception's class).

200 with {"status": "ok"} when every check passes, 503 with {"status": "fail"} otherwise."""

import shutil
import time
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.http import JsonResponse

PATH = "/health/"


def _timed(check):
    started = time.monotonic()
    try:
        detail = check() or {}
        ok = detail.pop("ok", True)
    except Exception as exc:  # noqa: BLE001 - any failure of a dependency is a failed check
        ok, detail = False, {"error": type(exc).__name__}
    return {"ok": ok, "ms": round((time.monotonic() - started) * 1000, 1), **detail}


def check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_redis():
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


def check_workers():
    from .celery import app

    with app.connection_for_read(settings.REDIS_URL) as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
        replies = app.control.ping(timeout=settings.HEALTH_CELERY_TIMEOUT, connection=connection)
    return {"ok": bool(replies), "workers": len(replies)}


def check_disk():
    # A fresh install has no media folder until the first upload: measure the disk it will be on.
    path = Path(settings.MEDIA_ROOT)
    while not path.exists() and path != path.parent:
        path = path.parent
    usage = shutil.disk_usage(path)
    free_mb = usage.free // (1024 * 1024)
    return {"ok": free_mb >= settings.HEALTH_MIN_FREE_DISK_MB, "free_mb": free_mb}


def health():
    """(status code, body)."""
    checks = {"database": _timed(check_database)}
    if settings.REDIS_URL:
        checks["redis"] = _timed(check_redis)
        if settings.HEALTH_CHECK_WORKERS and not settings.CELERY_TASK_ALWAYS_EAGER:
            checks["workers"] = _timed(check_workers)
    checks["disk"] = _timed(check_disk)
    ok = all(check["ok"] for check in checks.values())
    return (200 if ok else 503), {"status": "ok" if ok else "fail", "checks": checks}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return JsonResponse({"detail": "只支持 GET。"}, status=405)
        status, body = health()
        response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
        response["Cache-Control"] = "no-store"
        return response
