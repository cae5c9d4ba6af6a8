from django.urls import include, path

from .views import audit, dashboard, exports, imports, notifications, supervision

supervision_patterns = (
    [
        path("", supervision.item_list, name="list"),
        path("new/", supervision.item_create, name="create"),
        path("<int:pk>/", supervision.item_detail, name="detail"),
        path("<int:pk>/<slug:action>/", supervision.item_action, name="action"),
    ],
    "supervision",
)

notification_patterns = (
    [
        path("", notifications.notification_index, name="list"),
        path("read-all/", notifications.notification_read_all, name="read_all"),
        path("<int:pk>/", notifications.notification_open, name="open"),
    ],
    "notifications",
)

export_patterns = (
    [
        path("", exports.export_list, name="list"),
        path("<int:pk>/download/", exports.export_download, name="download"),
    ],
    "exports",
)

audit_patterns = (
    [
        path("", audit.audit_list, name="list"),
        path("export/", audit.audit_export, name="export"),
    ],
    "audit",
)

import_patterns = ([path("<int:pk>/", imports.import_detail, name="detail")], "imports")

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("supervision/", include(supervision_patterns)),
    path("notifications/", include(notification_patterns)),
    path("exports/", include(export_patterns)),
    path("audit/", include(audit_patterns)),
    path("imports/", include(import_patterns)),
]
