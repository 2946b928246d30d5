from django.contrib import admin
from django.urls import reverse

from kotacerdas.core.admin import download_link
from kotacerdas.program import models


class PhaseInline(admin.TabularInline):
    model = models.CohortPhase
    extra = 0


class CriterionInline(admin.StackedInline):
    model = models.RubricCriterion
    extra = 0
    fields = [("code", "pillar", "weight", "position"), "title", "guidance", "levels"]


@admin.register(models.Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["year", "name", "quota", "status", "application_deadline"]
    list_filter = ["status"]
    inlines = [PhaseInline, CriterionInline]


@admin.register(models.Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["region", "cohort", "status", "score", "submitted_at"]
    list_filter = ["cohort", "status"]
    search_fields = ["region__name"]
    raw_id_fields = ["region", "submitted_by"]
    list_select_related = ["region", "cohort"]


@admin.register(models.Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["application", "number", "status", "signed_on", "received_on"]
    list_filter = ["status"]
    list_select_related = ["application__region", "application__cohort"]
    raw_id_fields = ["application"]
    exclude = ["scan"]
    readonly_fields = ["scan_file"]
    scan_file = download_link("scan", lambda obj: reverse("program:agreement-scan", args=[obj.pk]))


@admin.register(models.RegionalBody)
class RegionalBodyAdmin(admin.ModelAdmin):
    list_display = ["region", "kind", "decree_number", "decree_date"]
    raw_id_fields = ["region"]
    exclude = ["decree_file"]
    readonly_fields = ["decree"]
    decree = download_link(
        "decree_file",
        lambda obj: reverse("program:decree", args=[obj.region_id, obj.kind]),
    )
