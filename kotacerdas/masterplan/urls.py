from django.urls import include, path

app_name = "masterplan"

# The editor (overview, programs, import/export, documents) and the content and
# review pages (profile, findings, analyses, vision, comments, versions).
urlpatterns = [
    path("", include("kotacerdas.masterplan.urls_editor")),
    path("", include("kotacerdas.masterplan.urls_content")),
]
