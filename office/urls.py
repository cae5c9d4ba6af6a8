from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from .plugins import urlpatterns as plugin_urlpatterns

admin.site.site_header = "机关办公室综合管理系统 · 系统管理"
admin.site.site_title = "系统管理"
admin.site.index_title = "管理首页"

urlpatterns = [
    # The admin signs in through our login page, so the lockout and the second factor apply.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("accounts/", include("office.urls_accounts")),
    path("api/", include("office.api.urls")),
    # Every app's pages, mounted from its hooks.py (the core's own at the root, last).
    *plugin_urlpatterns(),
]

handler403 = "office.views.errors.permission_denied"
handler404 = "office.views.errors.page_not_found"
handler500 = "office.views.errors.server_error"
