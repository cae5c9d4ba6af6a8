"""Queueing a Celery task from a service, so that a broker outage is a clear message and not a
500 with a record left "queued" forever.

    with transaction.atomic():
        job = Job.objects.create(...)
        queue_after_commit(render_job, job.pk)    # raises ValidationError if Redis is down

The broker is asked first, inside the caller's transaction: if it does not answer, the error
rolls the transaction back, so nothing is left behind; if it does, the task is sent after the
commit (so the worker finds the row)."""

from django.core.exceptions import ValidationError
from django.db import transaction

BROKER_DOWN = "后台任务服务（Redis）暂不可用，未能提交，请稍后再试；如持续出现，请联系系统管理员。"


def broker_available(app) -> bool:
    if app.conf.task_always_eager:
        return True  # the embedded default runs tasks inline
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception:  # noqa: BLE001 - kombu raises several kinds; each means "not reachable"
        return False
    return True


def require_broker(task):
    """Refuses (ValidationError) before anything is written when the broker does not answer."""
    if not broker_available(task.app):
        raise ValidationError({"non_field_errors": BROKER_DOWN})


def queue_after_commit(task, *args):
    require_broker(task)
    transaction.on_commit(lambda: task.delay(*args))
