from django.apps import AppConfig
from django.conf import settings
from django.core import checks

PLACEHOLDER_ORGANISATION = "XX市水利局"


def check_organisation_name(app_configs=None, **kwargs):
    """The summary's title and 落款 print ORGANISATION_NAME: a real installation must set it."""
    name = getattr(settings, "ORGANISATION_NAME", "")
    if settings.DEBUG or (name and name != PLACEHOLDER_ORGANISATION):
        return []
    return [
        checks.Warning(
            f"ORGANISATION_NAME 仍为占位名称“{name or '（空）'}”，年度工作总结的标题和落款会印出它。",
            hint="在环境变量 ORGANISATION_NAME 中设置本单位全称，如“滨河市水利局”。",
            id="reports.W001",
        )
    ]


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "年度工作总结"

    def ready(self):
        checks.register(check_organisation_name)
