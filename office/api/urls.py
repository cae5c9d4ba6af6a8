from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import obtain_auth_token

from ..plugins import api_urlpatterns

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/auth/token/", obtain_auth_token, name="api-token"),
    # Every app's endpoints under /api/v1/<prefix>, from its hooks.py.
    *api_urlpatterns(),
]
