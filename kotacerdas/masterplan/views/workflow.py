"""The list, starting a masterplan, its overview with the checker, and the workflow's steps."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kotacerdas.core import audit
from kotacerdas.core.feedback import report_errors
from kotacerdas.core.pagination import paginate
from kotacerdas.core.roles import REGIONAL_ROLES
from kotacerdas.masterplan import access, checker, services
from kotacerdas.masterplan.forms.common import apply_errors
from kotacerdas.masterplan.forms.workflow import (
    ApproveForm,
    LegaliseForm,
    MasterplanFilterForm,
    RequestChangesForm,
    StartMasterplanForm,
)
from kotacerdas.masterplan.messages import chapter_status, chapter_title, describe
from kotacerdas.masterplan.models import (
    Finding,
    FundingSource,
    Masterplan,
    MasterplanStatus,
    PillarAnalysis,
    Program,
    RpjmdGoal,
    Strategy,
)
from kotacerdas.masterplan.services.editing import EDITABLE
from kotacerdas.masterplan.views.common import plan_for
from kotacerdas.masterplan.views.programs import may_add_program
from kotacerdas.masterplan.views.review import review_context
from kotacerdas.regions.models import Region

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
    plan = plan_for(request, pk)
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
        "can_add_program": plan.status in EDITABLE and may_add_program(user, plan),
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


# Messages about a refused submission shown at most; the overview lists them all.
MAX_SUBMIT_MESSAGES = 12


@login_required
@require_POST
def workflow(request: HttpRequest, pk: int) -> HttpResponse:
    """One step of the workflow; the services decide who may take it and when."""
    plan = plan_for(request, pk)
    action = request.POST.get("action")
    user = request.user
    if action == "submit":
        try:
            version = services.submit(user, plan)
        except ValidationError as error:
            # The overview shows the checker's findings with links to each place.
            found = error.messages
            for message in found[:MAX_SUBMIT_MESSAGES]:
                messages.error(request, message)
            if len(found) > MAX_SUBMIT_MESSAGES:
                messages.error(
                    request,
                    _("… and %(count)d more: see the checker's list on this page.")
                    % {"count": len(found) - MAX_SUBMIT_MESSAGES},
                )
            return redirect("masterplan:detail", pk=plan.pk)
        messages.success(
            request,
            _("The masterplan was submitted for review as version %(number)d.")
            % {"number": version.number},
        )
        return redirect("masterplan:review", pk=plan.pk)
    forms: dict[str, Any] = {
        "request_changes": RequestChangesForm(request.POST, prefix="changes"),
        "approve": ApproveForm(request.POST, prefix="approve"),
        "legalise": LegaliseForm(request.POST, request.FILES, prefix="legal"),
    }
    form = forms.get(action or "")
    if form is None:
        messages.error(request, _("Unknown action; choose one of the buttons on this page."))
        return redirect("masterplan:review", pk=plan.pk)
    shown = {str(action): form}
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "request_changes":
                services.request_changes(user, plan, data["comment"])
                done = _("Changes were requested; the region can edit the masterplan again.")
            elif action == "approve":
                services.approve(user, plan, data["comment"])
                done = _("The masterplan is approved. The region can now legalise it.")
            else:
                services.legalise(
                    user, plan, number=data["number"], date=data["date"], document=data["document"]
                )
                done = _("The masterplan is legalised.")
            messages.success(request, done)
            return redirect("masterplan:review", pk=plan.pk)
        except ValidationError as error:
            if "status" in getattr(error, "error_dict", {}):
                # Someone else moved the plan on (or a second click): say so, show it now.
                report_errors(request, error)
                return redirect("masterplan:review", pk=plan.pk)
            apply_errors(form, error, aliases={"file": "document"})
    context = review_context(request, plan, **shown)
    context["open_action"] = action
    return render(request, "masterplan/review.html", context)
