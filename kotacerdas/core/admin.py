from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Job, PeriodicRun


def download_link(field: str, url_of: Callable[[Any], str]) -> Callable[[Any, Any], str]:
    """A read-only admin column that opens a stored file through its access-checked
    download route. The admin never links to /media/ (not served) and never takes an
    upload: files come in through the platform's pages, which check them by content."""

    def link(admin_self: Any, obj: Any) -> str:
        stored = getattr(obj, field, None) if obj is not None else None
        if not stored:
            return "-"
        return format_html('<a href="{}">{}</a>', url_of(obj), _("Open the file"))

    link.short_description = _("file")  # type: ignore[attr-defined]
    return link


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["kind", "status", "progress", "requested_by", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    exclude = ["result_file"]
    readonly_fields = [f.name for f in Job._meta.fields if f.name != "result_file"] + ["result"]
    result = download_link("result_file", lambda job: reverse("job-download", args=[job.pk]))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(PeriodicRun)
class PeriodicRunAdmin(admin.ModelAdmin):
    list_display = ["name", "last_run_on", "started_at", "finished_at"]
    readonly_fields = ["name", "last_run_on", "started_at", "finished_at", "last_error"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
