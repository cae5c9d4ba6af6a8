from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.summary_list, name="list"),
    path("<int:pk>/", views.summary_detail, name="detail"),
    path("<int:pk>/refresh/", views.summary_refresh, name="refresh"),
    path("<int:pk>/approximate/", views.summary_approximate, name="approximate"),
    path("<int:pk>/typed-figures/", views.typed_figure_save, name="typed_figure"),
    path("<int:pk>/finalise/", views.summary_finalise, name="finalise"),
    path("<int:pk>/new-version/", views.summary_new_version, name="new_version"),
    path("<int:pk>/preview/", views.summary_preview, name="preview"),
    path("<int:pk>/exports/", views.export_list, name="exports"),
    path("<int:pk>/exports/new/", views.export_create, name="export_create"),
    path("<int:pk>/sections/<slug:code>/", views.section_save, name="section_save"),
    path("<int:pk>/sections/<slug:code>/preview/", views.section_preview, name="section_preview"),
    path("<int:pk>/sections/<slug:code>/regenerate/", views.section_regenerate, name="section_regenerate"),
    path("exports/<int:export_pk>/download/", views.export_download, name="export_download"),
]
