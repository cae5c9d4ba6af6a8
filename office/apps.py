from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from .roles import sync_roles

    sync_roles(verbosity=kwargs.get("verbosity", 0))


class OfficeConfig(AppConfig):
    name = "office"
    verbose_name = "办公室核心"

    def ready(self):
        from . import signals  # noqa: F401

        # After every migrate, when every app's permissions exist, the role groups get exactly
        # the permissions the code gives them.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="office-sync-roles")
        _merge_enum_overrides()
        _merge_celery_schedule()


def _merge_celery_schedule():
    # Every app's periodic tasks and queues join the core's; beat and the workers load Django
    # (and so this) before they read the schedule.
    from .celery import app
    from .plugins import plugins

    for plugin in plugins():
        app.conf.beat_schedule.update(plugin.beat_schedule)
        app.conf.task_routes.update(plugin.task_routes)


def _merge_enum_overrides():
    # drf-spectacular reads its settings lazily, at the first schema; every app is loaded by now.
    from django.conf import settings

    from .plugins import plugins

    overrides = settings.SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {})
    for plugin in plugins():
        overrides.update(plugin.enum_overrides)
