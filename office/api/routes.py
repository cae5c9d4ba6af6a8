from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views
from .imports import RegisterImportView

router = DefaultRouter()
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("supervision/items", views.SupervisedItemViewSet, basename="supervised-item")

urlpatterns = [
    path("users/me/", views.MeView.as_view(), name="api-me"),
    path("imports/<int:pk>/", RegisterImportView.as_view(), name="api-import"),
    path("supervision/dashboard/", views.DashboardView.as_view(), name="api-dashboard"),
    *router.urls,
]
