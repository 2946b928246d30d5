from django.urls import path

from kotacerdas.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.region_list, name="list"),
    path("export/", views.region_export, name="export"),
    path("<str:code>/", views.region_detail, name="detail"),
    path("<str:code>/workspace/", views.region_workspace, name="workspace"),
    path("<str:code>/opds/new/", views.opd_create, name="opd-create"),
    path("opds/<int:opd_id>/", views.opd_detail, name="opd"),
    path("opds/<int:opd_id>/edit/", views.opd_edit, name="opd-edit"),
    path("opds/<int:opd_id>/delete/", views.opd_delete, name="opd-delete"),
]
