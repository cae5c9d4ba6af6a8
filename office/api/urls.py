from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ..plugins import api_urlpatterns
from . import tokens

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/auth/token/", tokens.ObtainTokenView.as_view(), name="api-token"),
    path("v1/auth/tokens/", tokens.TokenListView.as_view(), name="api-tokens"),
    path("v1/auth/tokens/<int:pk>/", tokens.TokenDetailView.as_view(), name="api-token-detail"),
    path("v1/auth/logout/", tokens.LogoutView.as_view(), name="api-logout"),
    # Every app's endpoints under /api/v1/<prefix>, from its hooks.py.
    *api_urlpatterns(),
]
