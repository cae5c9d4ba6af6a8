from rest_framework.routers import SimpleRouter

from . import views

# The named prefixes come before the petitions at the empty prefix, whose detail route
# (`<pk>/`) would otherwise take them for a petition's id.
router = SimpleRouter()
router.register("receptions", views.ReceptionViewSet, basename="petitions-reception")
router.register("patrols", views.PatrolViewSet, basename="petitions-patrol")
router.register("duty/swaps", views.DutySwapViewSet, basename="petitions-duty-swap")
router.register("duty/logs", views.DutyLogViewSet, basename="petitions-duty-log")
router.register("duty", views.DutyViewSet, basename="petitions-duty")
router.register("", views.PetitionViewSet, basename="petition")

urlpatterns = router.urls
