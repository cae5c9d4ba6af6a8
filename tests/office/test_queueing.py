"""A broker outage is a clear message with nothing left behind; stuck exports are sent again."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from office.celery import app
from office.models import RegisterExport
from office.queueing import broker_available
from office.services.exports import register_export_request, register_exports_requeue_stuck

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down():
    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    yield
    app.conf.task_always_eager, app.conf.broker_url = saved


def test_an_export_asked_for_while_redis_is_down_is_refused_and_leaves_nothing(clerk, broker_down):
    assert not broker_available(app)
    with pytest.raises(ValidationError) as error:
        register_export_request(
            actor=clerk, register_path="documents.export.INCOMING", params=QueryDict("", mutable=True)
        )
    assert "暂不可用" in str(error.value)
    assert not RegisterExport.objects.exists()


def test_exports_stuck_past_the_limit_are_sent_again(clerk, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_STUCK_MINUTES = 30
    stuck = RegisterExport.objects.create(
        requested_by=clerk, register="documents.export.INCOMING", title="收文登记簿", status=RegisterExport.RUNNING
    )
    fresh = RegisterExport.objects.create(
        requested_by=clerk, register="documents.export.INCOMING", title="收文登记簿", status=RegisterExport.QUEUED
    )
    RegisterExport.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    # Tasks run inline in the test settings: the stuck one is rendered again, the fresh one left.
    assert register_exports_requeue_stuck() == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == RegisterExport.DONE and stuck.file
    assert fresh.status == RegisterExport.QUEUED
