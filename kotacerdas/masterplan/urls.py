from django.urls import path

from kotacerdas.masterplan.views import (
    content,
    documents,
    programs,
    public,
    review,
    spreadsheet,
    workflow,
)

app_name = "masterplan"
urlpatterns = [
    path("", workflow.masterplan_list, name="list"),
    path("template.xlsx", spreadsheet.import_template, name="template"),
    path("<int:pk>/", workflow.masterplan_detail, name="detail"),
    path("<int:pk>/programs/", programs.programs, name="programs"),
    path("<int:pk>/programs/new/", programs.program_form, name="program-new"),
    path("<int:pk>/programs/<int:program_id>/", programs.program_form, name="program-edit"),
    path(
        "<int:pk>/programs/<int:program_id>/delete/",
        programs.program_delete,
        name="program-delete",
    ),
    path("<int:pk>/import/", spreadsheet.import_programs, name="import"),
    path("<int:pk>/export.xlsx", spreadsheet.export_programs, name="export"),
    path("<int:pk>/documents/", documents.documents, name="documents"),
    path("<int:pk>/perbup.pdf", documents.legal_document, name="legal-document"),
    path("<int:pk>/legalised.pdf", public.public_document, name="public-document"),
    path(
        "<int:pk>/documents/<uuid:job_id>/",
        documents.document_download,
        name="document-download",
    ),
    path("<int:pk>/introduction/", content.introduction, name="introduction"),
    path("<int:pk>/profile/", content.profile, name="profile"),
    path("<int:pk>/findings/", content.findings, name="findings"),
    path("<int:pk>/findings/new/", content.finding_form, name="finding-new"),
    path("<int:pk>/findings/<int:finding_id>/", content.finding_form, name="finding-edit"),
    path("<int:pk>/analyses/", content.analyses, name="analyses"),
    path("<int:pk>/vision/", content.vision, name="vision"),
    path("<int:pk>/review/", review.review, name="review"),
    path("<int:pk>/workflow/", workflow.workflow, name="workflow"),
    path("<int:pk>/versions/", review.versions_list, name="versions"),
    path("<int:pk>/versions/compare/", review.compare, name="compare"),
]
