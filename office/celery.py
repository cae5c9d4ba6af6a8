"""The Celery application: tasks are discovered in every app's tasks.py."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings.base")

app = Celery("office")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Exports render large documents: they get a queue (and workers) of their own. Apps add their
# routes and periodic tasks in their hooks.py (office/apps.py merges them at start-up).
app.conf.task_routes = {"office.tasks.register_export_run": {"queue": "exports"}}

app.conf.beat_schedule = {
    "supervision-reminders": {
        "task": "office.tasks.supervision_send_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "register-exports-requeue": {
        "task": "office.tasks.register_exports_requeue_stuck",
        "schedule": crontab(minute="*/15"),
    },
    "audit-log-prune": {
        "task": "office.tasks.audit_log_prune",
        "schedule": crontab(hour=3, minute=15),
    },
    "calendar-coverage-warning": {
        "task": "office.tasks.calendar_warn_missing_years",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
}
