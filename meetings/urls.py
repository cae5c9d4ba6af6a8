from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("calendar/", views.meeting_calendar, name="calendar"),
    path("rooms/", views.room_list, name="rooms"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/seating/", views.meeting_seating, name="seating"),
    path("<int:pk>/seat-cards.pdf", views.meeting_seat_cards, name="seat_cards"),
    path("<int:pk>/minutes.pdf", views.meeting_minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/sign-in/<str:token>/", views.meeting_sign_in, name="sign_in"),
    path("<int:pk>/<slug:action>/", views.meeting_action, name="action"),
]
