"""The program office's back office for guidance: reading what the services wrote.
Writes go through the pages and the services (their checks and notifications), so
visits, sessions, attendance and schedule runs are read-only here; the reference-like
rows (stages, mentor profiles, unavailability, blackouts) may be corrected."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kotacerdas.bimtek import access, models


class OfficeOnly:
    """Only the program office sees these pages (the admin site still asks for staff)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_program_office(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_program_office(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_program_office(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_program_office(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_program_office(request.user)


class ReadOnly(OfficeOnly):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.GuidanceStage)
class GuidanceStageAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["cohort", "number", "days_in_region", "min_gap_days", "max_gap_days"]
    list_filter = ["cohort"]


@admin.register(models.MentorProfile)
class MentorProfileAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["user", "home_region", "max_regions", "max_travel_days_per_month"]
    list_select_related = ["user", "home_region"]
    raw_id_fields = ["user", "home_region"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(models.MentorUnavailability)
class MentorUnavailabilityAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["mentor", "starts_on", "ends_on", "reason"]
    list_select_related = ["mentor"]
    raw_id_fields = ["mentor"]
    date_hierarchy = "starts_on"


@admin.register(models.RegionBlackout)
class RegionBlackoutAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["region", "starts_on", "ends_on", "reason"]
    list_select_related = ["region"]
    raw_id_fields = ["region"]
    date_hierarchy = "starts_on"


@admin.register(models.GuidanceRegion)
class GuidanceRegionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["region", "cohort"]
    list_filter = ["cohort"]
    list_select_related = ["region", "cohort"]
    search_fields = ["region__name"]


@admin.register(models.OPDGroup)
class OPDGroupAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "guidance", "session_minutes"]
    list_select_related = ["guidance__region", "guidance__cohort"]


@admin.register(models.GuidanceVisit)
class GuidanceVisitAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["guidance", "stage", "starts_on", "ends_on", "status", "pinned"]
    list_filter = ["status", "pinned", "stage__number"]
    list_select_related = ["guidance__region", "guidance__cohort", "stage__cohort"]
    date_hierarchy = "starts_on"


@admin.register(models.GuidanceSession)
class GuidanceSessionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "visit", "kind", "starts_at", "status", "sequence"]
    list_filter = ["status", "kind"]
    list_select_related = ["visit__guidance__region", "visit__stage"]
    date_hierarchy = "starts_at"


@admin.register(models.Attendance)
class AttendanceAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "position", "opd", "session"]
    list_select_related = ["opd", "session"]


@admin.register(models.ScheduleRun)
class ScheduleRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["cohort", "created_at", "status", "gap", "solve_seconds", "applied_at"]
    list_filter = ["status", "cohort"]
    list_select_related = ["cohort"]
