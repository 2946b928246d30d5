"""Pages of the content: introduction, profile, potentials and problems, analyses, vision."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.core.money import format_decimal
from kotacerdas.masterplan import access, services
from kotacerdas.masterplan.forms.common import apply_errors
from kotacerdas.masterplan.forms.content import (
    AnalysisTextsForm,
    FindingFilterForm,
    FindingForm,
    GoalForm,
    IntroductionForm,
    LeadingSectorsForm,
    MergeForm,
    PillarForm,
    ProfileFigureForm,
    SetAsideForm,
    StrategiesForm,
    VisionForm,
)
from kotacerdas.masterplan.models import Finding, Masterplan
from kotacerdas.masterplan.services.editing import EDITABLE
from kotacerdas.masterplan.views.common import lock_message, plan_for, refuse_locked, report, to_id
from kotacerdas.regions.models import Dimension, Pillar

FINDINGS_PER_PAGE = 50
OVERVIEW_FIELDS = ("vision", "missions", "targets", "roadmap", "implementation_steps")
ANALYSIS_FIELDS = (
    "gap_analysis",
    "rpjmd_vision",
    "rpjmd_missions",
    "rpjmd_first_year",
    "rpjmd_last_year",
)


@dataclass(frozen=True)
class FindingRow:
    """One line of the findings table with what its reader may do there."""

    finding: Finding
    aside_form: SetAsideForm
    may_edit: bool


def _context(plan: Masterplan, section: str, may_edit: bool, **extra: Any) -> dict[str, Any]:
    return {
        "plan": plan,
        "section": section,
        "may_edit": may_edit and plan.status in EDITABLE,
        "lock_message": lock_message(plan) if may_edit else "",
        **extra,
    }


@login_required
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    may_edit = access.can_edit_masterplan(request.user, plan)
    figures = list(plan.profile.all())
    editing = next((f for f in figures if f.pk == to_id(request.GET.get("edit"))), None)
    initial = (
        {
            name: getattr(editing, name)
            for name in ("key", "label", "value", "unit", "year", "source")
        }
        if editing
        else {}
    )
    figure_form = ProfileFigureForm(prefix="figure", initial=initial)
    sectors_form = LeadingSectorsForm(
        prefix="sectors", initial={"leading_sectors": plan.leading_sectors}
    )
    if request.method == "POST":
        access.require(may_edit)
        if refused := refuse_locked(request, plan, "masterplan:profile"):
            return refused
        action = request.POST.get("action")
        form: Any = None
        try:
            if action == "delete":
                figure = get_object_or_404(plan.profile, pk=to_id(request.POST.get("figure")))
                services.delete_profile_figure(request.user, figure)
                messages.success(request, _("The figure was removed."))
                return redirect("masterplan:profile", pk=plan.pk)
            if action == "sectors":
                form = sectors_form = LeadingSectorsForm(request.POST, prefix="sectors")
                if form.is_valid():
                    services.update_overview(request.user, plan, **form.cleaned_data)
                    messages.success(request, _("The leading sectors were saved."))
                    return redirect("masterplan:profile", pk=plan.pk)
            else:
                form = figure_form = ProfileFigureForm(request.POST, prefix="figure")
                if form.is_valid():
                    services.set_profile_figure(
                        request.user, plan, figure=editing, **form.cleaned_data
                    )
                    messages.success(request, _("The figure was saved."))
                    return redirect("masterplan:profile", pk=plan.pk)
        except ValidationError as error:
            report(request, form, error)
    context = _context(
        plan,
        "profile",
        may_edit,
        figures=[(f, format_decimal(f.value)) for f in figures],  # 1234567.500: 1.234.567,5
        editing=editing,
        figure_form=figure_form,
        sectors_form=sectors_form,
        sectors=[s for s in plan.leading_sectors.splitlines() if s.strip()],
    )
    return render(request, "masterplan/profile.html", context)


def _finding_editor(request: HttpRequest, plan: Masterplan) -> tuple[bool, int | None]:
    """(is the coordinator, the OPD whose entries an OPD officer may edit)."""
    user: Any = request.user
    if access.can_edit_masterplan(user, plan):
        return True, None
    own = getattr(user, "opd_id", None)
    return False, own if access.can_edit_opd_content(user, plan, own) else None


@login_required
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    is_coordinator, own_opd = _finding_editor(request, plan)
    open_findings = plan.findings.filter(merged_into=None)
    opds = access.opds_visible_to(request.user).filter(region_id=plan.region_id).order_by("name")
    filters = FindingFilterForm(request.GET or None, opds=opds)
    listed = (
        open_findings.select_related("opd", "element__dimension")
        .annotate(merged_count=Count("merged"))
        .prefetch_related(
            Prefetch(
                "programs",
                queryset=plan.programs.only("pk", "name", "masterplan_id").order_by("name"),
            )
        )
        .order_by("opd__name", "kind", "title", "pk")
    )
    if filters.is_valid():
        chosen = {k: v for k, v in filters.cleaned_data.items() if v}
        listed = listed.filter(**chosen)
    merge_form = MergeForm(findings=open_findings)
    aside_forms: dict[int, SetAsideForm] = {}
    if request.method == "POST":
        access.require(is_coordinator)
        if refused := refuse_locked(request, plan, "masterplan:findings"):
            return refused
        try:
            if request.POST.get("action") == "set_aside":
                finding = get_object_or_404(
                    open_findings.filter(kind="problem"), pk=to_id(request.POST.get("finding"))
                )
                form = aside_forms[finding.pk] = SetAsideForm(
                    request.POST, prefix=f"aside-{finding.pk}"
                )
                if form.is_valid() and not (
                    form.cleaned_data["reason"] or finding.set_aside_reason
                ):
                    form.add_error("reason", _("Say why no program addresses this problem."))
                if form.is_valid():
                    reason = form.cleaned_data["reason"]
                    services.set_aside_problem(request.user, finding, reason)
                    messages.success(
                        request,
                        _("The problem was set aside.")
                        if reason
                        else _("The problem counts as open again."),
                    )
                    return redirect(request.get_full_path())
            else:
                merge_form = MergeForm(request.POST, findings=open_findings)
                if merge_form.is_valid():
                    data = merge_form.cleaned_data
                    services.merge_findings(request.user, data["keep"], data["duplicates"])
                    count = len(data["duplicates"])
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d duplicate was merged into “%(title)s”.",
                            "%(count)d duplicates were merged into “%(title)s”.",
                            count,
                        )
                        % {"count": count, "title": data["keep"].title},
                    )
                    return redirect(request.get_full_path())
                for errors in merge_form.errors.values():
                    for message in errors:
                        messages.error(request, str(message))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    page_number: Any = request.GET.get("page")
    focus = to_id(request.GET.get("finding"))
    if focus and page_number is None:
        # Open the page holding the finding a link (the checker's, a save) points at.
        ids = list(listed.values_list("pk", flat=True))
        if focus in ids:
            page_number = ids.index(focus) // FINDINGS_PER_PAGE + 1
    page = Paginator(listed, FINDINGS_PER_PAGE).get_page(page_number)
    rows = [
        FindingRow(
            finding,
            aside_forms.get(finding.pk)
            or SetAsideForm(
                prefix=f"aside-{finding.pk}", initial={"reason": finding.set_aside_reason}
            ),
            is_coordinator or finding.opd_id == own_opd,
        )
        for finding in page.object_list
    ]
    query = request.GET.copy()  # the filters, kept by the pagination links
    for name in ("page", "finding"):
        query.pop(name, None)
    merging = request.POST if request.POST.get("action") == "merge" else None
    context = _context(
        plan,
        "findings",
        is_coordinator or own_opd is not None,
        page=page,
        rows=rows,
        filters=filters,
        query=query.urlencode(),
        is_coordinator=is_coordinator,
        merge_keep=to_id(merging.get("keep")) if merging else 0,
        merge_duplicates={to_id(v) for v in merging.getlist("duplicates")} if merging else set(),
    )
    return render(request, "masterplan/findings.html", context)


@login_required
def finding_form(request: HttpRequest, pk: int, finding_id: int | None = None) -> HttpResponse:
    plan = plan_for(request, pk)
    is_coordinator, own_opd = _finding_editor(request, plan)
    finding = None
    if finding_id is not None:
        finding = get_object_or_404(plan.findings.select_related("element"), pk=finding_id)
        access.require(is_coordinator or finding.opd_id == own_opd)
    else:
        access.require(is_coordinator or own_opd is not None)
    if request.method == "POST" and (
        refused := refuse_locked(request, plan, "masterplan:findings")
    ):
        return refused
    opds = access.opds_visible_to(request.user).filter(region_id=plan.region_id).order_by("name")
    if not is_coordinator:
        opds = opds.filter(pk=own_opd or 0)
    initial: dict[str, Any] = {"opd": own_opd}
    if finding is not None:
        initial = {
            "kind": finding.kind,
            "title": finding.title,
            "opd": finding.opd_id,
            "element": finding.element.code if finding.element else None,
            "description": finding.description,
            "evidence": finding.evidence,
        }
    elif request.GET.get("kind") in ("potential", "problem"):
        initial["kind"] = request.GET["kind"]
    form = FindingForm(
        request.POST or None, initial=initial, opds=opds, own_opd_only=not is_coordinator
    )
    if request.method == "POST":
        try:
            if finding is not None and request.POST.get("action") == "delete":
                services.delete_finding(request.user, finding)
                messages.success(request, _("“%(title)s” was removed.") % {"title": finding.title})
                return redirect("masterplan:findings", pk=plan.pk)
            if form.is_valid():
                data = form.cleaned_data
                saved = services.save_finding(
                    request.user,
                    plan,
                    services.FindingInput(
                        kind=data["kind"],
                        title=data["title"],
                        opd=data["opd"].pk,
                        description=data["description"],
                        element=data["element"].code if data["element"] else None,
                        evidence=data["evidence"],
                    ),
                    finding=finding,
                )
                messages.success(request, _("“%(title)s” was saved.") % {"title": saved.title})
                listing = reverse("masterplan:findings", args=[plan.pk])
                return redirect(f"{listing}?finding={saved.pk}#{saved.kind}-{saved.pk}")
        except ValidationError as error:
            apply_errors(form, error)
    context = _context(plan, "findings", True, form=form, finding=finding)
    return render(request, "masterplan/finding_form.html", context)


@login_required
def analyses(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    may_edit = access.can_edit_masterplan(request.user, plan)
    saved = {a.pillar_id: a for a in plan.pillar_analyses.all()}
    goals = list(plan.goals.all())
    editing_goal = next((g for g in goals if g.pk == to_id(request.GET.get("goal"))), None)
    action = request.POST.get("action") if request.method == "POST" else None
    data = request.POST if action == "save" else None
    pillar_forms = [
        (
            pillar,
            PillarForm(data, prefix=pillar.code, initial=_pillar_initial(saved.get(pillar.pk))),
        )
        for pillar in Pillar.objects.all()
    ]
    texts_form = AnalysisTextsForm(
        data, initial={name: getattr(plan, name) for name in ANALYSIS_FIELDS}
    )
    goal_form = GoalForm(
        request.POST if action == "goal" else None,
        prefix="goal",
        initial={"code": editing_goal.code, "text": editing_goal.text} if editing_goal else {},
    )
    if request.method == "POST":
        access.require(may_edit)
        if refused := refuse_locked(request, plan, "masterplan:analyses"):
            return refused
        form: Any = None
        try:
            if action == "prefill":
                count = services.prefill_readiness(request.user, plan)
                if count:
                    messages.success(
                        request,
                        ngettext(
                            "The readiness of %(count)d pillar was filled in from the assessment.",
                            "The readiness of %(count)d pillars was filled in from the assessment.",
                            count,
                        )
                        % {"count": count},
                    )
                else:
                    messages.warning(
                        request,
                        _(
                            "Nothing was filled in: the region has no published assessment "
                            "scores, or every pillar already has its readiness."
                        ),
                    )
                return redirect("masterplan:analyses", pk=plan.pk)
            if action == "delete_goal":
                goal = get_object_or_404(plan.goals, pk=to_id(request.POST.get("goal")))
                services.delete_goal(request.user, goal)
                messages.success(request, _("The goal was removed."))
                return redirect("masterplan:analyses", pk=plan.pk)
            if action == "goal":
                form = goal_form
                if form.is_valid():
                    services.save_goal(request.user, plan, goal=editing_goal, **form.cleaned_data)
                    messages.success(request, _("The goal was saved."))
                    return redirect(f"{request.path}#goals")
            elif action == "save":
                forms_ok = [f.is_valid() for _p, f in pillar_forms] + [texts_form.is_valid()]
                if all(forms_ok):
                    with transaction.atomic():  # the pillars and the texts, or nothing
                        for pillar, form in pillar_forms:
                            if form.has_changed():
                                services.save_pillar_analysis(
                                    request.user, plan, pillar.code, **form.cleaned_data
                                )
                        form = texts_form
                        services.update_overview(request.user, plan, **texts_form.cleaned_data)
                    messages.success(request, _("The analyses were saved."))
                    return redirect("masterplan:analyses", pk=plan.pk)
                messages.error(request, _("Please correct the fields marked below."))
        except ValidationError as error:
            report(request, form, error)
    context = _context(
        plan,
        "analyses",
        may_edit,
        pillar_forms=pillar_forms,
        texts_form=texts_form,
        goals=goals,
        goal_form=goal_form,
        editing_goal=editing_goal,
    )
    return render(request, "masterplan/analyses.html", context)


def _pillar_initial(analysis: Any) -> dict[str, Any]:
    if analysis is None:
        return {}
    return {name: getattr(analysis, name) for name in PillarForm.base_fields}


@login_required
def vision(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    may_edit = access.can_edit_masterplan(request.user, plan)
    dimensions = list(Dimension.objects.prefetch_related("elements"))
    elements = [e for d in dimensions for e in d.elements.all()]
    strategies = {s.element_id: s.text for s in plan.strategies.all()}
    data = request.POST if request.method == "POST" else None
    vision_form = VisionForm(data, initial={name: getattr(plan, name) for name in OVERVIEW_FIELDS})
    strategies_form = StrategiesForm(
        data,
        prefix="strategy",
        elements=elements,
        initial={e.code: strategies.get(e.pk, "") for e in elements},
    )
    if request.method == "POST":
        access.require(may_edit)
        if refused := refuse_locked(request, plan, "masterplan:vision"):
            return refused
        if vision_form.is_valid() and strategies_form.is_valid():
            form: Any = vision_form
            aliases: dict[str, str] = {}
            try:
                with transaction.atomic():  # the texts and every strategy, or nothing
                    services.update_overview(request.user, plan, **vision_form.cleaned_data)
                    form = strategies_form
                    for code in strategies_form.changed_data:
                        aliases = {"text": code}  # the service names the strategy's text
                        services.save_strategy(
                            request.user, plan, code, strategies_form.cleaned_data[code]
                        )
                messages.success(request, _("The vision, strategies and roadmap were saved."))
                return redirect("masterplan:vision", pk=plan.pk)
            except ValidationError as error:
                apply_errors(form, error, aliases)
        else:
            messages.error(request, _("Please correct the fields marked below."))
    counts = dict(plan.programs.order_by().values_list("element_id").annotate(n=Count("pk")))
    groups = [
        (
            dimension,
            [(strategies_form[e.code], counts.get(e.pk, 0)) for e in dimension.elements.all()],
        )
        for dimension in dimensions
    ]
    context = _context(plan, "vision", may_edit, vision_form=vision_form, groups=groups)
    return render(request, "masterplan/vision.html", context)


@login_required
def introduction(request: HttpRequest, pk: int) -> HttpResponse:
    """The foreword, chapter I (background, legal basis, purpose, scope) and the head of
    region who signs the masterplan document."""
    plan = plan_for(request, pk)
    may_edit = access.can_edit_masterplan(request.user, plan)
    fields = tuple(IntroductionForm.base_fields)
    form = IntroductionForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(plan, name) for name in fields},
    )
    if request.method == "POST":
        access.require(may_edit)
        if refused := refuse_locked(request, plan, "masterplan:introduction"):
            return refused
        if form.is_valid():
            try:
                services.update_overview(request.user, plan, **form.cleaned_data)
                messages.success(request, _("The foreword and introduction were saved."))
                return redirect("masterplan:introduction", pk=plan.pk)
            except ValidationError as error:
                apply_errors(form, error)
        else:
            messages.error(request, _("Please correct the fields marked below."))
    context = _context(plan, "introduction", may_edit, form=form)
    return render(request, "masterplan/introduction.html", context)
