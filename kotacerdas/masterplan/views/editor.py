"""The masterplan editor: the list, the overview with the checker, programs, the program
form, XLSX import/export and documents.

Every page finds its masterplan through access.masterplans_visible_to (another region's
plan is a 404, not a 403: its existence is private too) and writes through the services
(a refused write is the 403 page)."""

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from kotacerdas.core import access, audit
from kotacerdas.core.downloads import serve_file
from kotacerdas.core.feedback import report_errors
from kotacerdas.core.pagination import paginate
from kotacerdas.core.roles import REGIONAL_ROLES, Role
from kotacerdas.masterplan import checker, services
from kotacerdas.masterplan.documents.rupiah import format_rupiah
from kotacerdas.masterplan.forms_content import apply_errors
from kotacerdas.masterplan.forms_editor import (
    DocumentForm,
    ImportForm,
    MasterplanFilterForm,
    ProgramEditor,
    StartMasterplanForm,
)
from kotacerdas.masterplan.messages import chapter_status, chapter_title, describe
from kotacerdas.masterplan.models import (
    Finding,
    FundingSource,
    Horizon,
    Masterplan,
    MasterplanStatus,
    PillarAnalysis,
    Program,
    RpjmdGoal,
    Strategy,
)
from kotacerdas.masterplan.services.programs import EDITABLE, EditConflict
from kotacerdas.regions.models import OPD, Dimension, DimensionElement, Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The overview's links to every part of the masterplan, in the order of the document.
SECTIONS = [
    ("masterplan:profile", gettext_lazy("Region profile")),
    ("masterplan:findings", gettext_lazy("Potentials and problems")),
    ("masterplan:analyses", gettext_lazy("Readiness, gap and SWOT analyses")),
    ("masterplan:vision", gettext_lazy("Vision, missions and RPJMD alignment")),
    ("masterplan:programs", gettext_lazy("Strategies and programs")),
    ("masterplan:review", gettext_lazy("Review comments")),
    ("masterplan:versions", gettext_lazy("Versions")),
    ("masterplan:documents", gettext_lazy("Documents (DOCX, PDF)")),
    ("masterplan:import", gettext_lazy("Import and export (XLSX)")),
]


def _plan(request: HttpRequest, pk: int) -> Masterplan:
    return get_object_or_404(
        access.masterplans_visible_to(request.user).select_related("region__province"), pk=pk
    )


def _link(name: str, *args: Any, anchor: str = "") -> str:
    return reverse(name, args=args) + (f"#{anchor}" if anchor else "")


# Where each chapter of the masterplan is written: (page, anchor on it). The checker's
# anchors name these chapters; "pillar-…" and "strategies-…" name a place within one.
CHAPTER_PLACES = {
    "profile": ("masterplan:profile", "h-figures"),
    "sectors": ("masterplan:profile", "h-sectors"),
    "findings": ("masterplan:findings", ""),
    "readiness": ("masterplan:analyses", "h-readiness"),
    "swot": ("masterplan:analyses", "h-readiness"),
    "gap_analysis": ("masterplan:analyses", "h-gap"),
    "rpjmd": ("masterplan:analyses", "h-rpjmd"),
    "goals": ("masterplan:analyses", "goals"),
    "vision": ("masterplan:vision", "text-vision"),
    "missions": ("masterplan:vision", "text-missions"),
    "targets": ("masterplan:vision", "text-targets"),
    "strategies": ("masterplan:vision", "h-strategies"),
    "programs": ("masterplan:programs", ""),
    "roadmap": ("masterplan:vision", "text-roadmap"),
    "implementation_steps": ("masterplan:vision", "text-implementation_steps"),
}


def _fix_link(plan: Masterplan, anchor: str) -> str | None:
    """Where to fix a checker finding, from its anchor."""
    if anchor in CHAPTER_PLACES:
        name, fragment = CHAPTER_PLACES[anchor]
        return _link(name, plan.pk, anchor=fragment)
    kind, _dash, ref = anchor.partition("-")
    if kind == "pillar":
        return _link("masterplan:analyses", plan.pk, anchor=anchor)
    if kind == "strategies":
        return _link("masterplan:vision", plan.pk, anchor=f"dimension-{ref}")
    if kind == "program" and ref.isdigit():
        return _link("masterplan:program-edit", plan.pk, int(ref))
    if kind == "dimension":
        return _link("masterplan:programs", plan.pk, anchor=anchor)
    if kind == "problem":
        return _link("masterplan:findings", plan.pk, anchor=anchor)
    if anchor == "budget":
        return _link("masterplan:detail", plan.pk, anchor="budget")
    return None


