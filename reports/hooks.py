"""What the annual summary adds to the shell (see office/plugins.py)."""

from celery.schedules import crontab

from office.plugins import AppPlugin, NavItem, NavSection

from .permissions import ROLE_PERMISSIONS

plugin = AppPlugin(
    label="reports",
    url_prefix="reports/",
    urls="reports.urls",
    api_prefix="reports/",
    api_urls="reports.api.urls",
    navigation=(
        NavSection(
            "年度工作总结",
            80,
            (NavItem("工作总结", "journal-text", "reports:list", perm="reports.view_summary", match=("reports:",)),),
        ),
    ),
    role_permissions=ROLE_PERMISSIONS,
    demo="reports.demo.seed",
    task_routes={"reports.tasks.*": {"queue": "exports"}},
    beat_schedule={
        "summary-exports-requeue": {"task": "reports.tasks.exports_requeue_stuck", "schedule": crontab(minute="*/15")}
    },
    demo_order=900,
    enum_overrides={
        "ReportsSummaryStateEnum": "reports.models.SummaryState",
        "ReportsExportKindEnum": "reports.models.ExportKind",
        "ReportsExportStatusEnum": "reports.models.ExportStatus",
    },
)
