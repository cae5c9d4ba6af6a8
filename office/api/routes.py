from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("supervision/items", views.SupervisedItemViewSet, basename="supervised-item")

urlpatterns = [
    path("users/me/", views.MeView.as_view(), name="api-me"),
    *router.urls,
]