def _checker_panel(plan: Masterplan, report: checker.CheckReport) -> dict[str, Any]:
    rows = [(f.severity, describe(f), _fix_link(plan, f.anchor)) for f in report.findings]
    return {
        "completeness": report.completeness,
        "can_submit": report.can_submit,
        "errors": [(text, url) for severity, text, url in rows if severity == checker.ERROR],
        "warnings": [(text, url) for severity, text, url in rows if severity != checker.ERROR],
        # How the score is made up: each chapter, its weight and whether it is complete.
        "chapters": [
            {
                "title": chapter_title(c.code),
                "url": _fix_link(plan, c.code),
                "weight": c.weight,
                "points": c.points,
                "complete": c.complete,
                "warnings": c.warnings,
                "status": chapter_status(c),
            }
            for c in report.chapters
        ],
    }


def _budget_table(summary: checker.BudgetSummary) -> dict[str, Any]:
    """Years down, funding sources across (only those used), totals on both sides."""
    sources = [
        (value, label) for value, label in FundingSource.choices if value in summary.by_source
    ]
    return {
        # (the header, the full name): "APBD", "APBD (regional budget)"
        "sources": [(str(label).split(" (")[0], label) for _value, label in sources],
        "rows": [
            (
                year,
                [summary.by_year_and_source.get((year, value), 0) for value, _l in sources],
                total,
            )
            for year, total in summary.by_year.items()
        ],
        "totals": [summary.by_source[value] for value, _label in sources],
        "total": summary.total,
    }


def _may_add_program(user: Any, plan: Masterplan) -> bool:
    return access.can_edit_masterplan(user, plan) or access.can_edit_opd_content(
        user, plan, getattr(user, "opd_id", None)
    )


def _audit_entries(plan: Masterplan) -> Any:
    return audit.entries_for(
        [
            (Masterplan, [plan.pk]),
            (Program, plan.programs.values_list("pk", flat=True)),
            (Finding, plan.findings.values_list("pk", flat=True)),
            (RpjmdGoal, plan.goals.values_list("pk", flat=True)),
            (Strategy, plan.strategies.values_list("pk", flat=True)),
            (PillarAnalysis, plan.pillar_analyses.values_list("pk", flat=True)),
        ],
        # Budget lines, indicators, targets and profile figures, deleted ones too.
        tagged={"masterplan": plan.pk},
    )


@login_required
def masterplan_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = MasterplanFilterForm(request.GET or None)
    visible = access.masterplans_visible_to(user)
    masterplans = (
        form.apply(visible)
        .select_related("region__province")
        .annotate(program_count=Count("programs"))
        .order_by("region__name", "-first_year")
    )
    # The region a "start the masterplan" form is for: the one asked for, or one's own.
    code = request.GET.get("region") or (user.region_id if user.role in REGIONAL_ROLES else None)
    region = Region.objects.filter(pk=code).first() if code else None
    if region is not None and not access.can_view_region_private(user, region):
        # Whether another region has a masterplan is its own business: as for its data.
        raise Http404
    start_form = None
    if region is not None and access.can_manage_region(user, region):
        start_form = StartMasterplanForm(
            request.POST if request.method == "POST" else None,
            initial={"first_year": timezone.localdate().year},
        )
    if request.method == "POST":
        if start_form is None or region is None:
            raise PermissionDenied
        if start_form.is_valid():
            try:
                plan = services.start_masterplan(
                    user, region, start_form.cleaned_data["first_year"]
                )
            except ValidationError as error:
                apply_errors(start_form, error)
            else:
                messages.success(
                    request,
                    _("The masterplan %(first)d–%(last)d was started. Begin with the profile.")
                    % {"first": plan.first_year, "last": plan.last_year},
                )
                return redirect("masterplan:detail", pk=plan.pk)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": paginate(request, masterplans),
        "query": query.urlencode(),
        "show_filters": user.role not in REGIONAL_ROLES,
        "region": region,
        "start_form": start_form,
        "region_has_plan": region is not None and visible.filter(region=region).exists(),
    }
    return render(request, "masterplan/list.html", context)


