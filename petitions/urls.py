from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="petition_list"),
    path("export/", views.petition_export, name="petition_export"),
    path("new/", views.petition_create, name="petition_create"),
    path("<int:pk>/", views.petition_detail, name="petition_detail"),
    path("<int:pk>/do/<str:name>/", views.petition_action, name="petition_action"),
    path("<int:pk>/notice/<str:kind>/", views.petition_notice, name="petition_notice"),
    path("receptions/", views.reception_list, name="reception_list"),
    path("receptions/export/", views.reception_export, name="reception_export"),
    path("receptions/new/", views.reception_create, name="reception_create"),
    path("receptions/<int:pk>/", views.reception_detail, name="reception_detail"),
    path("receptions/<int:pk>/do/<str:name>/", views.reception_action, name="reception_action"),
    path("duty/", views.duty_list, name="duty_list"),
    path("duty/generate/", views.duty_generate, name="duty_generate"),
    path("duty/export/", views.duty_export, name="duty_export"),
    path("duty/<int:pk>/", views.duty_day, name="duty_day"),
    path("duty/assignments/<int:assignment_pk>/swap/", views.duty_swap_create, name="duty_swap_create"),
    path("duty/swaps/<int:pk>/<str:name>/", views.duty_swap_action, name="duty_swap_action"),
    path("patrols/", views.patrol_list, name="patrol_list"),
    path("patrols/export/", views.patrol_export, name="patrol_export"),
    path("patrols/new/", views.patrol_create, name="patrol_create"),
    path("patrols/<int:pk>/", views.patrol_detail, name="patrol_detail"),
    path("patrols/<int:pk>/do/<str:name>/", views.patrol_action, name="patrol_action"),
]
