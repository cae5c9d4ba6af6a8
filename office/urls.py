from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "机关办公室综合管理系统 · 系统管理"
admin.site.site_title = "系统管理"
admin.site.index_title = "管理首页"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("office.urls_accounts")),
    path("api/", include("office.api.urls")),
    path("documents/", include("documents.urls")),
    path("meetings/", include("meetings.urls")),
    path("reports/", include("reports.urls")),
    path("", include("office.urls_web")),
]

handler403 = "office.views.errors.permission_denied"
handler404 = "office.views.errors.page_not_found"
handler500 = "office.views.errors.server_error"
