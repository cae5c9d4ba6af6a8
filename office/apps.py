from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "office"
    verbose_name = "办公室核心"

    def ready(self):
        from . import signals  # noqa: F401
