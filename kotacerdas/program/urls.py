from django.urls import path

from kotacerdas.program.views import (
    agreements,
    applications,
    assessment,
    bodies,
    cohorts,
    public,
    rubric,
    selection,
)

app_name = "program"
urlpatterns = [
    path("", cohorts.cohort_list, name="cohorts"),
    path("new/", cohorts.cohort_create, name="cohort-create"),
    path("<int:year>/", cohorts.cohort_detail, name="cohort"),
    path("<int:year>/open/", cohorts.cohort_open, name="cohort-open"),
    path("<int:year>/close/", cohorts.cohort_close, name="cohort-close"),
    path("<int:year>/rubric/", rubric.rubric_edit, name="rubric"),
    path("<int:year>/apply/", applications.apply, name="apply"),
    path("<int:year>/assign/", assessment.bulk_assign, name="bulk-assign"),
    path("<int:year>/selection/", selection.selection, name="selection"),
    path("<int:year>/selection/publish/", selection.selection_publish, name="publish"),
    path("<int:year>/result/", selection.result, name="result"),
    path("<int:year>/public/", public.cohort_public, name="public-cohort"),
    path("<int:year>/dashboard/", agreements.dashboard, name="dashboard"),
    path("<int:year>/agreements/", agreements.agreement_list, name="agreements"),
    path("agreements/<int:agreement_id>/", agreements.agreement_detail, name="agreement"),
    path(
        "agreements/<int:agreement_id>/scan/",
        agreements.agreement_scan,
        name="agreement-scan",
    ),
    path("applications/<int:application_id>/", applications.application_detail, name="application"),
    path(
        "applications/<int:application_id>/evidence/<int:evidence_id>/",
        applications.evidence_download,
        name="evidence",
    ),
    path(
        "applications/<int:application_id>/reopen/", applications.application_reopen, name="reopen"
    ),
    path("applications/<int:application_id>/assign/", assessment.application_assign, name="assign"),
    path("assignments/<int:assignment_id>/", assessment.assignment_detail, name="assignment"),
    path(
        "assignments/<int:assignment_id>/interview/", assessment.interview_create, name="interview"
    ),
    path("decisions/<int:decision_id>/override/", selection.decision_override, name="override"),
    path("regions/<str:code>/bodies/<str:kind>/", bodies.body_edit, name="body"),
    path(
        "regions/<str:code>/bodies/<str:kind>/decree/",
        bodies.decree_download,
        name="decree",
    ),
    path("regions/<str:code>/opds/import/", bodies.opd_import, name="opd-import"),
    path(
        "regions/<str:code>/opds/import/sample.csv",
        bodies.opd_import_sample,
        name="opd-import-sample",
    ),
    path("opds/<int:opd_id>/commitment/", bodies.commitment_edit, name="commitment"),
    path(
        "opds/<int:opd_id>/commitment/scan/",
        bodies.commitment_scan,
        name="commitment-scan",
    ),
]
