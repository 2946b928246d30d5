"""The table of programs, the program form (budget and indicators) and deleting a program."""

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kotacerdas.core import audit
from kotacerdas.core.errors import EditConflict
from kotacerdas.core.feedback import report_errors
from kotacerdas.core.money import format_rupiah
from kotacerdas.core.pagination import paginate
from kotacerdas.core.roles import Role
from kotacerdas.masterplan import access, checker, services
from kotacerdas.masterplan.forms.programs import ProgramEditor
from kotacerdas.masterplan.models import Horizon, Masterplan, Program
from kotacerdas.masterplan.services.editing import EDITABLE
from kotacerdas.masterplan.views.common import plan_for
from kotacerdas.regions.models import Dimension, DimensionElement


def may_add_program(user: Any, plan: Masterplan) -> bool:
    return access.can_edit_masterplan(user, plan) or access.can_edit_opd_content(
        user, plan, getattr(user, "opd_id", None)
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
    # The edit page of a program is <programs page><id>/ (urls.py).
    base = reverse("masterplan:programs", args=[plan.pk])
    rows: dict[int, list[dict[str, Any]]] = {}
    programs = plan.programs.order_by("start_year", "name").values_list(
        "pk", "name", "element_id", "horizon", "start_year", "end_year", "lead_opd_id"
    )
    opds = {
        opd_pk: (abbreviation or opd_name, opd_name)
        for opd_pk, abbreviation, opd_name in access.opds_visible_to(user)
        .filter(pk__in=plan.programs.values("lead_opd_id"))
        .values_list("pk", "abbreviation", "name")
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
    plan = plan_for(request, pk)
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
        "can_add": editable and may_add_program(user, plan),
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
    plan = plan_for(request, pk)
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
        may_write = may_add_program(user, plan)
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
            current = plan.programs.filter(pk=program.pk).first() if program else None
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
    plan = plan_for(request, pk)
    program = get_object_or_404(plan.programs.select_related("masterplan__region"), pk=program_id)
    try:
        services.delete_program(request.user, program)
    except ValidationError as error:
        report_errors(request, error)
        return redirect("masterplan:program-edit", pk=plan.pk, program_id=program.pk)
    messages.success(request, _("Program %(name)s was deleted.") % {"name": program.name})
    return redirect("masterplan:programs", pk=plan.pk)
