"""A masterplan's content over the API: overview, profile, potentials and problems,
RPJMD goals, pillar analyses, strategies, and deleting programs. Reads follow who may
see the masterplan (others get 404); writes go through the services (403, 422)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from kotacerdas.core.api_support import AUTH, AuthedRequest, PageNumberWithTotal
from kotacerdas.masterplan import access, services
from kotacerdas.masterplan.api.lookup import ERRORS, visible_plan
from kotacerdas.masterplan.api.programs import router as programs_router
from kotacerdas.masterplan.models import (
    Finding,
    Masterplan,
    ProfileFigure,
    Program,
    RpjmdGoal,
)
from kotacerdas.masterplan.schemas import (
    AnalysisIn,
    AnalysisOut,
    GoalIn,
    GoalOut,
    MergeIn,
    OverviewOut,
    OverviewPatch,
    PotentialOrProblemFilters,
    PotentialOrProblemIn,
    PotentialOrProblemOut,
    PrefillOut,
    ProfileFigureIn,
    ProfileFigureOut,
    SetAsideIn,
    StrategyIn,
    StrategyOut,
)
from kotacerdas.regions.models import Pillar

router = Router(tags=["masterplans"], auth=AUTH)


def _visible(request: AuthedRequest, model: Any, pk: int) -> Any:
    """An object of a masterplan the user may see, with its masterplan and region."""
    return get_object_or_404(
        access.content_visible_to(request.auth, model).select_related("masterplan__region"),
        pk=pk,
    )


# Overview ----------------------------------------------------------------------------


@router.get("/masterplans/{masterplan_id}/overview", response={200: OverviewOut, **ERRORS})
def get_overview(request: AuthedRequest, masterplan_id: int) -> Masterplan:
    return visible_plan(request, masterplan_id)


@router.patch(
    "/masterplans/{masterplan_id}/overview",
    response={200: OverviewOut, **ERRORS},
    summary="Change vision, missions, targets, RPJMD alignment, gap analysis, roadmap, "
    "foreword, introduction and signatory",
)
def patch_overview(request: AuthedRequest, masterplan_id: int, payload: OverviewPatch) -> Any:
    plan = visible_plan(request, masterplan_id)
    return services.update_overview(request.auth, plan, **payload.dict(exclude_unset=True))


# Profile -----------------------------------------------------------------------------


@router.get(
    "/masterplans/{masterplan_id}/profile", response={200: list[ProfileFigureOut], **ERRORS}
)
def list_profile(request: AuthedRequest, masterplan_id: int) -> QuerySet:
    return visible_plan(request, masterplan_id).profile.all()


@router.post(
    "/masterplans/{masterplan_id}/profile",
    response={200: ProfileFigureOut, **ERRORS},
    summary="Record a profile figure (a named figure set again replaces the one recorded)",
)
def set_figure(request: AuthedRequest, masterplan_id: int, payload: ProfileFigureIn) -> Any:
    plan = visible_plan(request, masterplan_id)
    return services.set_profile_figure(request.auth, plan, **payload.dict())


@router.put("/profile-figures/{figure_id}", response={200: ProfileFigureOut, **ERRORS})
def update_figure(request: AuthedRequest, figure_id: int, payload: ProfileFigureIn) -> Any:
    figure = _visible(request, ProfileFigure, figure_id)
    return services.set_profile_figure(
        request.auth, figure.masterplan, figure=figure, **payload.dict()
    )


@router.delete("/profile-figures/{figure_id}", response={204: None, **ERRORS})
def delete_figure(request: AuthedRequest, figure_id: int) -> Status[None]:
    services.delete_profile_figure(request.auth, _visible(request, ProfileFigure, figure_id))
    return Status(204, None)


# Potentials and problems -------------------------------------------------------------


def _findings(plan: Masterplan) -> QuerySet:
    return plan.findings.select_related("opd", "element").annotate(program_count=Count("programs"))


def _finding_out(finding: Finding) -> Finding:
    return _findings(finding.masterplan).get(pk=finding.pk)


@router.get(
    "/masterplans/{masterplan_id}/findings",
    response={200: list[PotentialOrProblemOut], **ERRORS},
    summary="Potentials and problems, by kind and OPD",
)
@paginate(PageNumberWithTotal)
def list_findings(
    request: AuthedRequest, masterplan_id: int, filters: Query[PotentialOrProblemFilters]
) -> QuerySet:
    findings = _findings(visible_plan(request, masterplan_id))
    if filters.kind:
        findings = findings.filter(kind=filters.kind)
    if filters.opd is not None:
        findings = findings.filter(opd_id=filters.opd)
    if not filters.include_merged:
        findings = findings.filter(merged_into=None)
    return findings.order_by("kind", "title", "pk")


@router.post(
    "/masterplans/{masterplan_id}/findings",
    response={201: PotentialOrProblemOut, **ERRORS},
    summary="Record a potential or problem (an OPD officer: for their own OPD)",
)
def add_finding(
    request: AuthedRequest, masterplan_id: int, payload: PotentialOrProblemIn
) -> Status[Any]:
    plan = visible_plan(request, masterplan_id)
    finding = services.save_finding(request.auth, plan, services.FindingInput(**payload.dict()))
    return Status(201, _finding_out(finding))


@router.put("/findings/{finding_id}", response={200: PotentialOrProblemOut, **ERRORS})
def update_finding(request: AuthedRequest, finding_id: int, payload: PotentialOrProblemIn) -> Any:
    finding = _visible(request, Finding, finding_id)
    services.save_finding(
        request.auth,
        finding.masterplan,
        services.FindingInput(**payload.dict()),
        finding=finding,
    )
    return _finding_out(finding)


@router.delete("/findings/{finding_id}", response={204: None, **ERRORS})
def delete_finding(request: AuthedRequest, finding_id: int) -> Status[None]:
    services.delete_finding(request.auth, _visible(request, Finding, finding_id))
    return Status(204, None)


@router.post(
    "/findings/{finding_id}/merge",
    response={200: PotentialOrProblemOut, **ERRORS},
    summary="Merge duplicates into this finding (the coordinator)",
)
def merge(request: AuthedRequest, finding_id: int, payload: MergeIn) -> Any:
    keep = _visible(request, Finding, finding_id)
    wanted = set(payload.duplicates)
    duplicates = list(keep.masterplan.findings.filter(pk__in=wanted))
    unknown = sorted(wanted - {d.pk for d in duplicates})
    if unknown:
        raise ValidationError(
            {
                "duplicates": _("No finding of this masterplan has the id %(ids)s.")
                % {"ids": ", ".join(map(str, unknown))}
            }
        )
    return _finding_out(services.merge_findings(request.auth, keep, duplicates))


@router.post(
    "/findings/{finding_id}/set-aside",
    response={200: PotentialOrProblemOut, **ERRORS},
    summary="Say why no program addresses a problem (empty reason takes it back)",
)
def set_aside(request: AuthedRequest, finding_id: int, payload: SetAsideIn) -> Any:
    finding = _visible(request, Finding, finding_id)
    return _finding_out(services.set_aside_problem(request.auth, finding, payload.reason))


# RPJMD goals -------------------------------------------------------------------------


def _goal_out(goal: RpjmdGoal) -> RpjmdGoal:
    return goal.masterplan.goals.annotate(program_count=Count("programs")).get(pk=goal.pk)


@router.get("/masterplans/{masterplan_id}/goals", response={200: list[GoalOut], **ERRORS})
def list_goals(request: AuthedRequest, masterplan_id: int) -> QuerySet:
    plan = visible_plan(request, masterplan_id)
    return plan.goals.annotate(program_count=Count("programs")).order_by("code")


@router.post("/masterplans/{masterplan_id}/goals", response={201: GoalOut, **ERRORS})
def add_goal(request: AuthedRequest, masterplan_id: int, payload: GoalIn) -> Status[Any]:
    plan = visible_plan(request, masterplan_id)
    goal = services.save_goal(request.auth, plan, code=payload.code, text=payload.text)
    return Status(201, _goal_out(goal))


@router.put("/goals/{goal_id}", response={200: GoalOut, **ERRORS})
def update_goal(request: AuthedRequest, goal_id: int, payload: GoalIn) -> Any:
    goal = _visible(request, RpjmdGoal, goal_id)
    services.save_goal(
        request.auth, goal.masterplan, code=payload.code, text=payload.text, goal=goal
    )
    return _goal_out(goal)


@router.delete(
    "/goals/{goal_id}",
    response={204: None, **ERRORS},
    summary="Delete a goal no program serves",
)
def delete_goal(request: AuthedRequest, goal_id: int) -> Status[None]:
    services.delete_goal(request.auth, _visible(request, RpjmdGoal, goal_id))
    return Status(204, None)


# Readiness and SWOT per pillar -------------------------------------------------------


def _analysis_out(pillar: Pillar, analysis: Any) -> dict[str, Any]:
    texts = ("readiness_notes", "strengths", "weaknesses", "opportunities", "threats")
    return {
        "pillar": pillar.code,
        "pillar_name": pillar.name,
        "readiness": analysis.readiness if analysis else None,
        **{name: getattr(analysis, name) if analysis else "" for name in texts},
    }


@router.get(
    "/masterplans/{masterplan_id}/analyses",
    response={200: list[AnalysisOut], **ERRORS},
    summary="Readiness and SWOT of every readiness pillar",
)
def list_analyses(request: AuthedRequest, masterplan_id: int) -> list[dict[str, Any]]:
    plan = visible_plan(request, masterplan_id)
    done = {a.pillar_id: a for a in plan.pillar_analyses.all()}
    return [_analysis_out(p, done.get(p.pk)) for p in Pillar.objects.all()]


# Registered before /analyses/{pillar_code}, which would otherwise take its path.
@router.post(
    "/masterplans/{masterplan_id}/analyses/prefill",
    response={200: PrefillOut, **ERRORS},
    summary="Fill empty readiness values from the region's published assessment",
)
def prefill(request: AuthedRequest, masterplan_id: int) -> dict[str, int]:
    return {
        "filled": services.prefill_readiness(request.auth, visible_plan(request, masterplan_id))
    }


@router.put(
    "/masterplans/{masterplan_id}/analyses/{pillar_code}", response={200: AnalysisOut, **ERRORS}
)
def save_analysis(
    request: AuthedRequest, masterplan_id: int, pillar_code: str, payload: AnalysisIn
) -> dict[str, Any]:
    plan = visible_plan(request, masterplan_id)
    analysis = services.save_pillar_analysis(request.auth, plan, pillar_code, **payload.dict())
    return _analysis_out(analysis.pillar, analysis)


# Strategies --------------------------------------------------------------------------


@router.get("/masterplans/{masterplan_id}/strategies", response={200: list[StrategyOut], **ERRORS})
def list_strategies(request: AuthedRequest, masterplan_id: int) -> list[dict[str, str]]:
    plan = visible_plan(request, masterplan_id)
    strategies = plan.strategies.select_related("element__dimension").order_by(
        "element__dimension__position", "element__position", "element__code"
    )
    return [
        {"element": s.element.code, "dimension": s.element.dimension.code, "text": s.text}
        for s in strategies
    ]


@router.put(
    "/masterplans/{masterplan_id}/strategies/{element_code}",
    response={200: StrategyOut, 204: None, **ERRORS},
    summary="Set an element's strategy; empty text deletes it (204)",
)
def save_strategy(
    request: AuthedRequest, masterplan_id: int, element_code: str, payload: StrategyIn
) -> Any:
    plan = visible_plan(request, masterplan_id)
    strategy = services.save_strategy(request.auth, plan, element_code, payload.text)
    if strategy is None:
        return Status(204, None)
    element = strategy.element
    return {"element": element.code, "dimension": element.dimension.code, "text": strategy.text}


# Programs ----------------------------------------------------------------------------


# Django sends a path to the first router that declares it, and PUT /programs/{id} is the
# programs router's: this operation joins that router's path, or DELETE would get 405.
@programs_router.delete(
    "/programs/{program_id}",
    response={204: None, **ERRORS},
    summary="Delete a program (an OPD officer: their own OPD's)",
)
def delete_program(request: AuthedRequest, program_id: int) -> Status[None]:
    services.delete_program(request.auth, _visible(request, Program, program_id))
    return Status(204, None)
