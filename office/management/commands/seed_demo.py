"""Loads a coherent demo year: each app with a `demo.py` adds its part, in app order.

Running it again changes nothing: every app's seed looks its records up by natural keys first."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings


class Command(BaseCommand):
    help = "载入演示数据（一个水利局的一年），可重复运行。"

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            # Demo notifications stay in the app: nobody should get a thousand emails.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
                module.seed(stdout=self.stdout)
        from office.demo import print_logins

        print_logins(self.stdout)
