"""A real Celery worker, consuming from Redis, runs the daily reminder task."""

import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.utils import timezone

from office.celery import app
from office.models import Notification
from office.tasks import supervision_send_reminders
from tests.factories import SupervisedItemFactory


@pytest.fixture
def redis_worker():
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=settings.TEST_REDIS_URL, task_always_eager=False)
    # Earlier tests built the producer pool for the eager "memory://" broker; changing the
    # configuration does not rebuild it, so drop it and the cached AMQP helper.
    app._pool = None
    app.__dict__.pop("amqp", None)
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=20) as worker:
        yield worker
    app.conf.update(saved)
    app._pool = None
    app.__dict__.pop("amqp", None)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_reminder_task_runs_on_a_worker_through_redis(redis_worker, clerk, handler):
    today = timezone.localdate()
    late = SupervisedItemFactory(
        responsible=handler,
        owner_department=handler.department,
        created_by=clerk,
        start_date=today - datetime.timedelta(days=20),
        deadline=today - datetime.timedelta(days=1),
    )
    supervision_send_reminders.delay()
    # Results are not stored (task_ignore_result): the task's effect in the database is the answer.
    deadline = time.monotonic() + 60
    while not Notification.objects.filter(recipient=handler).exists():
        assert time.monotonic() < deadline, "the worker did not run the task within 60 s"
        time.sleep(0.2)
    note = Notification.objects.get(recipient=handler)
    assert note.url == f"/supervision/{late.pk}/"
    assert "逾期 1 天" in note.title
