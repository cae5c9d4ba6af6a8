"""Loads a coherent demo year: each app's plugin names its `seed`, run in `demo_order`.

Running it again changes nothing: every app's seed looks its records up by natural keys first."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from office.plugins import demo_functions


class Command(BaseCommand):
    help = "载入演示数据（一个水利局的一年），可重复运行。"

    def handle(self, *args, **options):
        for _label, seed in demo_functions():
            # Demo notifications stay in the app: nobody should get a thousand emails.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
                seed(stdout=self.stdout)
        from office.demo import print_logins

        print_logins(self.stdout)
