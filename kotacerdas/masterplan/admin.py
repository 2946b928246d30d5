"""The program office's back office for masterplans. Regions write through their pages
and the services; here the office corrects data, and reads versions (frozen, read-only)."""

import json
from typing import Any

from django.contrib import admin
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.admin import download_link
from kotacerdas.core.money import format_rupiah
from kotacerdas.masterplan import access, models

PROVINCE = ("masterplan__region__province", admin.RelatedOnlyFieldListFilter)


class OfficeOnly:
    """Whoever core.access calls the program office may use these pages (the admin
    site itself still asks for a staff account); nobody else sees them."""

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


class FrozenAdmin(OfficeOnly, admin.ModelAdmin):
    """Records written by the workflow only: shown, never added or changed here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Masterplan, with its goals, analyses and profile -----------------------------------------


class RpjmdGoalInline(OfficeOnly, admin.TabularInline):
    model = models.RpjmdGoal
    extra = 0


class PillarAnalysisInline(OfficeOnly, admin.StackedInline):
    model = models.PillarAnalysis
    extra = 0
    fields = [
        ("pillar", "readiness"),
        "readiness_notes",
        ("strengths", "weaknesses"),
        ("opportunities", "threats"),
    ]


class ProfileFigureInline(OfficeOnly, admin.TabularInline):
    model = models.ProfileFigure
    extra = 0
    fields = ["key", "label", "value", "unit", "year", "source"]


class VersionInline(OfficeOnly, admin.TabularInline):
    model = models.MasterplanVersion
    extra = 0
    fields = readonly_fields = ("number", "created_at", "created_by")
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.Masterplan)
class MasterplanAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["region", "first_year", "status", "legal_number", "updated_at"]
    list_filter = ["status", ("region__province", admin.RelatedOnlyFieldListFilter), "first_year"]
    search_fields = ["region__name", "region__code", "vision"]
    list_select_related = ["region"]
    raw_id_fields = ["region"]
    readonly_fields = ["created_at", "updated_at", "legal_document"]
    legal_document = download_link(
        "legal_file", lambda plan: reverse("masterplan:legal-document", args=[plan.pk])
    )
    fieldsets = [
        (None, {"fields": ["region", "first_year", "status", ("created_at", "updated_at")]}),
        (_("Smart-city vision"), {"fields": ["vision", "missions", "targets", "leading_sectors"]}),
        (
            _("Alignment with the RPJMD"),
            {"fields": [("rpjmd_first_year", "rpjmd_last_year"), "rpjmd_vision", "rpjmd_missions"]},
        ),
        (
            _("Analyses and roadmap"),
            {"fields": ["gap_analysis", "roadmap", "implementation_steps"]},
        ),
        (_("Legalisation"), {"fields": ["legal_number", "legal_date", "legal_document"]}),
    ]
    inlines = [ProfileFigureInline, RpjmdGoalInline, PillarAnalysisInline, VersionInline]


@admin.register(models.Finding)
class FindingAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["title", "kind", "opd", "element", "masterplan", "merged_into"]
    list_filter = ["kind", "masterplan__status", PROVINCE, "element__dimension"]
    search_fields = ["title", "description", "opd__name", "masterplan__region__name"]
    list_select_related = ["opd", "element", "masterplan__region", "merged_into"]
    raw_id_fields = ["masterplan", "opd", "merged_into"]


@admin.register(models.RpjmdGoal)
class RpjmdGoalAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["code", "text", "masterplan"]
    list_filter = [PROVINCE]
    search_fields = ["code", "text", "masterplan__region__name"]
    list_select_related = ["masterplan__region"]
    raw_id_fields = ["masterplan"]


@admin.register(models.PillarAnalysis)
class PillarAnalysisAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["masterplan", "pillar", "readiness"]
    list_filter = ["pillar", PROVINCE]
    search_fields = ["masterplan__region__name"]
    list_select_related = ["masterplan__region", "pillar"]
    raw_id_fields = ["masterplan"]


@admin.register(models.Strategy)
class StrategyAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["element", "masterplan", "text"]
    list_filter = ["element__dimension", PROVINCE]
    search_fields = ["text", "masterplan__region__name"]
    list_select_related = ["element", "masterplan__region"]
    raw_id_fields = ["masterplan"]


@admin.register(models.ProfileFigure)
class ProfileFigureAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["__str__", "key", "year", "source", "masterplan"]
    list_filter = ["key", PROVINCE]
    search_fields = ["label", "source", "masterplan__region__name"]
    list_select_related = ["masterplan__region"]
    raw_id_fields = ["masterplan"]


# Programs, budgets and indicators -------------------------------------------------------


class BudgetLineInline(OfficeOnly, admin.TabularInline):
    model = models.BudgetLine
    extra = 0


class ProgramIndicatorInline(OfficeOnly, admin.TabularInline):
    model = models.ProgramIndicator
    extra = 0
    fields = ["kind", "name", "unit", "baseline_year", "baseline_value"]
    show_change_link = True  # its yearly targets are edited on the indicator's page


@admin.register(models.Program)
class ProgramAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = [
        "name",
        "masterplan",
        "element",
        "lead_opd",
        "horizon",
        "start_year",
        "end_year",
    ]
    list_filter = ["horizon", "element__dimension", "masterplan__status", PROVINCE]
    search_fields = ["name", "description", "lead_opd__name", "masterplan__region__name"]
    list_select_related = ["masterplan__region", "element", "lead_opd"]
    raw_id_fields = ["masterplan", "lead_opd", "supporting_opds", "problems", "goals"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [BudgetLineInline, ProgramIndicatorInline]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # An edit here is an edit like any other: a region editor holding the old
        # version is told on their next save instead of overwriting this one.
        if change:
            obj.version = F("version") + 1
        super().save_model(request, obj, form, change)
        obj.refresh_from_db(fields=["version"])


@admin.register(models.BudgetLine)
class BudgetLineAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["program", "year", "source", "amount_display"]
    list_filter = ["source", "year", "program__masterplan__region__province"]
    search_fields = ["program__name", "program__masterplan__region__name"]
    list_select_related = ["program"]
    raw_id_fields = ["program"]

    @admin.display(description=_("amount (Rp)"), ordering="amount")
    def amount_display(self, line: models.BudgetLine) -> str:
        return format_rupiah(line.amount)


class IndicatorTargetInline(OfficeOnly, admin.TabularInline):
    model = models.IndicatorTarget
    extra = 0


@admin.register(models.ProgramIndicator)
class ProgramIndicatorAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "baseline_year", "baseline_value", "program"]
    list_filter = ["kind", "program__horizon", "program__masterplan__region__province"]
    search_fields = ["name", "program__name", "program__masterplan__region__name"]
    list_select_related = ["program"]
    raw_id_fields = ["program"]
    inlines = [IndicatorTargetInline]


@admin.register(models.IndicatorTarget)
class IndicatorTargetAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["indicator", "year", "value"]
    list_filter = ["year"]
    search_fields = ["indicator__name", "indicator__program__name"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator"]


# Review ----------------------------------------------------------------------------------


@admin.register(models.ReviewComment)
class ReviewCommentAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ["__str__", "masterplan", "section", "author", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter), "masterplan__status", PROVINCE]
    search_fields = ["body", "section", "masterplan__region__name", "author__username"]
    list_select_related = ["masterplan__region", "author"]
    raw_id_fields = ["masterplan", "program", "parent", "author", "resolved_by"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(models.MasterplanVersion)
class MasterplanVersionAdmin(FrozenAdmin):
    list_display = ["masterplan", "number", "created_at", "created_by"]
    list_filter = [PROVINCE]
    search_fields = ["masterplan__region__name"]
    list_select_related = ["masterplan__region", "created_by"]
    fields = readonly_fields = (
        "masterplan",
        "number",
        "created_at",
        "created_by",
        "snapshot_display",
    )

    @admin.display(description=_("snapshot"))
    def snapshot_display(self, version: models.MasterplanVersion) -> str:
        text = json.dumps(version.snapshot, ensure_ascii=False, indent=2, sort_keys=True)
        return format_html('<pre style="white-space: pre-wrap">{}</pre>', text)


@admin.register(models.ReviewMark)
class ReviewMarkAdmin(FrozenAdmin):
    list_display = ["masterplan", "reviewer", "version", "reviewed_at"]
    list_filter = [PROVINCE]
    list_select_related = ["masterplan__region", "reviewer", "version__masterplan__region"]
    readonly_fields = ["masterplan", "reviewer", "version", "reviewed_at"]
