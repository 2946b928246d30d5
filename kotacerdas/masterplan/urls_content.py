from django.urls import path

from kotacerdas.masterplan.views import content, review

# The content pages (profile, potentials and problems, analyses, vision) and the review
# pages (comments, workflow actions, versions). Mounted under /masterplans/.
urlpatterns = [
    path("<int:pk>/introduction/", content.introduction, name="introduction"),
    path("<int:pk>/profile/", content.profile, name="profile"),
    path("<int:pk>/findings/", content.findings, name="findings"),
    path("<int:pk>/findings/new/", content.finding_form, name="finding-new"),
    path("<int:pk>/findings/<int:finding_id>/", content.finding_form, name="finding-edit"),
    path("<int:pk>/analyses/", content.analyses, name="analyses"),
    path("<int:pk>/vision/", content.vision, name="vision"),
    path("<int:pk>/review/", review.review, name="review"),
    path("<int:pk>/workflow/", review.workflow, name="workflow"),
    path("<int:pk>/versions/", review.versions_list, name="versions"),
    path("<int:pk>/versions/compare/", review.compare, name="compare"),
]