@login_required
def masterplan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    user: Any = request.user
    report = services.check_masterplan(plan)
    can_view_audit = access.can_view_object_audit(user, plan)
    context = {
        "plan": plan,
        "checker": _checker_panel(plan, report),
        "budget": _budget_table(report.budget),
        "program_count": plan.programs.count(),
        "actions": services.actions_for(user, plan),
        "sections": [(label, _link(name, plan.pk)) for name, label in SECTIONS],
        "can_add_program": plan.status in EDITABLE and _may_add_program(user, plan),
        "audit_page": paginate(request, _audit_entries(plan), per_page=20)
        if can_view_audit
        else None,
        "requested_changes": _requested_changes(plan),
    }
    return render(request, "masterplan/detail.html", context)


def _requested_changes(plan: Masterplan) -> Any:
    """What the reviewer asked to change, while the masterplan waits for it: the newest
    general comment, which request_changes writes."""
    if plan.status != MasterplanStatus.CHANGES_REQUESTED:
        return None
    return (
        plan.comments.filter(section="general", parent=None)
        .select_related("author")
        .order_by("-created_at", "-pk")
        .first()
    )


def _program_rows(
    plan: Masterplan, facts: checker.PlanFacts, report: checker.CheckReport, user: Any
) -> dict[int, list[dict[str, Any]]]:
    """The programs table's rows by element id, formatted here: 150 rows of template
    tags, translations and number formatting cost more than the queries."""
    by_id = {p.id: p for p in facts.programs}
    severities: dict[str, Counter] = {}
    for finding in report.findings:
        severities.setdefault(finding.anchor, Counter())[finding.severity] += 1
    editable = plan.status in EDITABLE
    edits_all = access.can_edit_masterplan(user, plan)
    # An OPD officer edits the programs their own OPD leads (asked once, not per row).
    own_opd = getattr(user, "opd_id", None)
    if own_opd is not None and not access.can_edit_opd_content(user, plan, own_opd):
        own_opd = None
    horizons = {value: str(label) for value, label in Horizon.choices}
    # The edit page of a program is <programs page><id>/ (urls_editor.py).
    base = reverse("masterplan:programs", args=[plan.pk])
    rows: dict[int, list[dict[str, Any]]] = {}
    programs = plan.programs.order_by("start_year", "name").values_list(
        "pk", "name", "element_id", "horizon", "start_year", "end_year", "lead_opd_id"
    )
    opds = {
        opd_pk: (abbreviation or opd_name, opd_name)
        for opd_pk, abbreviation, opd_name in OPD.objects.filter(
            pk__in=plan.programs.values("lead_opd_id")
        ).values_list("pk", "abbreviation", "name")
    }
    for pk, name, element_id, horizon, start, end, lead_id in programs:
        program_facts = by_id.get(pk)
        counts = severities.get(f"program-{pk}", Counter())
        errors, warnings = counts[checker.ERROR], counts[checker.WARNING]
        rows.setdefault(element_id, []).append(
            {
                "pk": pk,
                "name": name,
                "url": f"{base}{pk}/",
                "quick_win": horizon == Horizon.QUICK_WIN,
                "horizon": horizons.get(horizon, horizon),
                "years": str(start) if start == end else f"{start}–{end}",
                "lead": opds.get(lead_id, ("", "")),
                "total": format_rupiah(sum(a for _y, _s, a in program_facts.budget))
                if program_facts
                else "",
                "indicators": str(len(program_facts.indicators)) if program_facts else "0",
                "errors": ngettext("%(n)d error", "%(n)d errors", errors) % {"n": errors}
                if errors
                else "",
                "warnings": ngettext("%(n)d warning", "%(n)d warnings", warnings) % {"n": warnings}
                if warnings
                else "",
                "can_edit": editable
                and (edits_all or (own_opd is not None and lead_id == own_opd)),
            }
        )
    return rows


