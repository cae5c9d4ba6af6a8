"""GET /health/ for the load balancer: no login, JSON, 200 when every dependency answers, 503 when not."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/health/"


def get(**extra):
    # A load balancer probes by address, over plain HTTP, without cookies.
    return Client().get(URL, HTTP_HOST="10.0.0.5:8000", **extra)


def test_healthy_without_login(settings):
    settings.ALLOWED_HOSTS = ["office.example.gov.cn"]
    settings.SECURE_SSL_REDIRECT = True
    response = get()
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "disk"}  # no Redis configured in tests
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["disk"]["free_mb"] > 0
    assert "sessionid" not in response.cookies
    assert response["Cache-Control"] == "no-store"


def test_no_personal_data(handler):
    body = get().content.decode()
    assert "handler" not in body and handler.name not in body and "@" not in body


def test_too_little_free_disk_is_503(settings):
    settings.HEALTH_MIN_FREE_DISK_MB = 10**12
    response = get()
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["checks"]["disk"]["ok"] is False


def test_redis_down_is_503(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = get()
    assert response.status_code == 503
    redis = response.json()["checks"]["redis"]
    assert redis["ok"] is False and redis["error"]


@pytest.mark.redis
def test_redis_up_and_no_worker_is_503(settings):
    # A Redis database no test worker listens on (workers of other tests use TEST_REDIS_URL's).
    settings.REDIS_URL = settings.TEST_REDIS_URL.rsplit("/", 1)[0] + "/13"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.HEALTH_CELERY_TIMEOUT = 0.5
    checks = get().json()["checks"]
    assert checks["redis"]["ok"] is True
    assert checks["workers"] == {**checks["workers"], "ok": False, "workers": 0}


def test_only_get():
    assert Client().post(URL).status_code == 405


@pytest.fixture
def redis_worker(settings):
    # As tests/integration/test_celery_worker.py: a real worker on the test Redis.
    from celery.contrib.testing.worker import start_worker

    from office.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=settings.TEST_REDIS_URL, task_always_eager=False)
    app._pool = None
    app.__dict__.pop("amqp", None)
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=20) as worker:
        yield worker
    app.conf.update(saved)
    app._pool = None
    app.__dict__.pop("amqp", None)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_redis_and_a_live_worker_are_healthy(settings, redis_worker):
    settings.REDIS_URL = settings.TEST_REDIS_URL
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.HEALTH_CELERY_TIMEOUT = 5.0  # the worker's answer may be slow on a loaded machine
    response = get()
    body = response.json()
    assert response.status_code == 200, body
    assert body["checks"]["workers"]["workers"] >= 1
    assert body["checks"]["redis"]["ok"] is True


def test_a_fresh_install_without_a_media_folder_is_healthy(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "not" / "created" / "yet"
    response = get()
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["disk"]["free_mb"] > 0
