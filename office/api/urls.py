from django.contrib.auth.decorators import login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from ..plugins import api_urlpatterns
from . import tokens

urlpatterns = [
    # Both need login like every endpoint: the schema answers 401, the docs page sends to login.
    # The docs page's init script is a file (the split view), so it passes the CSP.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="api-schema"),
    path(
        "docs/",
        login_required(
            SpectacularSwaggerSplitView.as_view(
                url_name="api-schema", template_name="office/api/swagger_ui.html", permission_classes=[IsAuthenticated]
            )
        ),
        name="api-docs",
    ),
    path("v1/auth/token/", tokens.ObtainTokenView.as_view(), name="api-token"),
    path("v1/auth/tokens/", tokens.TokenListView.as_view(), name="api-tokens"),
    path("v1/auth/tokens/<int:pk>/", tokens.TokenDetailView.as_view(), name="api-token-detail"),
    path("v1/auth/logout/", tokens.LogoutView.as_view(), name="api-logout"),
    # Every app's endpoints under /api/v1/<prefix>, from its hooks.py.
    *api_urlpatterns(),
]
