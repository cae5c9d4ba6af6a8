from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from .roles import sync_roles

    sync_roles(verbosity=kwargs.get("verbosity", 0))


def check_audit_retention(app_configs=None, **kwargs):
    """等保 2.0 and 网络安全法 第二十一条 keep network logs at least six months."""
    from django.conf import settings

    from .models.audit import MINIMUM_RETENTION_DAYS

    if settings.AUDIT_RETENTION_DAYS >= MINIMUM_RETENTION_DAYS:
        return []
    return [
        checks.Error(
            f"AUDIT_RETENTION_DAYS={settings.AUDIT_RETENTION_DAYS}：审计日志须至少保存 {MINIMUM_RETENTION_DAYS} 天。",
            hint=f"设为 {MINIMUM_RETENTION_DAYS} 或更大；较小的值不生效（只清理更早的记录）。",
            id="office.E001",
        )
    ]


class OfficeConfig(AppConfig):
    name = "office"
    verbose_name = "办公室核心"

    def ready(self):
        from . import signals  # noqa: F401

        checks.register(check_audit_retention)

        # After every migrate, when every app's permissions exist, the role groups get exactly
        # the permissions the code gives them.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="office-sync-roles")
        _merge_enum_overrides()
        _office_date_fields()
        _merge_celery_schedule()


def _office_date_fields():
    # Every ModelSerializer's date fields say "日期不存在" for 2021-02-30 (office.dates).
    from django.db import models
    from rest_framework import serializers

    from .api.fields import DateField, DateTimeField

    serializers.ModelSerializer.serializer_field_mapping[models.DateField] = DateField
    serializers.ModelSerializer.serializer_field_mapping[models.DateTimeField] = DateTimeField


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
