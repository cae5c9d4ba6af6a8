from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import obtain_auth_token

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/auth/token/", obtain_auth_token, name="api-token"),
    path("v1/documents/", include("documents.api.urls")),
    path("v1/meetings/", include("meetings.api.urls")),
    path("v1/reports/", include("reports.api.urls")),
    path("v1/", include("office.api.routes")),
]
