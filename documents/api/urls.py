from django.urls import path
from rest_framework.routers import DefaultRouter

from . import printing, views

router = DefaultRouter()
router.register("incoming", views.IncomingViewSet, basename="documents-incoming")
router.register("outgoing", views.OutgoingViewSet, basename="documents-outgoing")
router.register("proposals", views.ProposalViewSet, basename="documents-proposal")
router.register("instructions", views.InstructionViewSet, basename="documents-instruction")
router.register("archive", views.ArchiveViewSet, basename="documents-archive")
router.register("publicity", views.PublicityViewSet, basename="documents-publicity")

urlpatterns = [
    path("waiting/", views.WaitingView.as_view(), name="documents-waiting"),
    path(
        "attachments/<int:pk>/download/", views.AttachmentDownloadView.as_view(), name="documents-attachment-download"
    ),
    path("versions/<int:pk>/download/", views.VersionDownloadView.as_view(), name="documents-version-download"),
    path("incoming/<int:pk>/print/slip/", printing.IncomingSlipView.as_view(), name="documents-incoming-slip"),
    path("outgoing/<int:pk>/print/sheet/", printing.OutgoingSheetView.as_view(), name="documents-outgoing-sheet"),
    path(
        "outgoing/<int:pk>/print/issued/<slug:fmt>/",
        printing.OutgoingIssuedView.as_view(),
        name="documents-outgoing-issued",
    ),
    *router.urls,
]
