from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from kotacerdas.accounts.views import profile as account_profile
from kotacerdas.api import api
from kotacerdas.core import views as core_views
from kotacerdas.site import inbox as site_inbox
from kotacerdas.site import views as site_views


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says: to the site's icon."""
    return HttpResponsePermanentRedirect(static("kotacerdas/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("", site_views.home, name="home"),
    path("start/", site_views.start, name="start"),
    path("my-work/", site_inbox.inbox, name="inbox"),
    path("my-work/count/", site_inbox.inbox_count, name="inbox-count"),
    path("regions/", include("kotacerdas.regions.urls")),
    path("accounts/", include("kotacerdas.accounts.urls")),
    path("program/", include("kotacerdas.program.urls")),
    path("masterplans/", include("kotacerdas.masterplan.urls")),
    path("bimtek/", include("kotacerdas.bimtek.urls")),
    path("jobs/", core_views.job_list, name="job-list"),
    path("jobs/<uuid:job_id>/", core_views.job_detail, name="job-detail"),
    path("jobs/<uuid:job_id>/download/", core_views.job_download, name="job-download"),
    path("jobs/<uuid:job_id>/retry/", core_views.job_retry, name="job-retry"),
    # The language switch also keeps a signed-in person's choice (their profile).
    path("i18n/setlang/", account_profile.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
