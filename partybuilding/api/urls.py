from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("organs", views.OrganViewSet, basename="party-organ")
router.register("members", views.MemberViewSet, basename="party-member")
router.register("dues/assessments", views.AssessmentViewSet, basename="party-assessment")
router.register("dues/payments", views.PaymentViewSet, basename="party-payment")
router.register("dues/rates", views.RateTableViewSet, basename="party-rate")
router.register("life", views.LifeViewSet, basename="party-life")
router.register("developments", views.DevelopmentViewSet, basename="party-development")
router.register("awards", views.AwardViewSet, basename="party-award")
router.register("care-visits", views.CareViewSet, basename="party-care")
router.register("disclosures", views.DisclosureViewSet, basename="party-disclosure")
router.register("integrity", views.IntegrityViewSet, basename="party-integrity")

urlpatterns = router.urls
