"""Loads a coherent demo year: each app's plugin names its `seed`, run in `demo_order`.

Running it again changes nothing: every app's seed looks its records up by natural keys first."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from office.plugins import demo_functions
from office.services.supervision import supervision_send_reminders


class Command(BaseCommand):
    help = "载入演示数据（一个水利局的一年），可重复运行。"

    def handle(self, *args, **options):
        from office.models import SupervisedItem

        # The items this run makes are the ones its office urges (never those already there).
        before = SupervisedItem.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for _label, seed in demo_functions():
            # Demo notifications stay in the app: nobody should get a thousand emails.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
                seed(stdout=self.stdout)
        # The office's urgings of the items every app left open past their deadline.
        from office.demo import urge_overdue

        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            urge_overdue(stdout=self.stdout, items=SupervisedItem.objects.filter(pk__gt=before))
        # Today's reminders for every app's supervised items, as the daily task would send them:
        # once, after every app has seeded (once per item, person and day, so a second run of the
        # whole demo sends none).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            supervision_send_reminders()
        from office.demo import print_logins

        print_logins(self.stdout)
