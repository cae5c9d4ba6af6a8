from django.urls import path

from . import imports, printing, views

app_name = "personnel"

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("me/", views.my_record, name="my_record"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/export/", views.roster_export, name="roster_export"),
    path("people/import/", imports.roster_import_view, name="roster_import"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/appointment-form.pdf", printing.appointment_form_pdf, name="appointment_form_pdf"),
    path("appointments/", views.appointment_list, name="appointment_list"),
    path("appointments/new/", views.appointment_create, name="appointment_create"),
    path("appointments/export/", views.appointment_export, name="appointment_export"),
    path("appointments/<int:pk>/", views.appointment_detail, name="appointment_detail"),
    path("appointments/<int:pk>/<slug:action>/", views.appointment_action, name="appointment_action"),
    path("salary/", views.salary_list, name="salary_list"),
    path("salary/new/", views.salary_create, name="salary_create"),
    path("salary/export/", views.salary_export, name="salary_export"),
    path("salary/reads/", views.read_list, name="read_list"),
    path("recruitment/", views.recruitment_list, name="recruitment_list"),
    path("recruitment/new/", views.recruitment_create, name="recruitment_create"),
    path("recruitment/export/", views.recruitment_export, name="recruitment_export"),
    path("titles/", views.title_list, name="title_list"),
    path("titles/new/", views.title_create, name="title_create"),
    path("titles/export/", views.title_export, name="title_export"),
    path("assessments/", views.round_list, name="round_list"),
    path("assessments/new/", views.round_create, name="round_create"),
    path("assessments/<int:pk>/", views.round_detail, name="round_detail"),
    path("assessments/<int:pk>/close/", views.round_close, name="round_close"),
    path("transfers/", views.transfer_list, name="transfer_list"),
    path("transfers/new/", views.transfer_create, name="transfer_create"),
    path("transfers/export/", views.transfer_export, name="transfer_export"),
    path("experts/", views.expert_list, name="expert_list"),
    path("experts/new/", views.expert_create, name="expert_create"),
    path("experts/export/", views.expert_export, name="expert_export"),
    path("talks/", views.talk_list, name="talk_list"),
    path("talks/new/", views.talk_create, name="talk_create"),
]
