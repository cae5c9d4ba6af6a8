from django.urls import path

from . import views

app_name = "partybuilding"

urlpatterns = [
    path("", views.index, name="index"),
    path("dues/flagged/", views.dues_flagged, name="dues_flagged"),
]
