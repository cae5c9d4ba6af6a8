from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("people", views.PersonViewSet, basename="personnel-person")
router.register("appointments", views.AppointmentViewSet, basename="personnel-appointment")
router.register("salary-changes", views.SalaryChangeViewSet, basename="personnel-salary")
router.register("recruitment", views.RecruitmentViewSet, basename="personnel-recruitment")
router.register("titles", views.TitleReviewViewSet, basename="personnel-title")
router.register("expert-tasks", views.ExpertTaskViewSet, basename="personnel-expert")
router.register("talks", views.TalkViewSet, basename="personnel-talk")
router.register("assessments", views.AssessmentRoundViewSet, basename="personnel-round")
router.register("transfers", views.TransferViewSet, basename="personnel-transfer")

urlpatterns = router.urls
