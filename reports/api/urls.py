from rest_framework.routers import DefaultRouter

from .views import SummaryViewSet

router = DefaultRouter()
router.register("summaries", SummaryViewSet, basename="reports-api-summary")

urlpatterns = router.urls
