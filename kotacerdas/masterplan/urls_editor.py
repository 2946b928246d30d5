from django.urls import path

from kotacerdas.masterplan.views import editor

urlpatterns = [
    path("", editor.masterplan_list, name="list"),
    path("template.xlsx", editor.import_template, name="template"),
    path("<int:pk>/", editor.masterplan_detail, name="detail"),
    path("<int:pk>/programs/", editor.programs, name="programs"),
    path("<int:pk>/programs/new/", editor.program_form, name="program-new"),
    path("<int:pk>/programs/<int:program_id>/", editor.program_form, name="program-edit"),
    path(
        "<int:pk>/programs/<int:program_id>/delete/",
        editor.program_delete,
        name="program-delete",
    ),
    path("<int:pk>/import/", editor.import_programs, name="import"),
    path("<int:pk>/export.xlsx", editor.export_programs, name="export"),
    path("<int:pk>/documents/", editor.documents, name="documents"),
    path("<int:pk>/perbup.pdf", editor.legal_document, name="legal-document"),
    path(
        "<int:pk>/documents/<uuid:job_id>/",
        editor.document_download,
        name="document-download",
    ),
]
