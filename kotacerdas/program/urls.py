from django.urls import path

from kotacerdas.program import views, views_agreements, views_rubric

app_name = "program"
urlpatterns = [
    path("", views.cohort_list, name="cohorts"),
    path("new/", views.cohort_create, name="cohort-create"),
    path("<int:year>/", views.cohort_detail, name="cohort"),
    path("<int:year>/open/", views.cohort_open, name="cohort-open"),
    path("<int:year>/close/", views_rubric.cohort_close, name="cohort-close"),
    path("<int:year>/rubric/", views_rubric.rubric_edit, name="rubric"),
    path("<int:year>/apply/", views.apply, name="apply"),
    path("<int:year>/assign/", views.bulk_assign, name="bulk-assign"),
    path("<int:year>/selection/", views.selection, name="selection"),
    path("<int:year>/selection/publish/", views.selection_publish, name="publish"),
    path("<int:year>/result/", views.result, name="result"),
    path("<int:year>/dashboard/", views_agreements.dashboard, name="dashboard"),
    path("<int:year>/agreements/", views_agreements.agreement_list, name="agreements"),
    path("agreements/<int:agreement_id>/", views_agreements.agreement_detail, name="agreement"),
    path(
        "agreements/<int:agreement_id>/scan/",
        views_agreements.agreement_scan,
        name="agreement-scan",
    ),
    path("applications/<int:application_id>/", views.application_detail, name="application"),
    path(
        "applications/<int:application_id>/evidence/<int:evidence_id>/",
        views.evidence_download,
        name="evidence",
    ),
    path("applications/<int:application_id>/reopen/", views.application_reopen, name="reopen"),
    path("applications/<int:application_id>/assign/", views.application_assign, name="assign"),
    path("assignments/<int:assignment_id>/", views.assignment_detail, name="assignment"),
    path("assignments/<int:assignment_id>/interview/", views.interview_create, name="interview"),
    path("decisions/<int:decision_id>/override/", views.decision_override, name="override"),
    path("regions/<str:code>/bodies/<str:kind>/", views_agreements.body_edit, name="body"),
    path(
        "regions/<str:code>/bodies/<str:kind>/decree/",
        views_agreements.decree_download,
        name="decree",
    ),
    path("regions/<str:code>/opds/import/", views_agreements.opd_import, name="opd-import"),
    path(
        "regions/<str:code>/opds/import/sample.csv",
        views_agreements.opd_import_sample,
        name="opd-import-sample",
    ),
    path("opds/<int:opd_id>/commitment/", views_agreements.commitment_edit, name="commitment"),
    path(
        "opds/<int:opd_id>/commitment/scan/",
        views_agreements.commitment_scan,
        name="commitment-scan",
    ),
]
