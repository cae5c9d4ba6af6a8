from rest_framework.routers import SimpleRouter

from . import views

# `rooms` and `types` come before the meetings at the empty prefix, whose detail route
# (`<pk>/`) would otherwise take `rooms/` for a meeting's id. A SimpleRouter: the
# DefaultRouter's API root at `^$` would shadow the meetings list.
router = SimpleRouter()
router.register("rooms", views.RoomViewSet, basename="meeting-room")
router.register("types", views.MeetingTypeViewSet, basename="meeting-type")
router.register("", views.MeetingViewSet, basename="meeting")

urlpatterns = router.urls
