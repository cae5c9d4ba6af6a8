"""Celery tasks of the petitions app. Beat entry (office/celery.py, owned by the core):

"duty-reminders": {"task": "petitions.tasks.duty_send_reminders",
                   "schedule": crontab(hour=16, minute=0)},
"""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(
    name="petitions.tasks.duty_send_reminders", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def duty_send_reminders():
    """Daily: reminds everyone on duty tomorrow; safe to retry (each person once a day)."""
    return services.duty_send_reminders()