@login_required
def programs(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor's table of programs, grouped by dimension and element. Its number of
    queries does not depend on the number of programs."""
    plan = _plan(request, pk)
    user: Any = request.user
    facts = services.plan_facts(plan)
    report = checker.check(facts)
    rows = _program_rows(plan, facts, report, user)
    groups = []
    for dimension in Dimension.objects.prefetch_related("elements"):
        elements = [(e, rows[e.pk]) for e in dimension.elements.all() if e.pk in rows]
        groups.append(
            {
                "dimension": dimension,
                "elements": elements,
                "count": sum(len(element_rows) for _e, element_rows in elements),
            }
        )
    editable = plan.status in EDITABLE
    context = {
        "plan": plan,
        "groups": groups,
        "completeness": report.completeness,
        "error_count": len(report.errors),
        "warning_count": len(report.findings) - len(report.errors),
        "program_count": len(facts.programs),
        "can_add": editable and _may_add_program(user, plan),
        "editable": editable,
        "is_opd_officer": user.role == Role.OPD_OFFICER,
    }
    return render(request, "masterplan/programs.html", context)


ADD_ROW = {"add_budget": "budget", "add_indicator": "indicators"}


def _with_extra_row(data: Any, prefix: str) -> Any:
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(min(int(data.get(key) or 0), 200) + 1)
    except ValueError:
        data[key] = "1"
    return data


def _dimension_initial(code: str | None) -> dict[str, Any]:
    """A new program asked for from a dimension ("Add a program to Smart Governance"):
    its first element is chosen, so the program lands in that dimension."""
    if not code:
        return {}
    element = DimensionElement.objects.filter(dimension__code=code).order_by("position").first()
    return {"element": element.code} if element is not None else {}


@login_required
def program_form(request: HttpRequest, pk: int, program_id: int | None = None) -> HttpResponse:
    """Add or edit a program. Read-only for those who may see it but not change it;
    a refused save keeps everything typed, next to the errors."""
    plan = _plan(request, pk)
    user: Any = request.user
    program = None
    if program_id is not None:
        program = get_object_or_404(
            plan.programs.select_related("element", "lead_opd").prefetch_related(
                "supporting_opds", "goals", "problems", "budget", "indicators__targets"
            ),
            pk=program_id,
        )
        may_write = access.can_edit_opd_content(user, plan, program.lead_opd_id)
    else:
        may_write = _may_add_program(user, plan)
        if not may_write:
            raise PermissionDenied
        if plan.status not in EDITABLE and request.method != "POST":
            messages.error(
                request,
                _("The masterplan is %(status)s and cannot be edited.")
                % {"status": plan.get_status_display()},
            )
            return redirect("masterplan:programs", pk=plan.pk)
    if request.method == "POST" and not may_write:
        raise PermissionDenied
    # An OPD officer writes for their own OPD; the coordinator chooses.
    fixed_opd = user.opd if user.role == Role.OPD_OFFICER and user.opd_id else None
    if access.can_edit_masterplan(user, plan):
        fixed_opd = None
    data = request.POST if request.method == "POST" else None
    adding = next((prefix for key, prefix in ADD_ROW.items() if data and key in data), None)
    if adding:
        data = _with_extra_row(data, adding)
    editor = ProgramEditor(
        plan,
        program=program,
        data=data,
        fixed_opd=fixed_opd,
        initial=_dimension_initial(request.GET.get("dimension")) if program is None else None,
        read_only=not may_write or (request.method != "POST" and plan.status not in EDITABLE),
    )
    conflict: dict[str, Any] | None = None
    if adding:
        editor.quiet()
        editor.focus_new_row(adding)
        if request.headers.get("HX-Request"):
            partial = "_editor_budget.html" if adding == "budget" else "_editor_indicators.html"
            return render(request, f"masterplan/{partial}", {"editor": editor, "plan": plan})
    elif data is not None and editor.is_valid():
        try:
            saved = services.save_program(
                user,
                plan,
                editor.to_input(),
                program=program,
                expected_version=editor.expected_version(data.get("overwrite_version"))
                if program
                else None,
            )
        except EditConflict:  # only an edit conflicts: someone saved or deleted it since
            current = Program.objects.filter(pk=program.pk).first() if program else None
            conflict = {"version": current.version if current else None}
        except ValidationError as error:
            editor.add_errors(error)
        else:
            messages.success(request, _("Program %(name)s was saved.") % {"name": saved.name})
            return redirect(reverse("masterplan:programs", args=[plan.pk]) + f"#program-{saved.pk}")
    elif data is not None:
        editor.check_rules_too(plan)
    context = {
        "plan": plan,
        "program": program,
        "editor": editor,
        "form": editor.form,
        "may_write": may_write,
        "conflict": conflict,
        "can_delete": program is not None and may_write and plan.status in EDITABLE,
        # The program's own history: its fields, budget lines, indicators and targets.
        "audit_page": paginate(
            request,
            audit.entries_for([(Program, [program.pk])], tagged={"program": program.pk}),
            per_page=20,
        )
        if program is not None and access.can_view_object_audit(user, plan)
        else None,
    }
    return render(request, "masterplan/program_form.html", context)


@login_required
@require_POST
def program_delete(request: HttpRequest, pk: int, program_id: int) -> HttpResponse:
    plan = _plan(request, pk)
    program = get_object_or_404(plan.programs.select_related("masterplan__region"), pk=program_id)
    try:
        services.delete_program(request.user, program)
    except ValidationError as error:
        report_errors(request, error)
        return redirect("masterplan:program-edit", pk=plan.pk, program_id=program.pk)
    messages.success(request, _("Program %(name)s was deleted.") % {"name": program.name})
    return redirect("masterplan:programs", pk=plan.pk)


@login_required
def import_programs(request: HttpRequest, pk: int) -> HttpResponse:
    # Loaded on use: openpyxl is heavy, and only these pages need it.
    from kotacerdas.masterplan import spreadsheet

    plan = _plan(request, pk)
    user: Any = request.user
    # An import may replace any program, so it is the coordinator's (as the service says).
    may_import = plan.status in EDITABLE and access.can_edit_masterplan(user, plan)
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[Any] = []
    if request.method == "POST":
        access.require(access.can_edit_masterplan(user, plan))
        if form.is_valid():
            try:
                result = spreadsheet.import_programs(user, plan, form.cleaned_data["file"])
            except spreadsheet.SpreadsheetErrors as error:
                row_errors = list(error.errors)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Imported: %(created)d programs added, %(updated)d updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("masterplan:programs", pk=plan.pk)
    context = {"plan": plan, "form": form, "row_errors": row_errors, "may_import": may_import}
    return render(request, "masterplan/import.html", context)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_programs(request: HttpRequest, pk: int) -> HttpResponse:
    from kotacerdas.masterplan import spreadsheet

    plan = _plan(request, pk)
    name = f"masterplan-{plan.region_id}-{plan.first_year}-programs.xlsx"
    return _xlsx(spreadsheet.export_programs(plan), name)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    from kotacerdas.masterplan import spreadsheet

    first_year = _first_year(request.GET.get("first_year"))
    return _xlsx(spreadsheet.template_xlsx(first_year), "masterplan-programs-template.xlsx")


def _first_year(value: str | None) -> int | None:
    """A masterplan's first year from the query, or None (this year) if not plausible."""
    year = int(value) if value and value.isdigit() else None
    return year if year is not None and 2015 <= year <= 2100 else None


@login_required
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = services.request_document(
                request.user,
                plan,
                fmt=data["fmt"],
                summary=data["kind"] == "summary",
                language=data["language"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if job.reused:
                messages.info(
                    request,
                    _("The same document is already being made. This page shows its progress."),
                )
            else:
                messages.info(
                    request, _("The document is being made. This page shows its progress.")
                )
            return redirect("job-detail", job_id=job.pk)
    earlier = services.documents_of(plan).select_related("requested_by")
    context = {"plan": plan, "form": form, "page": paginate(request, earlier, per_page=20)}
    return render(request, "masterplan/documents.html", context)


@login_required
def document_download(request: HttpRequest, pk: int, job_id: str) -> FileResponse:
    """A document of the masterplan, for anyone who sees the plan (the job page's own
    download is only for the person who asked for it)."""
    plan = _plan(request, pk)
    job = get_object_or_404(services.documents_of(plan), pk=job_id)
    name = (job.result_file.name or "").rsplit("/", 1)[-1]
    return serve_file(job.result_file, name, inline=False)


@login_required
def legal_document(request: HttpRequest, pk: int) -> FileResponse:
    """The signed Perbup/Perwali of a legalised masterplan, for anyone who sees the plan."""
    plan = _plan(request, pk)
    kind = "Perwali" if plan.region.kind == "kota" else "Perbup"
    name = f"{kind} {plan.legal_number} - {plan.region.name}".replace("  ", " ")
    return serve_file(plan.legal_file, name, content_type="application/pdf")
